// Validated reading of request and config JSON, shared by every provider plugin.
//
// Compiled into each plugin .so (static linkage, hidden visibility): nothing here crosses
// the plugin ABI, and each plugin gets its own copy of the code.
//
// Parsing is value-based: parse_object() and Fields record the first problem they find in
// an InputError (later reads return fallbacks), so a parser reads every field it needs and
// checks once at the end. Messages name the offending field by path, e.g.
// "request.question.concepts[2] must be a string".
//
// A Fields object borrows the JSON it reads; the document must outlive it. Single-threaded:
// one parse, one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mockroom::plugin_support {

enum class Presence { kRequired, kOptional };
enum class EmptyInput { kAllowed, kRejected };

// The outcome of parsing some input: the value, or why the input was refused.
template <class T>
struct [[nodiscard]] Parsed {
  std::optional<T> value;
  std::string error;

  bool ok() const { return value.has_value(); }
  static Parsed failure(std::string message) { return Parsed{std::nullopt, std::move(message)}; }
};

// The first validation problem of one parse.
class InputError {
 public:
  void set(std::string message) {
    if (message_.empty()) message_ = std::move(message);
  }
  bool failed() const { return !message_.empty(); }
  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

// Parses `text` as one JSON object named `what` in messages. An empty (or all-whitespace)
// text is {} when `empty` is kAllowed. On failure records the problem and returns {}.
nlohmann::json parse_object(std::string_view text, std::string_view what, EmptyInput empty,
                            size_t max_bytes, InputError& error);

// Typed, bounded access to the members of one JSON object. JSON null counts as absent.
class Fields {
 public:
  Fields(const nlohmann::json& object, std::string path, InputError& error);

  std::string text(std::string_view key, Presence presence, size_t max_bytes);
  int64_t integer(std::string_view key, Presence presence, int64_t min, int64_t max,
                  int64_t fallback);
  bool boolean(std::string_view key, Presence presence, bool fallback);
  double number(std::string_view key, Presence presence, double min, double max, double fallback);
  std::vector<std::string> texts(std::string_view key, Presence presence, size_t max_items,
                                 size_t max_item_bytes);
  // A missing optional object reads as {}.
  Fields object(std::string_view key, Presence presence);
  // Each element must be an object.
  std::vector<Fields> objects(std::string_view key, Presence presence, size_t max_items);

  // Member names, in sorted order.
  std::vector<std::string> keys() const;
  // True when `key` is present and not null.
  bool has(std::string_view key) const;
  const std::string& path() const { return path_; }
  InputError& error() const { return *error_; }

  // Records an error naming the first member whose key is not in `known`. The span form
  // serves a config made of several parts, each with its own list of keys.
  void reject_unknown(std::initializer_list<std::string_view> known);
  void reject_unknown(std::span<const std::string_view> known);

 private:
  const nlohmann::json* find(std::string_view key, Presence presence);
  std::string where(std::string_view key) const;
  void fail(std::string_view key, std::string_view problem);

  const nlohmann::json* object_;
  std::string path_;
  InputError* error_;
};

}  // namespace mockroom::plugin_support
