#include "config/plugin_setup.h"

#include <spdlog/spdlog.h>

#include <tuple>

namespace mockroom::config {

Status activate_plugins(plugin::Registry& registry, const std::string& plugin_dir,
                        const std::map<std::string, PluginChoice>& choices) {
  registry.discover(plugin_dir);
  for (const auto& [kind_name, choice] : choices) {
    auto kind = plugin::parse_kind(kind_name);
    if (!kind.ok()) return kind.error();
    if (auto st = registry.activate(*kind, choice.use, choice.config.dump()); !st.ok()) {
      // Without a code runner every other part of an interview still works: say so loudly
      // and go on; coding sessions answer "no runner" until an operator fixes it.
      if (*kind == MR_KIND_RUNNER) {
        spdlog::error("plugins.runner: {}; code cannot be run until this is fixed", st.error().message);
        continue;
      }
      // Without speech, interviews go on in text; voice requests answer "unavailable".
      if (*kind == MR_KIND_STT || *kind == MR_KIND_TTS) {
        spdlog::error("plugins.{}: {}; voice answers are off until this is fixed", kind_name, st.error().message);
        continue;
      }
      return invalid("plugins." + kind_name + ": " + st.error().message);
    }
  }
  // The offline interviewer answers any turn another LLM provider fails.
  if (auto it = choices.find("llm"); it != choices.end() && it->second.use != kLlmFallback) {
    if (auto st = registry.set_fallback(MR_KIND_LLM, kLlmFallback, "{}"); !st.ok()) {
      spdlog::warn("no LLM fallback: {}; a failed LLM turn goes on without a follow-up", st.error().message);
    }
  }
  // The deterministic scorer reports on any session another scorer fails to score.
  if (auto it = choices.find("scorer"); it != choices.end() && it->second.use != kScorerFallback) {
    if (auto st = registry.set_fallback(MR_KIND_SCORER, kScorerFallback, "{}"); !st.ok()) {
      spdlog::warn("no scorer fallback: {}; a failed scoring leaves the report missing", st.error().message);
    }
  }
  // The offline speech engines stand in for a networked one that fails.
  for (auto [kind, name, fallback] : {std::tuple{MR_KIND_STT, "stt", kSttFallback}, {MR_KIND_TTS, "tts", kTtsFallback}}) {
    auto it = choices.find(name);
    if (it == choices.end() || it->second.use == fallback) continue;
    if (auto st = registry.set_fallback(kind, fallback, "{}"); !st.ok()) {
      spdlog::warn("no {} fallback: {}", name, st.error().message);
    }
  }
  return {};
}

}  // namespace mockroom::config
