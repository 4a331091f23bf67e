// A scorer plugin whose every call fails, as a judge whose server is down would: the
// engine must fall back to the deterministic scorer so the candidate still gets a report.
#include <mockroom/plugin.h>

#include <cstring>

namespace {
const mr_host_api* g_host = nullptr;
int g_instance = 0;

mr_status fail(void*, mr_bytes, mr_call* call) {
  const char* msg = "judge unavailable (test scorer is down)";
  g_host->set_error(call, msg, std::strlen(msg));
  return MR_ERR_UNAVAILABLE;
}
void* create(mr_bytes, mr_call*) { return &g_instance; }
void destroy(void*) {}

const mr_scorer_api kCalls = {sizeof(mr_scorer_api), fail};
const mr_plugin kPlugin = {MR_ABI_MAJOR, MR_ABI_MINOR, sizeof(mr_plugin), MR_KIND_SCORER,
                           "failing_scorer", "0.0.1", "test scorer that is always down",
                           create, destroy, &kCalls};
}  // namespace

extern "C" MR_PLUGIN_EXPORT int mr_plugin_entry(const mr_host_api* host, const mr_plugin** out) {
  g_host = host;
  *out = &kPlugin;
  return 0;
}
