// Expected failures as values: a Failure is an mr_status plus the message the host shows;
// Result<T> holds a T or a Failure, Status only the possible Failure.
//
// Messages never contain the configured auth token (see redact() in judge0_client.h).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "mockroom/plugin.h"

namespace mockroom::runner_judge0 {

struct Failure {
  mr_status status = MR_ERR_INTERNAL;
  std::string message;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}            // NOLINT: implicit by design
  Result(Failure failure) : state_(std::move(failure)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  const Failure& failure() const { return std::get<1>(state_); }

 private:
  std::variant<T, Failure> state_;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Failure failure) : failure_(std::move(failure)) {}  // NOLINT

  bool ok() const { return !failure_.has_value(); }
  const Failure& failure() const { return *failure_; }

 private:
  std::optional<Failure> failure_;
};

}  // namespace mockroom::runner_judge0
