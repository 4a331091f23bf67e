#include "cues.h"

#include <algorithm>

#include "text_support.h"

namespace mockroom::scoring_rubric {
namespace {

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
    "at the start", "a few years", "during my",      "as a junior",     "as a senior",
    "as the"};

constexpr std::string_view kTaskCues[] = {
    "my goal",        "the goal",        "our goal",        "i was responsible", "i was tasked",
    "i was asked to", "i needed to",     "i had to",        "we needed to",      "we had to",
    "the challenge",  "my job was",      "my role was",     "my task",           "the task",
    "objective",      "responsible for", "in charge of",    "deadline",          "the aim",
    "i wanted to",    "supposed to",     "expected to",     "my responsibility", "needed to",
    "had to",         "the target",      "the requirement", "i owned",           "was asked to"};

constexpr std::string_view kResultCues[] = {"as a result",      "the result",   "resulted in",
                                            "the outcome",      "in the end",   "ultimately",
                                            "which led to",     "that led to",  "led to",
                                            "eventually",       "on time",      "ahead of schedule",
                                            "successfully",     "went from",    "down from",
                                            "up from",          "reduced",      "increased",
                                            "improved",         "saved",        "grew",
                                            "dropped",          "decreased",    "doubled",
                                            "halved",           "tripled",      "launched",
                                            "shipped",          "delivered",    "achieved",
                                            "exceeded",         "boosted",      "lowered",
                                            "raised",           "the impact",   "impact was",
                                            "because of that",  "afterwards",   "since then",
                                            "i learned",        "we learned",   "the lesson",
                                            "got promoted",     "was promoted", "adopted",
                                            "the feedback was", "won",          "recovered",
                                            "resolved",         "no longer",    "never again"};

constexpr std::string_view kStructureMarkers[] = {
    "first",      "firstly",    "second",  "secondly", "third",       "then",       "next",
    "after that", "afterwards", "finally", "lastly",   "as a result", "in the end", "initially",
    "to start",   "therefore",  "because", "so that",  "which meant", "ultimately", "meanwhile"};

constexpr std::string_view kCurrencySigns[] = {"$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5"};

constexpr std::string_view kNonActionVerbs[] = {
    "was",     "am",    "think",   "thought", "guess", "mean",    "feel",     "felt",
    "believe", "don't", "dont",    "didn't",  "didnt", "wasn't",  "would",    "could",
    "might",   "can't", "cannot",  "wish",    "hope",  "like",    "love",     "want",
    "wanted",  "know",  "knew",    "suppose", "not",   "never",   "remember", "forgot",
    "do",      "have",  "haven't", "really",  "had",   "would've"};

template <size_t N>
bool any_phrase(const std::string_view (&list)[N], std::string_view folded) {
  return std::any_of(std::begin(list), std::end(list),
                     [&](std::string_view cue) { return count_phrase(folded, cue) > 0; });
}

bool is_year(const Token& t) { return plugin_support::is_year(t.lower); }

}  // namespace

bool has_situation_cue(std::string_view folded, const std::vector<Token>& tokens) {
  return std::any_of(tokens.begin(), tokens.end(), is_year) || any_phrase(kSituationCues, folded);
}

bool has_task_cue(std::string_view folded) { return any_phrase(kTaskCues, folded); }

bool has_result_cue(std::string_view folded) { return any_phrase(kResultCues, folded); }

bool has_personal_action(const std::vector<Token>& tokens) {
  return plugin_support::has_first_person_action(tokens, kNonActionVerbs);
}

bool is_quantified(const std::vector<Token>& tokens) {
  return plugin_support::mentions_quantity(tokens, kCurrencySigns);
}

std::vector<std::string_view> structure_markers(std::string_view folded) {
  std::vector<std::string_view> found;
  for (std::string_view marker : kStructureMarkers)
    if (count_phrase(folded, marker) > 0) found.push_back(marker);
  return found;
}

}  // namespace mockroom::scoring_rubric
