#include "config/plugin_setup.h"

namespace mockroom::config {

Status activate_plugins(plugin::Registry& registry, const std::string& plugin_dir,
                        const std::map<std::string, PluginChoice>& choices) {
  registry.discover(plugin_dir);
  for (const auto& [kind_name, choice] : choices) {
    auto kind = plugin::parse_kind(kind_name);
    if (!kind.ok()) return kind.error();
    if (auto st = registry.activate(*kind, choice.use, choice.config.dump()); !st.ok()) {
      return invalid("plugins." + kind_name + ": " + st.error().message);
    }
  }
  return {};
}

}  // namespace mockroom::config
