// llm_rules: the offline, rule-based interviewer, as a Mockroom LLM plugin.
//
// This file is the C face of the plugin: the static descriptor and the two calls. The
// host table, the exception guard and the instance scaffolding live in
// plugins/support/boundary.h. Instances hold only their immutable config, so any number
// of threads may call one instance at once.
#include <cstdint>
#include <string>

#include "acknowledge.h"
#include "boundary.h"
#include "followup.h"
#include "mockroom/plugin.h"
#include "requests.h"

namespace mockroom::llm_rules {
namespace {

using plugin_support::fail;
using plugin_support::guarded;
using plugin_support::log_debug;
using plugin_support::view;
using plugin_support::write_result;

constexpr char kPluginName[] = "llm_rules";
constexpr char kPluginVersion[] = "1.0.0";
constexpr char kPluginDescription[] =
    "Offline rule-based interviewer: follow-ups from key phrases of the answer, varied "
    "acknowledgements";
constexpr uint64_t kInstanceMagic = 0x6c6c6d5f72756c65ull;  // "llm_rule"

using Instances = plugin_support::Instances<Config, kInstanceMagic, &parse_config>;

mr_status followup(void* instance, mr_bytes request, mr_call* call) {
  return guarded(call, [&] {
    if (mr_status s = Instances::check_call(instance, request, call); s != MR_OK) return s;
    Parsed<FollowupRequest> parsed = parse_followup_request(view(request));
    if (!parsed.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, parsed.error);
    FollowupDecision decision = decide_followup(*parsed.value, Instances::config(instance));
    log_debug("followup for question \"" + parsed.value->question.id + "\": " + decision.reason);
    write_result(call, to_json_text(decision));
    return MR_OK;
  });
}

mr_status acknowledge(void* instance, mr_bytes request, mr_call* call) {
  return guarded(call, [&] {
    if (mr_status s = Instances::check_call(instance, request, call); s != MR_OK) return s;
    Parsed<AcknowledgeRequest> parsed = parse_acknowledge_request(view(request));
    if (!parsed.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, parsed.error);
    write_result(call, acknowledgement_json(*parsed.value));
    return MR_OK;
  });
}

// No describe: the offline interviewer is recorded as "llm_rules@VERSION" and reads no knowledge.
constexpr mr_llm_api kCalls = {sizeof(mr_llm_api), &followup, &acknowledge, nullptr};

constexpr mr_plugin kDescriptor = {
    MR_ABI_MAJOR,   MR_ABI_MINOR,       sizeof(mr_plugin),   MR_KIND_LLM,         kPluginName,
    kPluginVersion, kPluginDescription, &Instances::create, &Instances::destroy, &kCalls};

}  // namespace
}  // namespace mockroom::llm_rules

extern "C" MR_PLUGIN_EXPORT int mr_plugin_entry(const mr_host_api* host, const mr_plugin** out) {
  return mockroom::plugin_support::accept_host(host, &mockroom::llm_rules::kDescriptor, out);
}
