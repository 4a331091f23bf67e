// llm_openai: an OpenAI-compatible chat model (OpenAI, Azure OpenAI, vLLM, llama.cpp
// server, Ollama) as the interviewer, as a Mockroom LLM plugin.
//
// This file is the C face of the plugin: the static descriptor, instance creation and the
// two calls. An instance owns a ChatClient (its config and a pool of HTTP connections
// guarded by a mutex), so any number of threads may call one instance at once.
#include <cstdint>
#include <string>

#include "boundary.h"
#include "chat.h"
#include "config.h"
#include "interviewer.h"
#include "llm_requests.h"
#include "mockroom/plugin.h"
#include <nlohmann/json.hpp>

namespace mockroom::llm_openai {
namespace {

using plugin_support::fail;
using plugin_support::guarded;
using plugin_support::view;

constexpr char kPluginName[] = "llm_openai";
constexpr char kPluginVersion[] = "1.0.0";
constexpr char kPluginDescription[] =
    "Interviewer on an OpenAI-compatible chat model (OpenAI, Azure OpenAI, vLLM, llama.cpp, Ollama), "
    "streamed over SSE";
constexpr uint64_t kInstanceMagic = 0x6c6c6d6f70656e61ull;  // "llmopena"

struct Instance {
  explicit Instance(Config config) : client(std::move(config)) {}
  uint64_t magic = kInstanceMagic;
  ChatClient client;
};

constexpr auto create = &plugin_support::create_owned<Instance, Config, &parse_config>;

using Tag = plugin_support::Tagged<Instance, kInstanceMagic>;

mr_status finish(mr_call* call, const CallResult& r) {
  if (r.status != MR_OK) return fail(call, r.status, r.message);
  plugin_support::write_result(call, r.json);
  return MR_OK;
}

mr_status followup(void* instance, mr_bytes request, mr_call* call) {
  return guarded(call, [&] {
    if (mr_status s = Tag::check_call(instance, request, call); s != MR_OK) return s;
    auto parsed = plugin_support::parse_followup_request(view(request));
    if (!parsed.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, parsed.error);
    return finish(call, decide_followup(static_cast<Instance*>(instance)->client, *parsed.value, call));
  });
}

mr_status acknowledge_call(void* instance, mr_bytes request, mr_call* call) {
  return guarded(call, [&] {
    if (mr_status s = Tag::check_call(instance, request, call); s != MR_OK) return s;
    auto parsed = plugin_support::parse_acknowledge_request(view(request));
    if (!parsed.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, parsed.error);
    return finish(call, acknowledge(static_cast<Instance*>(instance)->client, *parsed.value, call));
  });
}

// The model is what the session's events and analytics record as model_version.
mr_status describe(void* instance, mr_bytes request, mr_call* call) {
  return guarded(call, [&] {
    if (mr_status s = Tag::check_call(instance, request, call); s != MR_OK) return s;
    const Config& config = static_cast<Instance*>(instance)->client.config();
    plugin_support::write_result(
        call, nlohmann::json{{"model", config.model_name()}, {"knowledge", true}, {"prompts", true}}.dump());
    return MR_OK;
  });
}

constexpr mr_llm_api kCalls = {sizeof(mr_llm_api), &followup, &acknowledge_call, &describe};

constexpr mr_plugin kDescriptor = {MR_ABI_MAJOR,   MR_ABI_MINOR,       sizeof(mr_plugin), MR_KIND_LLM, kPluginName,
                                   kPluginVersion, kPluginDescription, create,           &Tag::destroy, &kCalls};

}  // namespace
}  // namespace mockroom::llm_openai

extern "C" MR_PLUGIN_EXPORT int mr_plugin_entry(const mr_host_api* host, const mr_plugin** out) {
  return mockroom::plugin_support::accept_host(host, &mockroom::llm_openai::kDescriptor, out);
}
