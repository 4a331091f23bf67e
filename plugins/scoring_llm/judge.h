// Asking the judge: the prompt (judge.mustache with the rubric's categories, the questions
// and the candidate's answers), one chat completion for JSON output at the configured
// temperature (0 by default) with a fixed seed, so the same session gets the same verdict,
// and the verdict's shape check with one retry (llm_openai/structured.h). Safe from any
// thread, as ChatClient is.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "blend.h"
#include "chat.h"
#include "judge_config.h"
#include "request.h"
#include "verdict.h"

namespace mockroom::scoring_llm {

inline constexpr int64_t kJudgeSeed = 20240611;
// How much of an unusable reply is shown back to the model with the problem.
inline constexpr size_t kMaxEchoedReplyChars = 16 * 1024;

// The values judge.mustache is rendered with: formatTitle, categories [{name, description,
// strong, meets, below, scoredByRunner}], answers [{questionId, question, followUp, answer}],
// maxClaims, maxNotes, minQuoteWords, maxQuoteChars.
nlohmann::json judge_prompt_values(const scoring_rubric::ScoreRequest& request);

struct JudgeOutcome {
  mr_status status = MR_ERR_INTERNAL;
  std::string message;  // why, when status != MR_OK; never holds the API key
  Verdict verdict;
  JudgeRun run;
  bool ok() const { return status == MR_OK; }
};

JudgeOutcome ask_judge(llm_openai::ChatClient& client, const Config& config,
                       const scoring_rubric::ScoreRequest& request, mr_call* call);

}  // namespace mockroom::scoring_llm
