// scoring_llm's instance configuration, parsed and validated: the chat model's connection
// (llm_openai's keys, with the judge's defaults), the deterministic scorer's keys
// (scoring_rubric's), "judgeWeight" and "promptsDir". Unknown keys are errors. The API key is
// kept for the auth header and appears in no message, log line or report.
#pragma once

#include <string>
#include <string_view>

#include "config.h"
#include "request.h"

namespace mockroom::scoring_llm {

using plugin_support::Parsed;

// How much the judge's category score counts against the deterministic one.
inline constexpr double kDefaultJudgeWeight = 0.5;
// Same transcript, same report: the judge samples greedily unless told otherwise.
inline constexpr double kDefaultJudgeTemperature = 0.0;
// A verdict on a whole session is longer than an interviewer's turn.
inline constexpr int kDefaultJudgeMaxTokens = 2000;

// {llm_openai's keys: "baseUrl", "apiKey", "model", "azure", "temperature" (0), "maxTokens"
//  (2000), "timeoutSeconds", "maxRetries", "retryBaseMs"; scoring_rubric's keys:
//  "examplesPerCategory", "maxQuoteChars"; "judgeWeight": 0..1 (0.5); "promptsDir": a folder
//  holding judge.mustache}
struct Config {
  llm_openai::Config chat;
  scoring_rubric::Config rubric;
  double judge_weight = kDefaultJudgeWeight;
  std::string judge_prompt;  // the judge.mustache template
};

Parsed<Config> parse_config(std::string_view json_text);

}  // namespace mockroom::scoring_llm
