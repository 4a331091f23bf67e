// The LLM plugin ABI's requests (mockroom/plugin.h, mr_llm_api), parsed and validated the
// same way by every LLM plugin: follow-up and acknowledgement. Every limit is a named
// constant; a bad field yields a message naming it (see json_fields.h). Pure functions,
// safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "json_fields.h"

namespace mockroom::plugin_support {

// The product rule: never more than two follow-ups per main question.
inline constexpr int kMaxFollowupsPerQuestion = 2;

inline constexpr size_t kMaxRequestBytes = 1024 * 1024;
inline constexpr size_t kMaxAnswerBytes = 64 * 1024;
inline constexpr size_t kMaxQuestionTextBytes = 4 * 1024;
inline constexpr size_t kMaxIdBytes = 256;
inline constexpr size_t kMaxConcepts = 32;
inline constexpr size_t kMaxConceptBytes = 256;
inline constexpr size_t kMaxHints = 16;
inline constexpr size_t kMaxHintBytes = 512;
inline constexpr size_t kMaxHistory = 16;
inline constexpr size_t kMaxHistoryItemBytes = 4 * 1024;
inline constexpr int kMaxCount = 100000;  // bound for counters like followupsSoFar and turn

inline constexpr size_t kMaxInterviewFieldBytes = 128;
// What grounds a turn: retrieved knowledge entries and the format's prompt overrides.
inline constexpr size_t kMaxKnowledgeItems = 8;
inline constexpr size_t kMaxKnowledgeTitleBytes = 256;
inline constexpr size_t kMaxKnowledgeTextBytes = 4 * 1024;
inline constexpr size_t kMaxPromptOverrideBytes = 64 * 1024;

// What the interview is, for the interviewer's persona: all optional, "" when not given.
struct Interview {
  std::string format;   // "behavioral", "amazon_style", ...
  std::string role;     // "Software Engineer"
  std::string level;    // "senior"
  std::string company;  // "amazon-style", "none"
};

// One knowledge base entry the host retrieved for this turn.
struct Knowledge {
  std::string id;
  std::string kind;
  std::string title;
  std::string text;
};

// Templates that replace the plugin's own for this request's format; "" = the plugin's.
struct PromptOverrides {
  std::string persona;
  std::string followup;
  std::string acknowledge;
};

struct Question {
  std::string id;
  std::string text;
  std::vector<std::string> concepts;
  std::vector<std::string> hints;
};

struct FollowupRequest {
  Question question;
  std::string answer;
  int followups_so_far = 0;
  int max_followups = kMaxFollowupsPerQuestion;  // as requested; clamped by the decision
  std::vector<std::string> history;              // follow-ups already asked for this question
  Interview interview;
  std::vector<Knowledge> knowledge;
  PromptOverrides prompts;
};

struct AcknowledgeRequest {
  std::string answer;
  std::string question_text;
  int question_number = 0;  // 1-based; 0 when unknown
  int total_questions = 0;  // 0 when unknown
  int turn = 0;
  Interview interview;
  std::vector<Knowledge> knowledge;
  PromptOverrides prompts;
};

Parsed<FollowupRequest> parse_followup_request(std::string_view json_text);
Parsed<AcknowledgeRequest> parse_acknowledge_request(std::string_view json_text);

}  // namespace mockroom::plugin_support
