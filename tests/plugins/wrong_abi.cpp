// A plugin built for a future ABI major version: the loader must refuse it.
#include <mockroom/plugin.h>

namespace {
const mr_scorer_api kCalls = {sizeof(mr_scorer_api), nullptr};
const mr_plugin kPlugin = {MR_ABI_MAJOR + 1, 0, sizeof(mr_plugin), MR_KIND_SCORER,
                           "wrong_abi", "0.0.1", "test plugin with a newer ABI",
                           nullptr, nullptr, &kCalls};
}  // namespace

extern "C" MR_PLUGIN_EXPORT int mr_plugin_entry(const mr_host_api*, const mr_plugin** out) {
  *out = &kPlugin;
  return 0;
}
