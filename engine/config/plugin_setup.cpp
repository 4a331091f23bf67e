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

void ensure_fallback(plugin::Registry& registry, mr_kind kind, const std::string& use) {
  const char* fallback = kind == MR_KIND_LLM ? kLlmFallback : kind == MR_KIND_SCORER ? kScorerFallback : nullptr;
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
      // Without a code runner every other part of an interview still works: say so loudly
      // and go on; coding sessions answer "no runner" until an operator fixes it.
      if (kind_name == "runner") {
        spdlog::error("{}; code cannot be run until this is fixed", st.error().message);
        continue;
      }
      return st;
    }
  }
  for (const auto& [kind_name, choice] : choices) {
    if (auto kind = plugin::parse_kind(kind_name); kind.ok()) ensure_fallback(registry, *kind, choice.use);
  }
  return {};
}

}  // namespace mockroom::config
