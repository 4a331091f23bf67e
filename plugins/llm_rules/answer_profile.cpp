#include "answer_profile.h"

#include <algorithm>
#include <string_view>

#include "text.h"

namespace mockroom::llm_rules {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2099;
// How many adverbs may sit between "I" and its verb ("I then quickly rewrote ...").
constexpr int kMaxAdverbsAfterSubject = 2;

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

constexpr std::string_view kFirstPersonSubjects[] = {"i", "i've", "i'd", "i'll"};

constexpr std::string_view kNonActionVerbs[] = {
    "was",     "am",    "think",   "thought", "guess",   "mean",   "feel",     "felt",
    "believe", "don't", "dont",    "didn't",  "didnt",   "wasn't", "would",    "could",
    "might",   "can't", "cannot",  "wish",    "hope",    "like",   "love",     "want",
    "wanted",  "know",  "knew",    "suppose", "not",     "never",  "remember", "forgot",
    "do",      "have",  "haven't", "guess",   "suppose", "really"};

constexpr std::string_view kAdverbs[] = {"then",        "also",       "first",
                                         "finally",     "just",       "eventually",
                                         "immediately", "personally", "actually"};

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

template <size_t N>
bool in(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

bool is_year(const Token& t) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (t.lower.size() != 4 || !std::all_of(t.lower.begin(), t.lower.end(), digit)) return false;
  int year = std::stoi(t.lower);
  return year >= kMinYear && year <= kMaxYear;
}

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

bool has_measurable_outcome(const std::vector<Token>& tokens) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    const Token* next = i + 1 < tokens.size() ? &tokens[i + 1] : nullptr;
    switch (t.kind) {
      case TokenKind::kNumber:
        if (!is_year(t) || (next && next->lower == "%")) return true;
        break;
      case TokenKind::kPunct:
        if (t.lower == "%") return true;
        if ((t.lower == "$" || t.lower == "\xE2\x82\xAC" || t.lower == "\xC2\xA3") && next &&
            next->kind == TokenKind::kNumber)
          return true;
        break;
      case TokenKind::kWord:
        if (in(kMultiplierWords, t.lower)) return true;
        if (in(kNumberWords, t.lower) && next && in(kUnits, next->lower)) return true;
        break;
    }
  }
  return false;
}

bool has_personal_action(const std::vector<Token>& tokens) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::kWord || !in(kFirstPersonSubjects, tokens[i].lower)) continue;
    size_t j = i + 1;
    for (int skipped = 0; j < tokens.size() && skipped < kMaxAdverbsAfterSubject; ++skipped) {
      const std::string& w = tokens[j].lower;
      bool adverb = in(kAdverbs, w) || (w.size() > 4 && w.ends_with("ly"));
      if (tokens[j].kind != TokenKind::kWord || !adverb) break;
      ++j;
    }
    if (j < tokens.size() && tokens[j].kind == TokenKind::kWord &&
        !in(kNonActionVerbs, tokens[j].lower))
      return true;
  }
  return false;
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
    std::sort(stems.begin(), stems.end());
    stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
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
