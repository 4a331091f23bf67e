// scoring_llm: an LLM judge constrained by the rubric, checked against the deterministic
// scorer, as a Mockroom scorer plugin.
//
// This file is the C face of the plugin: the static descriptor, instance creation and the
// scoring call. score_session parses the request as scoring_rubric does, analyses it
// deterministically, asks the judge (judge.h) and blends the verdict in (blend.h). The
// candidate always gets a report: when the judge fails (network, timeout, HTTP error, output
// invalid twice, cancellation) the deterministic one, saying why. An instance owns a
// ChatClient (its config and a pool of HTTP connections guarded by a mutex), so any number
// of threads may call one instance at once.
#include <cstdint>
#include <string>

#include "blend.h"
#include "boundary.h"
#include "chat.h"
#include "judge.h"
#include "judge_config.h"
#include "mockroom/plugin.h"
#include "report.h"
#include "request.h"
#include "session.h"

namespace mockroom::scoring_llm {
namespace {

using plugin_support::fail;
using plugin_support::guarded;
using plugin_support::view;

constexpr char kPluginDescription[] =
    "LLM judge on an OpenAI-compatible chat model, constrained by the rubric and blended with the "
    "deterministic scorer; every claim cites the candidate's own words";
constexpr uint64_t kInstanceMagic = 0x73636f6c6c6d6a67ull;  // "scollmjg"
constexpr char kNothingToJudge[] = "no answer has any words to judge";

struct Instance {
  explicit Instance(Config c) : config(std::move(c)), client(config.chat) {}
  uint64_t magic = kInstanceMagic;
  Config config;
  llm_openai::ChatClient client;
};

constexpr auto create = &plugin_support::create_owned<Instance, Config, &parse_config>;

using Tag = plugin_support::Tagged<Instance, kInstanceMagic>;

mr_status score_session(void* instance, mr_bytes request, mr_call* call) {
  return guarded(call, [&] {
    if (mr_status s = Tag::check_call(instance, request, call); s != MR_OK) return s;
    auto parsed = scoring_rubric::parse_score_request(view(request));
    if (!parsed.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, parsed.error);
    Instance& self = *static_cast<Instance*>(instance);
    const scoring_rubric::ScoreRequest& r = *parsed.value;
    scoring_rubric::SessionAnalysis session =
        scoring_rubric::analyze_session(r, static_cast<size_t>(self.config.rubric.max_quote_bytes));

    nlohmann::ordered_json report;
    if (session.nothing_answered) {
      report = unjudged_report(r, session, self.config, Unjudged::kNothingToJudge, kNothingToJudge, {});
    } else {
      JudgeOutcome judged = ask_judge(self.client, self.config, r, call);
      if (judged.ok()) {
        report = judged_report(r, std::move(session), self.config, judged.verdict, judged.run);
      } else {
        plugin_support::log_debug("judge unavailable, deterministic report: " + judged.message);
        report = unjudged_report(r, session, self.config, Unjudged::kUnavailable, judged.message, judged.run);
      }
    }
    plugin_support::write_result(call, scoring_rubric::dump_report(report));
    return MR_OK;
  });
}

constexpr mr_scorer_api kCalls = {sizeof(mr_scorer_api), &score_session};

constexpr mr_plugin kDescriptor = {MR_ABI_MAJOR,   MR_ABI_MINOR,       sizeof(mr_plugin), MR_KIND_SCORER, kScorerName,
                                   kScorerVersion, kPluginDescription, create,            &Tag::destroy,  &kCalls};

}  // namespace
}  // namespace mockroom::scoring_llm

extern "C" MR_PLUGIN_EXPORT int mr_plugin_entry(const mr_host_api* host, const mr_plugin** out) {
  return mockroom::plugin_support::accept_host(host, &mockroom::scoring_llm::kDescriptor, out);
}
