// Result<T>: the value of an operation that can fail in an expected way (bad input, not
// found, conflict). Exceptions are kept for programmer errors and start-up failures.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace mockroom {

// Error codes double as the `error.code` of API responses; `http_status` maps them.
enum class ErrorCode {
  kInvalidArgument,  // 400: the request is malformed or a field is wrong
  kUnauthorized,     // 401: no or bad credentials
  kForbidden,        // 403: authenticated but not allowed
  kNotFound,         // 404: absent, or not the caller's
  kConflict,         // 409: state does not allow it (answering a paused session, ...)
  kPayloadTooLarge,  // 413
  kUnavailable,      // 503: a provider or dependency failed
  kInternal,         // 500: a bug or unexpected storage failure
  kPaymentRequired,  // 402: the user's plan does not cover it (the message says what would)
  kTooManyRequests,  // 429: slow down (the message says when to try again)
};

const char* error_code_name(ErrorCode code);
int http_status(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

inline Error invalid(std::string m) { return {ErrorCode::kInvalidArgument, std::move(m)}; }
inline Error not_found(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
inline Error conflict(std::string m) { return {ErrorCode::kConflict, std::move(m)}; }
inline Error internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }
inline Error unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Status: a Result with no value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT
  static Status Ok() { return {}; }
  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace mockroom
