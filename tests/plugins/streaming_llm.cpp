// An LLM plugin that streams its acknowledgement in three chunks and never asks a follow-up,
// as a streaming provider would: the engine must pass the chunks on live. Config
// {"delayMs": N} makes each acknowledgement wait N ms first, as a slow model would.
#include <mockroom/plugin.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <initializer_list>

namespace {
const mr_host_api* g_host = nullptr;
struct Instance {
  int delay_ms = 0;
};

void write(mr_call* call, const char* json) { g_host->write_result(call, json, std::strlen(json)); }

mr_status followup(void*, mr_bytes, mr_call* call) {
  write(call, R"({"followup": null, "reason": "test provider never follows up"})");
  return MR_OK;
}
mr_status acknowledge(void* instance, mr_bytes, mr_call* call) {
  int delay = static_cast<Instance*>(instance)->delay_ms;
  if (delay > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay));
  for (const char* piece : {"Thanks", " for", " that."}) g_host->emit_chunk(call, piece, std::strlen(piece));
  write(call, R"({"text": "Thanks for that.", "model": "stream-test-1"})");
  return MR_OK;
}
void* create(mr_bytes config, mr_call*) {
  auto* self = new Instance;
  std::string text(config.ptr ? static_cast<const char*>(config.ptr) : "", config.len);
  if (auto at = text.find("\"delayMs\":"); at != std::string::npos) self->delay_ms = std::atoi(text.c_str() + at + 10);
  return self;
}
void destroy(void* instance) { delete static_cast<Instance*>(instance); }

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
