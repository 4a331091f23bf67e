#include "config/provider_settings.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "config/plugin_setup.h"
#include "store/admin_store.h"
#include "util/crypto.h"

namespace mockroom::config {

using nlohmann::json;

namespace {

constexpr std::string_view kSecretSuffixes[] = {"key", "token", "secret", "password", "credential", "credentials"};

void collect_secrets(json& node, const json::json_pointer& at, json& secrets) {
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end();) {
      json::json_pointer child = at / it.key();
      if (is_secret_key(it.key()) && !it->is_object() && !it->is_array()) {
        if (!it->is_null()) secrets[child.to_string()] = *it;
        it = node.erase(it);
        continue;
      }
      collect_secrets(*it, child, secrets);
      ++it;
    }
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) collect_secrets(node[i], at / i, secrets);
  }
}

// Puts each {pointer: value} of `secrets` into `config`.
void restore_secrets(json& config, const json& secrets) {
  for (const auto& [pointer, value] : secrets.items()) {
    try {
      config[json::json_pointer(pointer)] = value;
    } catch (const json::exception&) {
      // A pointer that no longer fits the config's shape: the secret is dropped.
    }
  }
}

// Whether `config` names the secret at `pointer` (with any value, null included).
bool mentions(const json& config, const std::string& pointer) {
  try {
    return config.contains(json::json_pointer(pointer));
  } catch (const json::exception&) {
    return false;
  }
}

}  // namespace

bool is_secret_key(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::any_of(std::begin(kSecretSuffixes), std::end(kSecretSuffixes),
                     [&](std::string_view suffix) { return lower.ends_with(suffix); });
}

SplitConfig split_secrets(const json& config) {
  SplitConfig out{config, json::object()};
  collect_secrets(out.public_part, json::json_pointer(), out.secrets);
  return out;
}

ProviderSettings::ProviderSettings(plugin::Registry& registry, store::Store& store, std::string secret_key)
    : registry_(registry), store_(store), secret_key_(std::move(secret_key)) {}

Status ProviderSettings::start(const std::string& plugin_dir, const std::map<std::string, PluginChoice>& file_choices) {
  registry_.discover(plugin_dir);
  auto saved = store_.admin().list_plugin_settings();
  if (!saved.ok()) return saved.error();
  std::map<std::string, const store::PluginSetting*> by_kind;
  for (const auto& s : *saved) by_kind[s.kind] = &s;
  std::set<std::string> kinds;
  for (const auto& [kind, choice] : file_choices) kinds.insert(kind);
  for (const auto& [kind, setting] : by_kind) kinds.insert(kind);

  std::lock_guard lock(mu_);
  for (const std::string& kind : kinds) {
    if (auto it = by_kind.find(kind); it != by_kind.end()) {
      const store::PluginSetting& s = *it->second;
      PluginChoice choice{s.use, json::parse(s.config_json, nullptr, false)};
      std::optional<std::string> secrets = s.sealed_secrets.empty() ? std::optional<std::string>("{}")
                                                                    : crypto::unseal(secret_key_, s.sealed_secrets);
      json secret_values = secrets ? json::parse(*secrets, nullptr, false) : json();
      if (!choice.config.is_object() || !secret_values.is_object()) {
        spdlog::error("plugins.{}: the operator's saved choice cannot be read (was secrets.key replaced?); "
                      "using the config file's", kind);
      } else {
        restore_secrets(choice.config, secret_values);
        if (auto st = activate_choice(registry_, kind, choice); st.ok()) {
          spdlog::info("plugins.{}: {} (the operator's choice of {})", kind, s.use, s.updated_at);
          current_[kind] = {choice, "operator", s.updated_by, s.updated_at};
          continue;
        } else {
          spdlog::error("{} (the operator's saved choice); using the config file's", st.error().message);
        }
      }
    }
    auto file = file_choices.find(kind);
    if (file == file_choices.end()) continue;
    current_[kind] = {file->second, "config", 0, 0};
    if (auto st = activate_choice(registry_, kind, file->second); !st.ok()) {
      if (!can_serve_without(kind)) return st;
      log_missing_provider(kind, st.error());
    }
  }
  for (const auto& [kind, current] : current_) {
    if (auto k = plugin::parse_kind(kind); k.ok()) ensure_fallback(registry_, *k, current.choice.use);
  }
  return {};
}

