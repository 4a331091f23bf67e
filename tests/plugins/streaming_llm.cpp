// An LLM plugin that streams its acknowledgement in three chunks and never asks a follow-up,
// as a streaming provider would: the engine must pass the chunks on live. Config:
//  {"delayMs": N}  each acknowledgement waits N ms first, as a slow model would, and stops
//                  early with MR_ERR_CANCELLED when the host cancels the call;
//  {"echo": true}  the acknowledgement says what grounding the request carried:
//                  "Notes: id1,id2; persona: <the persona override or 'own'>."
// It describes itself as model "stream-test-1" that reads knowledge and prompt overrides.
#include <mockroom/plugin.h>

#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <initializer_list>

namespace {
const mr_host_api* g_host = nullptr;
struct Instance {
  int delay_ms = 0;
  bool echo = false;
};

void write(mr_call* call, const std::string& json) { g_host->write_result(call, json.data(), json.size()); }

mr_status followup(void*, mr_bytes, mr_call* call) {
  write(call, R"({"followup": null, "reason": "test provider never follows up"})");
  return MR_OK;
}
mr_status acknowledge(void* instance, mr_bytes request, mr_call* call) {
  const auto* self = static_cast<Instance*>(instance);
  for (int waited = 0; waited < self->delay_ms; waited += 5) {
    if (g_host->is_cancelled(call)) {
      const char* msg = "cancelled by the host";
      g_host->set_error(call, msg, std::strlen(msg));
      return MR_ERR_CANCELLED;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (self->echo) {
    auto r = nlohmann::json::parse(std::string(request.ptr, request.len));
    std::string notes;
    for (const auto& k : r.value("knowledge", nlohmann::json::array())) notes += (notes.empty() ? "" : ",") + k.value("id", "");
    std::string persona = r.contains("prompts") ? r["prompts"].value("persona", "own") : "own";
    std::string text = "Notes: " + notes + "; persona: " + persona + ".";
    write(call, nlohmann::json{{"text", text}, {"model", "stream-test-1"}}.dump());
    return MR_OK;
  }
  for (const char* piece : {"Thanks", " for", " that."}) g_host->emit_chunk(call, piece, std::strlen(piece));
  write(call, R"({"text": "Thanks for that.", "model": "stream-test-1"})");
  return MR_OK;
}
mr_status describe(void*, mr_bytes, mr_call* call) {
  write(call, R"({"model": "stream-test-1", "knowledge": true, "prompts": true})");
  return MR_OK;
}
void* create(mr_bytes config, mr_call*) {
  auto* self = new Instance;
  auto c = nlohmann::json::parse(std::string(config.ptr ? config.ptr : "{}", config.ptr ? config.len : 2), nullptr, false);
  if (c.is_object()) {
    self->delay_ms = c.value("delayMs", 0);
    self->echo = c.value("echo", false);
  }
  return self;
}
void destroy(void* instance) { delete static_cast<Instance*>(instance); }

const mr_llm_api kCalls = {sizeof(mr_llm_api), followup, acknowledge, describe};
const mr_plugin kPlugin = {MR_ABI_MAJOR, MR_ABI_MINOR, sizeof(mr_plugin), MR_KIND_LLM,
                           "streaming_llm", "0.0.1", "test LLM that streams its acknowledgements",
                           create, destroy, &kCalls};
}  // namespace

extern "C" MR_PLUGIN_EXPORT int mr_plugin_entry(const mr_host_api* host, const mr_plugin** out) {
  g_host = host;
  *out = &kPlugin;
  return 0;
}
