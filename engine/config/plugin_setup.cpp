#include "config/plugin_setup.h"

#include <spdlog/spdlog.h>


namespace mockroom::config {

Status activate_choice(plugin::Registry& registry, const std::string& kind_name, const PluginChoice& choice) {
  auto kind = plugin::parse_kind(kind_name);
  if (!kind.ok()) return kind.error();
  if (auto st = registry.activate(*kind, choice.use, choice.config.dump()); !st.ok()) {
    return invalid("plugins." + kind_name + ": " + st.error().message);
  }
  return {};
}

bool can_serve_without(const std::string& kind_name) {
  return kind_name == "runner" || kind_name == "stt" || kind_name == "tts";
}

void log_missing_provider(const std::string& kind_name, const Error& failure) {
  // Without a code runner every other part of an interview still works, and without speech
  // interviews go on in text: say so loudly and go on until an operator fixes it.
  const char* consequence = kind_name == "runner" ? "code cannot be run until this is fixed"
                                                  : "voice answers are off until this is fixed";
  spdlog::error("{}; {}", failure.message, consequence);
}

void ensure_fallback(plugin::Registry& registry, mr_kind kind, const std::string& use) {
  const char* fallback = kind == MR_KIND_LLM      ? kLlmFallback
                         : kind == MR_KIND_SCORER ? kScorerFallback
                         : kind == MR_KIND_STT    ? kSttFallback
                         : kind == MR_KIND_TTS    ? kTtsFallback
                                                  : nullptr;
  if (!fallback || use == fallback) return;
  for (const auto& p : registry.list()) {
    if (p.fallback && p.kind == plugin::kind_name(kind)) return;  // one is set already
  }
  if (auto st = registry.set_fallback(kind, fallback, "{}"); !st.ok()) {
    // The offline interviewer answers any turn another LLM provider fails; the
    // deterministic scorer reports on any session another scorer fails to score.
    spdlog::warn("no {} fallback: {}; a failed {} call then has no stand-in", plugin::kind_name(kind),
                 st.error().message, plugin::kind_name(kind));
  }
}

Status activate_plugins(plugin::Registry& registry, const std::string& plugin_dir,
                        const std::map<std::string, PluginChoice>& choices) {
  registry.discover(plugin_dir);
  for (const auto& [kind_name, choice] : choices) {
    if (auto st = activate_choice(registry, kind_name, choice); !st.ok()) {
      if (!can_serve_without(kind_name)) return st;
      log_missing_provider(kind_name, st.error());
    }
  }
  for (const auto& [kind_name, choice] : choices) {
    if (auto kind = plugin::parse_kind(kind_name); kind.ok()) ensure_fallback(registry, *kind, choice.use);
  }
  return {};
}

}  // namespace mockroom::config
