// An LLM plugin whose every call fails, as a provider that is down would: the engine
// must fall back and the interview must go on.
#include <mockroom/plugin.h>

#include <cstring>

namespace {
const mr_host_api* g_host = nullptr;
int g_instance = 0;

mr_status fail(void*, mr_bytes, mr_call* call) {
  const char* msg = "connection refused (test provider is down)";
  g_host->set_error(call, msg, std::strlen(msg));
  return MR_ERR_UNAVAILABLE;
}
void* create(mr_bytes, mr_call*) { return &g_instance; }
void destroy(void*) {}

const mr_llm_api kCalls = {sizeof(mr_llm_api), fail, fail, nullptr};
const mr_plugin kPlugin = {MR_ABI_MAJOR, MR_ABI_MINOR, sizeof(mr_plugin), MR_KIND_LLM,
                           "failing_llm", "0.0.1", "test LLM that is always down",
                           create, destroy, &kCalls};
}  // namespace

extern "C" MR_PLUGIN_EXPORT int mr_plugin_entry(const mr_host_api* host, const mr_plugin** out) {
  g_host = host;
  *out = &kPlugin;
  return 0;
}
