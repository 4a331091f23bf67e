// scoring_rubric: the deterministic rubric scorer, as a Mockroom scorer plugin.
//
// This file is the C face of the plugin: the static descriptor and the scoring call. The
// host table, the exception guard and the instance scaffolding live in
// plugins/support/boundary.h. Instances hold only their immutable config, so any number
// of threads may call one instance at once.
#include <cstdint>
#include <string>

#include "boundary.h"
#include "mockroom/plugin.h"
#include "report.h"
#include "request.h"

namespace mockroom::scoring_rubric {
namespace {

using plugin_support::fail;
using plugin_support::guarded;
using plugin_support::log_debug;
using plugin_support::view;
using plugin_support::write_result;

constexpr const char* kPluginName = kScorerName;
constexpr const char* kPluginVersion = kScorerVersion;
constexpr char kPluginDescription[] =
    "Deterministic rubric scorer: STAR, impact, relevance and clarity signals with quoted "
    "evidence";
constexpr uint64_t kInstanceMagic = 0x73636f7275627269ull;  // "scorubri"

using Instances = plugin_support::Instances<Config, kInstanceMagic, &parse_config>;

mr_status score_session(void* instance, mr_bytes request, mr_call* call) {
  return guarded(call, [&] {
    if (mr_status s = Instances::check_call(instance, request, call); s != MR_OK) return s;
    Parsed<ScoreRequest> parsed = parse_score_request(view(request));
    if (!parsed.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, parsed.error);
    std::string report = score_report_json(*parsed.value, Instances::config(instance));
    log_debug("scored " + std::to_string(parsed.value->answers.size()) + " answers");
    write_result(call, report);
    return MR_OK;
  });
}

constexpr mr_scorer_api kCalls = {sizeof(mr_scorer_api), &score_session};

constexpr mr_plugin kDescriptor = {
    MR_ABI_MAJOR,   MR_ABI_MINOR,       sizeof(mr_plugin),   MR_KIND_SCORER,      kPluginName,
    kPluginVersion, kPluginDescription, &Instances::create, &Instances::destroy, &kCalls};

}  // namespace
}  // namespace mockroom::scoring_rubric

extern "C" MR_PLUGIN_EXPORT int mr_plugin_entry(const mr_host_api* host, const mr_plugin** out) {
  return mockroom::plugin_support::accept_host(host, &mockroom::scoring_rubric::kDescriptor, out);
}
