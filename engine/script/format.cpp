#include "script/format.h"

#include <lua.hpp>

#include <regex>

#include "script/interview_vm.h"
#include "script/lua_json.h"
#include "script/sandbox.h"
#include "util/crypto.h"

namespace mockroom::script {

using nlohmann::json;

namespace {
constexpr Limits kInspectLimits{4u << 20, 5'000'000};
constexpr std::size_t kMaxScriptBytes = 256 * 1024;
const std::regex kIdPattern("^[a-z0-9][a-z0-9_-]{0,63}$");

constexpr std::size_t kMaxOptionTextBytes = 120;

Status field_error(const std::string& field, const std::string& why) {
  return invalid("interview{} field '" + field + "' " + why);
}

// A multiple-choice value: a non-empty list of distinct choices.
Status check_multiple(const json& value, const json& choices, const std::string& name) {
  if (!value.is_array() || value.empty()) return invalid("'" + name + "' must be a non-empty list");
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (std::find(choices.begin(), choices.end(), value[i]) == choices.end()) {
      return invalid("'" + name + "' items must be among " + choices.dump());
    }
    if (std::find(value.begin(), value.begin() + static_cast<long>(i), value[i]) != value.begin() + static_cast<long>(i)) {
      return invalid("'" + name + "' lists " + value[i].dump() + " twice");
    }
  }
  return {};
}

// Free text (a role title, say): a string within the option's maxLength.
Status check_text_option(const json& value, const json& opt, const std::string& name) {
  if (!value.is_string()) return invalid("'" + name + "' must be text");
  auto limit = std::min<std::size_t>(opt.value("maxLength", kMaxOptionTextBytes), kMaxOptionTextBytes);
  const auto& text = value.get_ref<const std::string&>();
  if (text.size() > limit) return invalid("'" + name + "' is longer than " + std::to_string(limit) + " characters");
  if (std::any_of(text.begin(), text.end(), [](unsigned char c) { return c < 0x20; })) {
    return invalid("'" + name + "' must be a single line of text");
  }
  return {};
}
}  // namespace

Status validate_meta(const json& meta) {
  if (!meta.is_object()) return invalid("the script must call interview{...} with a table");
  for (const char* key : {"id", "title", "kind", "rubric"}) {
    if (!meta.contains(key) || !meta[key].is_string() || meta[key].get<std::string>().empty()) {
      return field_error(key, "must be a non-empty string");
    }
  }
  if (!std::regex_match(meta["id"].get<std::string>(), kIdPattern)) {
    return field_error("id", "may use a-z, 0-9, '_' and '-' (at most 64 characters)");
  }
  if (!meta.contains("options")) return {};
  const json& options = meta["options"];
  if (!options.is_object()) return field_error("options", "must be a table of named options");
  for (const auto& [name, opt] : options.items()) {
    std::string where = "options." + name;
    if (!opt.is_object() || !opt.contains("default")) {
      return field_error(where, "must be a table with a 'default'");
    }
    if (opt.contains("choices") && opt.value("multiple", false)) {
      const json& choices = opt["choices"];
      if (!choices.is_array() || choices.empty()) return field_error(where, "has empty choices");
      if (auto st = check_multiple(opt["default"], choices, where); !st.ok()) {
        return field_error(where, "default: " + st.error().message);
      }
    } else if (opt.contains("choices")) {
      const json& choices = opt["choices"];
      if (!choices.is_array() || choices.empty()) return field_error(where, "has empty choices");
      if (std::find(choices.begin(), choices.end(), opt["default"]) == choices.end()) {
        return field_error(where, "default is not one of its choices");
      }
    } else if (opt.contains("min") && opt.contains("max")) {
      if (!opt["min"].is_number_integer() || !opt["max"].is_number_integer() ||
          !opt["default"].is_number_integer()) {
        return field_error(where, "min, max and default must be whole numbers");
      }
      auto lo = opt["min"].get<int64_t>(), hi = opt["max"].get<int64_t>(),
           d = opt["default"].get<int64_t>();
      if (lo > hi || d < lo || d > hi) return field_error(where, "needs min <= default <= max");
    } else if (!opt["default"].is_string() && !opt["default"].is_boolean()) {
      return field_error(where, "needs 'choices' or 'min' and 'max'");
    }
  }
  return {};
}

