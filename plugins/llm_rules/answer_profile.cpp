#include "answer_profile.h"

#include <algorithm>
#include <string_view>

#include "text.h"
#include "text_support.h"

namespace mockroom::llm_rules {
namespace {

// Openers that, in a short answer, mean "I have nothing to say".
constexpr std::string_view kNonAnswerOpeners[] = {"idk",
                                                  "i don't know",
                                                  "i dont know",
                                                  "dunno",
                                                  "pass",
                                                  "skip",
                                                  "no idea",
                                                  "not sure",
                                                  "i'm not sure",
                                                  "im not sure",
                                                  "no clue",
                                                  "i have no idea",
                                                  "i can't remember",
                                                  "i cant remember",
                                                  "i don't remember",
                                                  "i dont remember",
                                                  "n a",
                                                  "no comment",
                                                  "next question",
                                                  "i'd rather not"};

constexpr std::string_view kCurrencySigns[] = {"$", "\xE2\x82\xAC", "\xC2\xA3"};

constexpr std::string_view kNonActionVerbs[] = {
    "was",     "am",    "think",   "thought", "guess",   "mean",   "feel",     "felt",
    "believe", "don't", "dont",    "didn't",  "didnt",   "wasn't", "would",    "could",
    "might",   "can't", "cannot",  "wish",    "hope",    "like",   "love",     "want",
    "wanted",  "know",  "knew",    "suppose", "not",     "never",  "remember", "forgot",
    "do",      "have",  "haven't", "guess",   "suppose", "really"};

constexpr std::string_view kSituationCues[] = {
    "when i",       "when we",     "while i",        "while we",        "at my",
    "at our",       "at the time", "in my previous", "in my last",      "in my current",
    "my previous",  "my last",     "my current",     "my team",         "our team",
    "the team",     "my manager",  "the project",    "a project",       "our project",
    "this project", "the company", "our company",    "a company",       "the client",
    "our client",   "a client",    "a customer",     "our customers",   "last year",
    "last quarter", "years ago",   "months ago",     "back in",         "we had",
    "we were",      "there was",   "there were",     "worked at",       "working at",
    "working on",   "was working", "i was",          "i joined",        "in my role",
    "on my team",   "our product", "the situation",  "the problem was", "the context",
    "the goal was"};

bool is_non_answer(std::string_view normalized, size_t words) {
  if (words < kMinWordsForAnswer) return true;
  if (words >= kMaxHedgedNonAnswerWords) return false;
  for (std::string_view opener : kNonAnswerOpeners) {
    if (normalized.substr(0, opener.size()) == opener &&
        (normalized.size() == opener.size() || normalized[opener.size()] == ' '))
      return true;
  }
  return false;
}

bool is_year(const Token& t) { return plugin_support::is_year(t.lower); }

bool has_measurable_outcome(const std::vector<Token>& tokens) {
  return plugin_support::mentions_quantity(tokens, kCurrencySigns);
}

bool has_personal_action(const std::vector<Token>& tokens) {
  return plugin_support::has_first_person_action(tokens, kNonActionVerbs);
}

bool has_situation(const std::vector<Token>& tokens, std::string_view normalized) {
  if (std::any_of(tokens.begin(), tokens.end(), is_year)) return true;
  return std::any_of(std::begin(kSituationCues), std::end(kSituationCues),
                     [&](std::string_view cue) { return contains_words(normalized, cue); });
}

}  // namespace

bool concept_covered(std::string_view concept_name, const std::vector<std::string>& answer_stems) {
  std::vector<std::string> stems = content_stems(concept_name);
  if (stems.empty()) return false;
  size_t found = static_cast<size_t>(std::count_if(stems.begin(), stems.end(), [&](const auto& s) {
    return std::any_of(answer_stems.begin(), answer_stems.end(),
                       [&](const std::string& a) { return stems_match(s, a); });
  }));
  return found * 2 >= stems.size();  // at least half of the concept's words
}

AnswerProfile profile_answer(std::string_view answer, const std::vector<std::string>& concepts) {
  AnswerProfile p;
  std::vector<Token> tokens = tokenize(answer);
  std::string normalized = normalize_words(answer);
  p.words = count_words(tokens);
  p.non_answer = is_non_answer(normalized, p.words);
  p.measurable_outcome = has_measurable_outcome(tokens);
  p.personal_action = has_personal_action(tokens);
  p.situation = has_situation(tokens, normalized);

  if (!concepts.empty()) {
    std::vector<std::string> stems = content_stems(answer);
    plugin_support::sort_unique(stems);
    size_t covered = 0;
    for (const std::string& c : concepts) {
      if (concept_covered(c, stems))
        ++covered;
      else
        p.missed_concepts.push_back(c);
    }
    p.concept_coverage = static_cast<double>(covered) / static_cast<double>(concepts.size());
  }
  return p;
}

}  // namespace mockroom::llm_rules
