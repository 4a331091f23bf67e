// The interviewer's two calls on a chat model: the prompts, the structured (JSON) follow-up
// decision with its validation, and the streamed acknowledgement. The rules the engine
// promises hold whatever the model says: never more than two follow-ups per main question
// (the model is not even asked past the limit), a follow-up is one short question, and
// output that breaks the contract is retried once and then refused.
#pragma once

#include <string>

#include "chat.h"
#include "llm_requests.h"

namespace mockroom::llm_openai {

inline constexpr size_t kMaxFollowupChars = 600;
inline constexpr size_t kMaxFollowupConcepts = 8;
inline constexpr int kFollowupMaxTokens = 300;
inline constexpr int kAcknowledgeMaxTokens = 120;

struct CallResult {
  mr_status status = MR_ERR_INTERNAL;
  std::string message;
  std::string json;  // the result for the host
};

// -> {"followup": {"text", "concepts"} | null, "reason", "model", "usage", "attempts"}
CallResult decide_followup(ChatClient& client, const plugin_support::FollowupRequest& request, mr_call* call);
// -> {"text", "model", "usage"}; the text also streams to the host as it arrives.
CallResult acknowledge(ChatClient& client, const plugin_support::AcknowledgeRequest& request, mr_call* call);

// Checks a model's follow-up decision (the reply's JSON object); the problem, or "" when it is
// valid. Fills `out` with the normalised {"followup", "reason"}.
std::string check_followup(const nlohmann::json& reply, nlohmann::json& out);

}  // namespace mockroom::llm_openai