Status run_libs(Sandbox& sandbox, const store::FormatRecord& format) {
  json libs = json::parse(format.libs_json, nullptr, false);
  if (!libs.is_array()) return internal(format.chunk_name.substr(1) + ": stored prelude is damaged");
  for (const auto& lib : libs) {
    if (auto st = sandbox.run_chunk(lib.value("source", ""), lib.value("chunk", "@lib")); !st.ok()) {
      return st;
    }
  }
  return {};
}

Result<store::FormatRecord> inspect_format(const std::string& source,
                                           const std::string& chunk_name, const Libs& libs) {
  if (source.size() > kMaxScriptBytes) {
    return invalid(chunk_name.substr(1) + ": script is larger than " +
                   std::to_string(kMaxScriptBytes / 1024) + " KiB");
  }
  store::FormatRecord rec;
  json libs_json = json::array();
  std::string hashed;
  for (const auto& lib : libs) {
    libs_json.push_back({{"chunk", lib.chunk_name}, {"source", lib.source}});
    hashed += lib.chunk_name + '\n' + lib.source + '\n';
  }
  rec.libs_json = libs_json.dump();
  Sandbox sandbox(kInspectLimits, 0);
  lua_State* L = sandbox.L();
  install_host_api(L, nullptr);
  if (auto st = run_libs(sandbox, rec); !st.ok()) return st.error();
  if (auto st = sandbox.run_chunk(source, chunk_name); !st.ok()) return st.error();
  if (lua_getglobal(L, "run") != LUA_TFUNCTION) {
    return invalid(chunk_name.substr(1) + ": the script does not define a function run(ctx)");
  }
  lua_pop(L, 1);
  push_declared_meta(L);
  if (lua_isnil(L, -1)) return invalid(chunk_name.substr(1) + ": the script never calls interview{...}");
  auto meta = to_json(L, -1);
  lua_pop(L, 1);
  if (!meta.ok()) return invalid(chunk_name.substr(1) + ": interview{}: " + meta.error().message);
  if (auto st = validate_meta(*meta); !st.ok()) {
    return invalid(chunk_name.substr(1) + ": " + st.error().message);
  }
  rec.id = (*meta)["id"].get<std::string>();
  rec.version = crypto::sha256_hex(hashed + source).substr(0, 16);
  rec.chunk_name = chunk_name;
  rec.source = source;
  rec.meta_json = meta->dump();
  return rec;
}

Result<json> resolve_setup(const json& meta, const json& request) {
  json setup = json::object();
  const json options = meta.value("options", json::object());
  for (const auto& [name, opt] : options.items()) setup[name] = opt["default"];
  for (const auto& [name, value] : request.items()) {
    if (name == "format") continue;
    if (!options.contains(name)) {
      return invalid("format " + meta["id"].get<std::string>() + " has no setup option '" +
                     name + "'");
    }
    const json& opt = options[name];
    if (opt.contains("choices") && opt.value("multiple", false)) {
      if (auto st = check_multiple(value, opt["choices"], name); !st.ok()) return st.error();
    } else if (opt.contains("choices")) {
      const json& choices = opt["choices"];
      if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
        return invalid("'" + name + "' must be one of " + choices.dump());
      }
    } else if (opt.contains("min")) {
      if (!value.is_number_integer()) return invalid("'" + name + "' must be a whole number");
      auto v = value.get<int64_t>();
      if (v < opt["min"].get<int64_t>() || v > opt["max"].get<int64_t>()) {
        return invalid("'" + name + "' must be between " + opt["min"].dump() + " and " +
                       opt["max"].dump());
      }
    } else if (opt["default"].is_string()) {
      if (auto st = check_text_option(value, opt, name); !st.ok()) return st.error();
    } else if (value.type() != opt["default"].type()) {
      return invalid("'" + name + "' has the wrong type");
    }
    setup[name] = value;
  }
  return setup;
}

}  // namespace mockroom::script
