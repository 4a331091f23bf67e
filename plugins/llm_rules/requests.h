// The plugin's configuration, parsed and validated; the requests are the LLM ABI's, parsed
// in plugins/support/llm_requests.h. Pure functions, safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "json_fields.h"
#include "llm_requests.h"

namespace mockroom::llm_rules {

// The shared JSON reading helpers (plugins/support/json_fields.h).
using plugin_support::EmptyInput;
using plugin_support::Fields;
using plugin_support::InputError;
using plugin_support::parse_object;
using plugin_support::Parsed;
using plugin_support::Presence;
// The LLM ABI's requests (plugins/support/llm_requests.h).
using plugin_support::AcknowledgeRequest;
using plugin_support::FollowupRequest;
using plugin_support::kMaxFollowupsPerQuestion;
using plugin_support::parse_acknowledge_request;
using plugin_support::parse_followup_request;
using plugin_support::Question;

inline constexpr int kDefaultMinAnswerWords = 40;
inline constexpr int kMinMinAnswerWords = 5;
inline constexpr int kMaxMinAnswerWords = 400;

inline constexpr size_t kMaxConfigBytes = 16 * 1024;
// Instance configuration: {"maxFollowups": 0..2, "minAnswerWords": 5..400}, both optional.
struct Config {
  int max_followups = kMaxFollowupsPerQuestion;
  // Answers shorter than this are "thin" and invite a follow-up.
  int min_answer_words = kDefaultMinAnswerWords;
};

Parsed<Config> parse_config(std::string_view json_text);

}  // namespace mockroom::llm_rules
