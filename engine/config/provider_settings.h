// ProviderSettings: which plugin serves each kind, and its config, as operators change it
// while the engine runs. It starts from the config file's choices; an operator's choice is
// saved in the store and wins over the file's at every later start. Applying a choice
// creates the new instance first (a config the plugin refuses changes nothing), then swaps
// it into the registry: new calls use it, calls in flight finish on the instance they hold.
//
// Secrets are write-only. A config key named like a credential (apiKey, authToken, secret,
// password, ...; see is_secret_key) never leaves this class: views list only which secrets
// are set, the store keeps them sealed under the data dir's key (crypto::seal), and a
// change that leaves a secret out keeps the one in use when the plugin stays the same.
//
// Thread-safe: applies are serialised; reads take the same short lock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "plugin/registry.h"
#include "store/store.h"

namespace mockroom::config {

inline constexpr std::size_t kMaxProviderConfigBytes = 64 * 1024;

// Whether a config key holds a credential: its name ends in key, token, secret, password or
// credential(s), ignoring case ("apiKey", "authToken", "clientSecret").
bool is_secret_key(std::string_view name);

// A kind's provider as the console shows it.
struct ProviderView {
  std::string kind;
  std::string use;
  nlohmann::json config = nlohmann::json::object();  // without secrets
  std::vector<std::string> secrets_set;               // JSON pointers of the secrets held ("/apiKey")
  std::string origin;                                 // "config" (the file) or "operator"
  int64_t updated_by = 0;                             // operator choices only
  int64_t updated_at = 0;                             // unix ms
};

class ProviderSettings {
 public:
  // `secret_key`: crypto::kSecretKeyBytes bytes (crypto::load_or_create_secret_key).
  ProviderSettings(plugin::Registry& registry, store::Store& store, std::string secret_key);

  // Loads the plugins in `plugin_dir` and activates each kind's provider: the operator's
  // saved choice where there is one (a saved choice that no longer activates is logged and
  // the file's used instead), else the file's. Same failure rules as activate_plugins.
  Status start(const std::string& plugin_dir, const std::map<std::string, PluginChoice>& file_choices);

  // The choices in effect, secrets included (for start-up decisions such as worker threads).
  std::map<std::string, PluginChoice> choices() const;
  std::vector<ProviderView> views() const;

  // Makes `body` = {use, config?} the provider of `kind` for `actor`; returns the new view.
  // Errors: kNotFound for an unknown kind, kInvalidArgument for a bad body or a config the
  // plugin refuses (its message; the old provider stays), kInternal when it was applied but
  // could not be saved.
  Result<ProviderView> apply(const std::string& kind, const nlohmann::json& body, const store::User& actor,
                             int64_t now_ms);

 private:
  struct Current {
    PluginChoice choice;  // secrets included
    std::string origin;
    int64_t updated_by = 0, updated_at = 0;
  };
  ProviderView view_of(const std::string& kind, const Current& current) const;

  plugin::Registry& registry_;
  store::Store& store_;
  std::string secret_key_;
  mutable std::mutex mu_;
  std::map<std::string, Current> current_;  // by kind name
};

// The secrets of `config` as {JSON pointer: value} and the config without them (tests).
struct SplitConfig {
  nlohmann::json public_part;
  nlohmann::json secrets;  // object: "/apiKey" -> "sk-..."
};
SplitConfig split_secrets(const nlohmann::json& config);

}  // namespace mockroom::config
