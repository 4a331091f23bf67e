// The follow-up decision of the rule-based interviewer.
//
// A follow-up is asked only while the question's follow-up budget (at most two) lasts, only
// for a real answer with at least one extractable key phrase, and only when the answer is
// thin: no personal action, no measurable result, few of the question's concepts, no
// situation, or too short. The follow-up always names a key phrase from the answer, never
// repeats a follow-up in the history, and avoids a phrase an earlier follow-up already used
// while another is available. Deterministic: wording varies only by a stable hash of the
// request. Pure function, safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "requests.h"

namespace mockroom::llm_rules {

struct Followup {
  std::string text;
  std::vector<std::string> concepts;  // the answer's phrases the text quotes
};

struct FollowupDecision {
  std::optional<Followup> followup;  // nullopt: move on to the next question
  std::string reason;                // "missing_result", "limit_reached", "answer_complete", ...
};

FollowupDecision decide_followup(const FollowupRequest& request, const Config& config);

// {"followup": {"text": ..., "concepts": [...]} | null, "reason": ...}
std::string to_json_text(const FollowupDecision& decision);

}  // namespace mockroom::llm_rules
