// Implementation of json_fields.h: see the contract there. Message texts are part of the
// plugins' observable behaviour (they reach the host via set_error); keep them stable.
#include "json_fields.h"

#include <algorithm>
#include <cmath>

namespace mockroom::plugin_support {
namespace {

using nlohmann::json;

const json& empty_object() {
  static const json kEmpty = json::object();
  return kEmpty;
}

bool all_whitespace(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// nlohmann messages start with "[json.exception.parse_error.101] "; the id helps nobody.
std::string_view without_exception_id(std::string_view what) {
  if (!what.empty() && what.front() == '[') {
    size_t close = what.find("] ");
    if (close != std::string_view::npos) what.remove_prefix(close + 2);
  }
  return what;
}

const char* type_name(const json& value) { return value.type_name(); }

}  // namespace

json parse_object(std::string_view text, std::string_view what, EmptyInput empty, size_t max_bytes,
                  InputError& error) {
  if (text.size() > max_bytes) {
    error.set(std::string(what) + " is " + std::to_string(text.size()) + " bytes; the limit is " +
              std::to_string(max_bytes));
    return json::object();
  }
  if (all_whitespace(text)) {
    if (empty == EmptyInput::kRejected) error.set(std::string(what) + " is empty");
    return json::object();
  }
  json document;
  try {
    document = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    error.set(std::string(what) +
              " is not valid JSON: " + std::string(without_exception_id(e.what())));
    return json::object();
  }
  if (!document.is_object()) {
    error.set(std::string(what) + " must be a JSON object, not " + type_name(document));
    return json::object();
  }
  return document;
}

Fields::Fields(const json& object, std::string path, InputError& error)
    : object_(object.is_object() ? &object : &empty_object()),
      path_(std::move(path)),
      error_(&error) {}

std::string Fields::where(std::string_view key) const { return path_ + "." + std::string(key); }

void Fields::fail(std::string_view key, std::string_view problem) {
  error_->set(where(key) + " " + std::string(problem));
}

const json* Fields::find(std::string_view key, Presence presence) {
  if (error_->failed()) return nullptr;
  auto it = object_->find(key);
  if (it == object_->end() || it->is_null()) {
    if (presence == Presence::kRequired) fail(key, "is required");
    return nullptr;
  }
  return &*it;
}

std::string Fields::text(std::string_view key, Presence presence, size_t max_bytes) {
  const json* value = find(key, presence);
  if (!value) return {};
  if (!value->is_string()) {
    fail(key, std::string("must be a string, not ") + type_name(*value));
    return {};
  }
  const auto& s = value->get_ref<const std::string&>();
  if (s.size() > max_bytes) {
    fail(key,
         "is " + std::to_string(s.size()) + " bytes; the limit is " + std::to_string(max_bytes));
    return {};
  }
  return s;
}

int64_t Fields::integer(std::string_view key, Presence presence, int64_t min, int64_t max,
                        int64_t fallback) {
  const json* value = find(key, presence);
  if (!value) return fallback;
  if (!value->is_number_integer()) {
    fail(key, std::string("must be an integer, not ") + type_name(*value));
    return fallback;
  }
  constexpr uint64_t kInt64Max = static_cast<uint64_t>(INT64_MAX);
  bool representable = !value->is_number_unsigned() || value->get<uint64_t>() <= kInt64Max;
  int64_t v = representable ? value->get<int64_t>() : 0;
  if (!representable || v < min || v > max) {
    fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return fallback;
  }
  return v;
}

bool Fields::boolean(std::string_view key, Presence presence, bool fallback) {
  const json* value = find(key, presence);
  if (!value) return fallback;
  if (!value->is_boolean()) {
    fail(key, std::string("must be true or false, not ") + type_name(*value));
    return fallback;
  }
  return value->get<bool>();
}

double Fields::number(std::string_view key, Presence presence, double min, double max,
                      double fallback) {
  const json* value = find(key, presence);
  if (!value) return fallback;
  if (!value->is_number()) {
    fail(key, std::string("must be a number, not ") + type_name(*value));
    return fallback;
  }
  double d = value->get<double>();
  if (!std::isfinite(d) || d < min || d > max) {
    fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return fallback;
  }
  return d;
}

std::vector<std::string> Fields::texts(std::string_view key, Presence presence, size_t max_items,
                                       size_t max_item_bytes) {
  const json* value = find(key, presence);
  if (!value) return {};
  if (!value->is_array()) {
    fail(key, std::string("must be an array of strings, not ") + type_name(*value));
    return {};
  }
  if (value->size() > max_items) {
    fail(key, "has " + std::to_string(value->size()) + " items; the limit is " +
                  std::to_string(max_items));
    return {};
  }
  std::vector<std::string> out;
  out.reserve(value->size());
  for (size_t i = 0; i < value->size(); ++i) {
    const json& item = (*value)[i];
    std::string item_key = std::string(key) + "[" + std::to_string(i) + "]";
    if (!item.is_string()) {
      fail(item_key, std::string("must be a string, not ") + type_name(item));
      return {};
    }
    const auto& s = item.get_ref<const std::string&>();
    if (s.size() > max_item_bytes) {
      fail(item_key, "is " + std::to_string(s.size()) + " bytes; the limit is " +
                         std::to_string(max_item_bytes));
      return {};
    }
    out.push_back(s);
  }
  return out;
}

Fields Fields::object(std::string_view key, Presence presence) {
  const json* value = find(key, presence);
  if (value && !value->is_object()) {
    fail(key, std::string("must be an object, not ") + type_name(*value));
    value = nullptr;
  }
  return Fields(value ? *value : empty_object(), where(key), *error_);
}

std::vector<Fields> Fields::objects(std::string_view key, Presence presence, size_t max_items) {
  const json* value = find(key, presence);
  if (!value) return {};
  if (!value->is_array()) {
    fail(key, std::string("must be an array of objects, not ") + type_name(*value));
    return {};
  }
  if (value->size() > max_items) {
    fail(key, "has " + std::to_string(value->size()) + " items; the limit is " +
                  std::to_string(max_items));
    return {};
  }
  std::vector<Fields> out;
  out.reserve(value->size());
  for (size_t i = 0; i < value->size(); ++i) {
    const json& item = (*value)[i];
    std::string item_key = std::string(key) + "[" + std::to_string(i) + "]";
    if (!item.is_object()) {
      fail(item_key, std::string("must be an object, not ") + type_name(item));
      return {};
    }
    out.emplace_back(item, where(item_key), *error_);
  }
  return out;
}

std::vector<std::string> Fields::keys() const {
  std::vector<std::string> out;
  for (const auto& [key, value] : object_->items()) out.push_back(key);
  return out;
}

bool Fields::has(std::string_view key) const {
  auto it = object_->find(key);
  return it != object_->end() && !it->is_null();
}

void Fields::reject_unknown(std::initializer_list<std::string_view> known) {
  reject_unknown(std::span<const std::string_view>(known.begin(), known.size()));
}

void Fields::reject_unknown(std::span<const std::string_view> known) {
  if (error_->failed()) return;
  for (const auto& [key, value] : object_->items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    std::string message = "has unknown key \"" + key + "\"";
    if (known.size() > 0) {
      message += " (known keys:";
      for (std::string_view k : known) message += " " + std::string(k);
      message += ")";
    } else {
      message += " (no keys are accepted)";
    }
    error_->set(path_ + " " + message);
    return;
  }
}

}  // namespace mockroom::plugin_support
