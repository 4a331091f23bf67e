// What the rule-based interviewer notices about one answer: is it a real answer at all,
// does it state a measurable outcome, the candidate's own action, the situation, and how
// many of the question's concepts it touches. Pure functions, safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mockroom::llm_rules {

// Fewer words than this is never treated as an answer worth engaging with.
inline constexpr size_t kMinWordsForAnswer = 5;
// A hedge like "I don't know, maybe ..." shorter than this is still a non-answer.
inline constexpr size_t kMaxHedgedNonAnswerWords = 12;

struct AnswerProfile {
  size_t words = 0;
  bool non_answer = true;                    // empty, "idk", "pass", under kMinWordsForAnswer words
  bool measurable_outcome = false;           // a number, %, money, duration or multiplier
  bool personal_action = false;              // "I <did something>"
  bool situation = false;                    // where/when: "at my last job", "our team", a year
  double concept_coverage = 1.0;             // covered / total question concepts (1 when none)
  std::vector<std::string> missed_concepts;  // in the question's order
};

AnswerProfile profile_answer(std::string_view answer, const std::vector<std::string>& concepts);

// True when the concept's content words (light-stemmed) mostly occur among `answer_stems`.
bool concept_covered(std::string_view concept_name, const std::vector<std::string>& answer_stems);

}  // namespace mockroom::llm_rules