std::map<std::string, PluginChoice> ProviderSettings::choices() const {
  std::lock_guard lock(mu_);
  std::map<std::string, PluginChoice> out;
  for (const auto& [kind, current] : current_) out[kind] = current.choice;
  return out;
}

ProviderView ProviderSettings::view_of(const std::string& kind, const Current& current) const {
  SplitConfig split = split_secrets(current.choice.config);
  ProviderView v{kind, current.choice.use, split.public_part, {}, current.origin, current.updated_by,
                 current.updated_at};
  for (const auto& [pointer, value] : split.secrets.items()) v.secrets_set.push_back(pointer);
  return v;
}

std::vector<ProviderView> ProviderSettings::views() const {
  std::lock_guard lock(mu_);
  std::vector<ProviderView> out;
  for (const auto& [kind, current] : current_) out.push_back(view_of(kind, current));
  return out;
}

Result<ProviderView> ProviderSettings::apply(const std::string& kind, const json& body, const store::User& actor,
                                             int64_t now_ms) {
  auto parsed_kind = plugin::parse_kind(kind);
  if (!parsed_kind.ok()) return not_found("no plugin kind '" + kind + "' (llm, scorer, stt, tts, runner)");
  if (!body.is_object()) return invalid("the body must be a JSON object {use, config}");
  for (const auto& [key, value] : body.items()) {
    if (key != "use" && key != "config") return invalid("unknown field '" + key + "'; send {use, config}");
  }
  if (!body.contains("use") || !body["use"].is_string() || body["use"].get<std::string>().empty()) {
    return invalid("field 'use' must name the plugin, e.g. \"llm_openai\"");
  }
  json config = body.value("config", json::object());
  if (!config.is_object()) return invalid("field 'config' must be an object");
  if (config.dump().size() > kMaxProviderConfigBytes) {
    return invalid("field 'config' is larger than " + std::to_string(kMaxProviderConfigBytes / 1024) + " KiB");
  }
  const std::string use = body["use"].get<std::string>();

  std::lock_guard lock(mu_);
  // Secrets left out keep their value while the plugin stays the same; null removes one.
  if (auto it = current_.find(kind); it != current_.end() && it->second.choice.use == use) {
    json kept = split_secrets(it->second.choice.config).secrets;
    for (auto s = kept.begin(); s != kept.end();) s = mentions(config, s.key()) ? kept.erase(s) : std::next(s);
    restore_secrets(config, kept);
  }
  SplitConfig split = split_secrets(config);  // also drops the secrets sent as null
  json effective = split.public_part;
  restore_secrets(effective, split.secrets);

  PluginChoice choice{use, effective};
  if (auto st = registry_.activate(*parsed_kind, use, effective.dump()); !st.ok()) return st.error();
  ensure_fallback(registry_, *parsed_kind, use);
  current_[kind] = {choice, "operator", actor.id, now_ms};
  spdlog::info("plugins.{}: {} chosen by user {}", kind, use, actor.id);

  store::PluginSetting setting{kind, use, split.public_part.dump(),
                               split.secrets.empty() ? "" : crypto::seal(secret_key_, split.secrets.dump()),
                               actor.id, now_ms};
  if (auto st = store_.admin().save_plugin_setting(setting); !st.ok()) {
    return internal("plugins." + kind + " now uses " + use + ", but the choice could not be saved: " +
                    st.error().message);
  }
  return view_of(kind, current_[kind]);
}

}  // namespace mockroom::config
