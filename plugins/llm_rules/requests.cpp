#include "requests.h"

namespace mockroom::llm_rules {

Parsed<Config> parse_config(std::string_view json_text) {
  InputError error;
  nlohmann::json doc =
      parse_object(json_text, "config", EmptyInput::kAllowed, kMaxConfigBytes, error);
  Fields root(doc, "config", error);
  root.reject_unknown({"maxFollowups", "minAnswerWords"});
  Config config;
  config.max_followups = static_cast<int>(root.integer(
      "maxFollowups", Presence::kOptional, 0, kMaxFollowupsPerQuestion, kMaxFollowupsPerQuestion));
  config.min_answer_words =
      static_cast<int>(root.integer("minAnswerWords", Presence::kOptional, kMinMinAnswerWords,
                                    kMaxMinAnswerWords, kDefaultMinAnswerWords));
  if (error.failed()) return Parsed<Config>::failure(error.message());
  return {config, {}};
}

}  // namespace mockroom::llm_rules
