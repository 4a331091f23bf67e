// Discovering the plugin libraries and activating the configured provider of each kind:
// shared by `mockroom serve` and the authoring tools.
#pragma once

#include <map>
#include <string>

#include "config/config.h"
#include "plugin/registry.h"

namespace mockroom::config {

// Loads every plugin in `plugin_dir`, then activates `choices` (kind name -> provider).
// Fails naming the kind whose provider is unknown or refuses its configuration, except
// the code runner: a runner that cannot start (no bubblewrap, no user namespaces) is logged
// as an error and left inactive, so the rest of the engine still serves. When the LLM
// provider is another than kLlmFallback, kLlmFallback becomes its fallback.
inline constexpr const char* kLlmFallback = "llm_rules";
// Likewise the scorer: kScorerFallback stands in when another scorer fails.
inline constexpr const char* kScorerFallback = "scoring_rubric";

Status activate_plugins(plugin::Registry& registry, const std::string& plugin_dir,
                        const std::map<std::string, PluginChoice>& choices);

// Activates one kind's choice; the error names "plugins.<kind>" and the reason.
Status activate_choice(plugin::Registry& registry, const std::string& kind_name, const PluginChoice& choice);

// Gives `kind` its offline fallback (kLlmFallback, kScorerFallback) when its provider `use`
// is another plugin and none is set yet; other kinds have none. Logs when it cannot.
void ensure_fallback(plugin::Registry& registry, mr_kind kind, const std::string& use);

}  // namespace mockroom::config
