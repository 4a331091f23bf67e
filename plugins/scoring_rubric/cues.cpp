#include "cues.h"

#include <algorithm>

namespace mockroom::scoring_rubric {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2099;
constexpr int kMaxAdverbsAfterSubject = 2;
constexpr size_t kMinLyAdverbLength = 5;

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

constexpr std::string_view kMultiplierWords[] = {"twice",  "doubled", "tripled", "quadrupled",
                                                 "halved", "tenfold", "percent", "percentage"};

constexpr std::string_view kNumberWords[] = {
    "two",      "three",   "four",    "five",     "six",      "seven",     "eight",
    "nine",     "ten",     "eleven",  "twelve",   "fifteen",  "twenty",    "thirty",
    "forty",    "fifty",   "hundred", "hundreds", "thousand", "thousands", "million",
    "millions", "billion", "dozen",   "dozens",   "half"};

constexpr std::string_view kUnits[] = {
    "percent",  "seconds", "minutes",  "hours",     "days",    "weeks",   "months",
    "quarters", "years",   "users",    "customers", "clients", "people",  "engineers",
    "members",  "teams",   "dollars",  "times",     "orders",  "tickets", "incidents",
    "releases", "deals",   "patients", "accounts"};

constexpr std::string_view kCurrencySigns[] = {"$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5"};

constexpr std::string_view kFirstPersonSubjects[] = {"i", "i've", "i'd", "i'll"};

constexpr std::string_view kNonActionVerbs[] = {
    "was",     "am",    "think",   "thought", "guess", "mean",    "feel",     "felt",
    "believe", "don't", "dont",    "didn't",  "didnt", "wasn't",  "would",    "could",
    "might",   "can't", "cannot",  "wish",    "hope",  "like",    "love",     "want",
    "wanted",  "know",  "knew",    "suppose", "not",   "never",   "remember", "forgot",
    "do",      "have",  "haven't", "really",  "had",   "would've"};

constexpr std::string_view kAdverbs[] = {"then",        "also",       "first",
                                         "finally",     "just",       "eventually",
                                         "immediately", "personally", "actually"};

template <size_t N>
bool in(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

template <size_t N>
bool any_phrase(const std::string_view (&list)[N], std::string_view folded) {
  return std::any_of(std::begin(list), std::end(list),
                     [&](std::string_view cue) { return count_phrase(folded, cue) > 0; });
}

bool is_year(const Token& t) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (t.lower.size() != 4 || !std::all_of(t.lower.begin(), t.lower.end(), digit)) return false;
  int year = std::stoi(t.lower);
  return year >= kMinYear && year <= kMaxYear;
}

}  // namespace

bool has_situation_cue(std::string_view folded, const std::vector<Token>& tokens) {
  return std::any_of(tokens.begin(), tokens.end(), is_year) || any_phrase(kSituationCues, folded);
}

bool has_task_cue(std::string_view folded) { return any_phrase(kTaskCues, folded); }

bool has_result_cue(std::string_view folded) { return any_phrase(kResultCues, folded); }

bool has_personal_action(const std::vector<Token>& tokens) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::kWord || !in(kFirstPersonSubjects, tokens[i].lower)) continue;
    size_t j = i + 1;
    for (int skipped = 0; j < tokens.size() && skipped < kMaxAdverbsAfterSubject; ++skipped) {
      const std::string& w = tokens[j].lower;
      bool adverb = in(kAdverbs, w) || (w.size() >= kMinLyAdverbLength && w.ends_with("ly"));
      if (tokens[j].kind != TokenKind::kWord || !adverb) break;
      ++j;
    }
    if (j < tokens.size() && tokens[j].kind == TokenKind::kWord &&
        !in(kNonActionVerbs, tokens[j].lower))
      return true;
  }
  return false;
}

bool is_quantified(const std::vector<Token>& tokens) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    const Token* next = i + 1 < tokens.size() ? &tokens[i + 1] : nullptr;
    switch (t.kind) {
      case TokenKind::kNumber:
        if (!is_year(t) || (next && next->lower == "%")) return true;
        break;
      case TokenKind::kPunct:
        if (t.lower == "%") return true;
        if (in(kCurrencySigns, t.lower) && next && next->kind == TokenKind::kNumber) return true;
        break;
      case TokenKind::kWord:
        if (in(kMultiplierWords, t.lower)) return true;
        if (in(kNumberWords, t.lower) && next && in(kUnits, next->lower)) return true;
        break;
    }
  }
  return false;
}

std::vector<std::string_view> structure_markers(std::string_view folded) {
  std::vector<std::string_view> found;
  for (std::string_view marker : kStructureMarkers)
    if (count_phrase(folded, marker) > 0) found.push_back(marker);
  return found;
}

}  // namespace mockroom::scoring_rubric
