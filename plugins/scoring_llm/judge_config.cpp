#include "judge_config.h"

#include <vector>

#include "default_judge_prompt.h"

namespace mockroom::scoring_llm {

using plugin_support::EmptyInput;
using plugin_support::Fields;
using plugin_support::InputError;
using plugin_support::Presence;

Parsed<Config> parse_config(std::string_view json_text) {
  InputError error;
  nlohmann::json doc =
      plugin_support::parse_object(json_text, "config", EmptyInput::kRejected, llm_openai::kMaxConfigBytes, error);
  Fields root(doc, "config", error);
  std::vector<std::string_view> known(llm_openai::kConnectionKeys.begin(), llm_openai::kConnectionKeys.end());
  known.insert(known.end(), scoring_rubric::kConfigKeys.begin(), scoring_rubric::kConfigKeys.end());
  known.insert(known.end(), {"judgeWeight", "promptsDir"});
  root.reject_unknown(known);

  Config c;
  c.chat.temperature = kDefaultJudgeTemperature;
  c.chat.max_tokens = kDefaultJudgeMaxTokens;
  llm_openai::read_connection(root, c.chat);
  c.rubric = scoring_rubric::read_config(root);
  c.judge_weight = root.number("judgeWeight", Presence::kOptional, 0.0, 1.0, kDefaultJudgeWeight);
  std::string prompts_dir = root.text("promptsDir", Presence::kOptional, llm_openai::kMaxUrlBytes);
  if (error.failed()) return Parsed<Config>::failure(error.message());

  auto prompt = llm_openai::load_prompt(prompts_dir, "judge", defaults::k_judge);
  if (!prompt.ok()) return Parsed<Config>::failure(prompt.error);
  c.judge_prompt = std::move(*prompt.value);
  return {std::move(c), {}};
}

}  // namespace mockroom::scoring_llm
