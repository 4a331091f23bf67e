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
// the code runner and the speech providers: a runner that cannot start (no bubblewrap, no
// user namespaces) or a speech engine without its model is logged as an error and left
// inactive, so the rest of the engine (and every interview in text) still serves. When the
// LLM provider is another than kLlmFallback, kLlmFallback becomes its fallback.
inline constexpr const char* kLlmFallback = "llm_rules";
// Likewise the scorer: kScorerFallback stands in when another scorer fails.
inline constexpr const char* kScorerFallback = "scoring_rubric";
// And speech: the offline engines take over from a networked one that fails.
inline constexpr const char* kSttFallback = "stt_pocketsphinx";
inline constexpr const char* kTtsFallback = "tts_flite";

Status activate_plugins(plugin::Registry& registry, const std::string& plugin_dir,
                        const std::map<std::string, PluginChoice>& choices);

// Activates one kind's choice; the error names "plugins.<kind>" and the reason.
Status activate_choice(plugin::Registry& registry, const std::string& kind_name, const PluginChoice& choice);

// Gives `kind` its offline fallback (kLlmFallback, kScorerFallback, kSttFallback,
// kTtsFallback) when its provider `use` is another plugin and none is set yet; the runner has
// none. Logs when it cannot.
void ensure_fallback(plugin::Registry& registry, mr_kind kind, const std::string& use);

// Whether the engine serves without a provider of this kind (the runner, speech): its
// failure to start is then logged with what stops working, and start-up goes on.
bool can_serve_without(const std::string& kind_name);
// Logs that `failure` left `kind_name` without a provider, saying what stops working.
void log_missing_provider(const std::string& kind_name, const Error& failure);

}  // namespace mockroom::config
