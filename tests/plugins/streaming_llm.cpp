// An LLM plugin that streams its acknowledgement in three chunks and never asks a follow-up,
// as a streaming provider would: the engine must pass the chunks on live.
#include <mockroom/plugin.h>

#include <cstring>
#include <initializer_list>

namespace {
const mr_host_api* g_host = nullptr;
int g_instance = 0;

void write(mr_call* call, const char* json) { g_host->write_result(call, json, std::strlen(json)); }

mr_status followup(void*, mr_bytes, mr_call* call) {
  write(call, R"({"followup": null, "reason": "test provider never follows up"})");
  return MR_OK;
}
mr_status acknowledge(void*, mr_bytes, mr_call* call) {
  for (const char* piece : {"Thanks", " for", " that."}) g_host->emit_chunk(call, piece, std::strlen(piece));
  write(call, R"({"text": "Thanks for that.", "model": "stream-test-1"})");
  return MR_OK;
}
void* create(mr_bytes, mr_call*) { return &g_instance; }
void destroy(void*) {}

const mr_llm_api kCalls = {sizeof(mr_llm_api), followup, acknowledge};
const mr_plugin kPlugin = {MR_ABI_MAJOR, MR_ABI_MINOR, sizeof(mr_plugin), MR_KIND_LLM,
                           "streaming_llm", "0.0.1", "test LLM that streams its acknowledgements",
                           create, destroy, &kCalls};
}  // namespace

extern "C" MR_PLUGIN_EXPORT int mr_plugin_entry(const mr_host_api* host, const mr_plugin** out) {
  g_host = host;
  *out = &kPlugin;
  return 0;
}
