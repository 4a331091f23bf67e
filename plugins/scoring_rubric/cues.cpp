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
    "as the",       "i'm a",       "i'm an",         "i'm the",         "i am a",
    "i am an",      "i am the",    "i work as",      "i worked as",     "i work in",
    "i worked in"};

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
                                            "resolved",         "no longer",    "never again",
                                            "went smoothly",    "went well",    "worked out",
                                            "it worked",        "that worked",  "paid off",
                                            "convinced",        "agreed to",    "avoided",
                                            "prevented",        "from then on", "from that point",
                                            "still use",        "apologised",   "apologized",
                                            "thanked",          "was fixed",    "got fixed",
                                            "went up",          "went down",    "came down",
                                            "fell",             "rose",         "went live",
                                            "on schedule",      "was accepted", "was approved",
                                            "went fine",        "signed off"};

constexpr std::string_view kStructureMarkers[] = {
    "first",      "firstly",    "second",  "secondly", "third",       "then",       "next",
    "after that", "afterwards", "finally", "lastly",   "as a result", "in the end", "initially",
    "to start",   "therefore",  "because", "so that",  "which meant", "ultimately", "meanwhile"};

constexpr std::string_view kComplexityCues[] = {
    "o(",           "big o",          "big-o",        "complexity",   "linear time",
    "constant time", "logarithmic",   "quadratic",    "exponential",  "n log n",
    "log n",        "linear",         "amortized",    "amortised",    "time and space",
    "space",        "memory",         "latency",      "throughput",   "per second",
    "scales",       "scalability",    "bottleneck",   "overhead",     "cost of",
    "expensive",    "cheap",          "faster",       "slower",       "worst case",
    "average case", "best case",      "hash lookup",  "constant factor", "qps",
    "rps",          "requests per",   "p99",          "p95",          "storage",
    "bandwidth",    "capacity",       "peak load"};

constexpr std::string_view kEdgeCaseCues[] = {
    "edge case",     "edge cases",   "corner case",  "corner cases", "empty",
    "null",          "overflow",     "underflow",    "duplicate",    "duplicates",
    "negative",      "boundary",     "off by one",   "off-by-one",   "invalid input",
    "what if",       "if it fails",  "fails",        "failure",      "race condition",
    "concurrent",    "timeout",      "times out",    "retry",        "retries",
    "crash",         "crashes",      "partial",      "unicode",      "zero",
    "single element", "too large",   "out of memory", "idempotent",  "fallback",
    "failover",      "fail over",    "outage",       "goes down",    "stale",
    "conflict",      "lost",         "double",       "hot key",      "thundering herd"};

constexpr std::string_view kTradeOffCues[] = {
    "trade-off",      "trade-offs",      "tradeoff",     "tradeoffs",   "trade off",
    "on the other hand", "downside",     "downsides",    "drawback",    "drawbacks",
    "at the cost of", "at the expense of", "in exchange", "whereas",    "versus",
    "vs",             "pros and cons",   "the catch",    "advantage",   "disadvantage",
    "instead of",     "rather than",     "alternatively", "alternative", "compared to",
    "comparison",     "the price",       "cost is",      "but it",      "but that",
    "however",        "it depends",      "depending on", "works well when", "breaks down"};

constexpr std::string_view kClarifyingCues[] = {
    "i would ask",  "i'd ask",       "i would first ask", "i'd first ask", "clarify",
    "clarifying",   "assuming",      "assume",            "assumption",    "assumptions",
    "requirements", "it depends on", "do we need",        "should we",
    "how many",     "how large",     "how often",         "scope",         "constraints"};

constexpr std::string_view kReasoningCues[] = {
    "because", "since the", "so that", "which means", "that means", "this means",
    "the reason", "due to", "therefore", "in order to", "otherwise", "that way"};

constexpr std::string_view kExampleCues[] = {
    "for example", "for instance", "e.g.", "such as", "say we", "imagine", "in practice",
    "like when", "in production", "a case where"};

constexpr std::string_view kDeclineCues[] = {
    "i don't know",       "i do not know",     "i dont know",          "no idea",
    "not sure",           "i'm not familiar",  "i am not familiar",    "not familiar with",
    "never used",         "never worked with", "haven't worked with",  "have not worked with",
    "haven't used",       "can't remember",    "cannot remember",      "don't remember",
    "i'd rather not",     "i would rather not", "rather skip",         "skip this",
    "pass on this",       "i'll pass",         "no experience with",   "can't answer",
    "cannot answer",      "not something i've", "prefer not to",       "move on to the next"};

constexpr std::string_view kHedgeCues[] = {
    "i think", "i guess", "maybe", "probably", "i suppose", "perhaps", "i feel like", "hopefully",
    "i might", "not sure", "i'm not sure", "i believe", "possibly", "i hope", "more or less", "or something"};

constexpr std::string_view kGenericCues[] = {
    "i always",       "i usually",        "i generally",   "i tend to",      "whenever i",
    "every time i",   "i'm a big believer", "i am a big believer", "i believe in", "is key",
    "is really key",  "is really important", "is so important", "core strength", "i'm very",
    "i am very",      "in general",       "my approach is", "my philosophy",  "i would",
    "i normally",     "i typically",      "i make sure",   "i try to"};

// Past participles that do not end in -ed: after "I'd" they make it "I had" ("I'd built
// it"), a real past event, not the hypothetical "I'd build it".
constexpr std::string_view kIrregularParticiples[] = {
    "been",   "done",   "gone",    "seen",   "made",     "had",     "taken",  "written",
    "given",  "got",    "gotten",  "known",  "said",     "told",    "sent",   "spent",
    "found",  "left",   "brought", "thought", "bought",  "begun",   "broken", "chosen",
    "driven", "fallen", "forgotten", "hidden", "held",   "kept",    "led",    "lost",
    "meant",  "met",    "paid",    "shown",  "sold",     "stood",   "taught", "understood",
    "won",    "built",  "heard",   "felt",   "run",      "set",     "put",    "read",
    "become", "come",   "grown",   "drawn",  "spoken",   "caught",  "fought", "sought",
    "struck", "rung",   "sung",    "swum",   "flown",    "thrown",  "worn",   "torn"};

// Disowning: a negated first-person subject ("I wasn't", "I didn't") followed, after
// adverbs, by a word that names running or taking part in the work; or "not my <thing>".
// "I wasn't leading it, but I ..." with an action of their own is a story of stepping up,
// not a disowned one; hearing or watching is no such action.
constexpr std::string_view kNegatedSelf[] = {"wasn't", "wasnt", "didn't", "didnt", "never"};
constexpr std::string_view kOwningWords[] = {"running", "involved", "part", "the", "doing", "there",
                                             "managing", "organising", "organizing", "driving", "leading"};
constexpr std::string_view kNotMine[] = {"not my project", "not my call", "not my decision", "not my team",
                                         "wasn't my project", "wasn't my call", "wasn't my decision",
                                         "wasn't my team", "someone else's project", "somebody else's project"};
constexpr std::string_view kContrasts[] = {"but", "yet", "though", "although"};
constexpr std::string_view kOnlookerVerbs[] = {"heard", "saw", "watched", "listened", "noticed", "found"};

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

DepthCues depth_cues(std::string_view folded, std::string_view sentence) {
  DepthCues d;
  d.complexity = any_phrase(kComplexityCues, folded);
  d.edge_cases = any_phrase(kEdgeCaseCues, folded);
  d.trade_offs = any_phrase(kTradeOffCues, folded);
  size_t last = sentence.find_last_not_of(" \t\r\n\"'");
  d.clarifying = (last != std::string_view::npos && sentence[last] == '?') ||
                 any_phrase(kClarifyingCues, folded);
  d.reasoning = any_phrase(kReasoningCues, folded);
  d.example = any_phrase(kExampleCues, folded);
  return d;
}

size_t count_hedges(std::string_view folded) {
  size_t n = 0;
  for (std::string_view cue : kHedgeCues) n += count_phrase(folded, cue);
  // "I'm not sure" also holds "not sure": count it once.
  n -= std::min(n, count_phrase(folded, "i'm not sure"));
  return n;
}

// "I'd" followed (after adverbs) by a past participle: "I had", not "I would".
bool is_past_perfect(const std::vector<Token>& tokens, size_t i) {
  size_t j = i + 1;
  for (int skipped = 0; j < tokens.size() && skipped < plugin_support::kMaxAdverbsAfterSubject; ++skipped) {
    if (tokens[j].kind != TokenKind::kWord || !plugin_support::is_adverb_after_subject(tokens[j].lower)) break;
    ++j;
  }
  if (j >= tokens.size() || tokens[j].kind != TokenKind::kWord) return false;
  const std::string& w = tokens[j].lower;
  // "-eed" is a base form ("I'd need", "I'd proceed").
  return (w.ends_with("ed") && !w.ends_with("eed")) || plugin_support::in_list(kIrregularParticiples, w);
}

bool is_generic(std::string_view folded, const std::vector<Token>& tokens) {
  if (any_phrase(kGenericCues, folded)) return true;
  for (size_t i = 0; i < tokens.size(); ++i)
    if (tokens[i].lower == "i'd" && !is_past_perfect(tokens, i)) return true;
  return false;
}

// From token `from` on: "but I <did something>", where the verb is an action of one's own.
bool steps_up_after(const std::vector<Token>& tokens, size_t from) {
  for (size_t i = from; i + 2 < tokens.size(); ++i) {
    if (!plugin_support::in_list(kContrasts, tokens[i].lower) || tokens[i + 1].lower != "i") continue;
    std::vector<Token> rest(tokens.begin() + static_cast<std::ptrdiff_t>(i + 1), tokens.end());
    const std::string& verb = tokens[i + 2].lower;
    if (!plugin_support::in_list(kOnlookerVerbs, verb) && has_personal_action(rest)) return true;
  }
  return false;
}

bool disowns_work(std::string_view folded, const std::vector<Token>& tokens) {
  using plugin_support::in_list;
  if (any_phrase(kNotMine, folded)) return true;
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i].lower != "i") continue;
    size_t j = i + 1;
    if (in_list(kNegatedSelf, tokens[j].lower)) {
      ++j;
    } else if ((tokens[j].lower == "was" || tokens[j].lower == "did") && j + 1 < tokens.size() &&
               tokens[j + 1].lower == "not") {
      j += 2;
    } else {
      continue;
    }
    for (int skipped = 0; j < tokens.size() && skipped < plugin_support::kMaxAdverbsAfterSubject; ++skipped) {
      if (tokens[j].kind != TokenKind::kWord || !plugin_support::is_adverb_after_subject(tokens[j].lower)) break;
      ++j;
    }
    if (j < tokens.size() && in_list(kOwningWords, tokens[j].lower) && !steps_up_after(tokens, j)) return true;
  }
  return false;
}

bool declines_question(std::string_view folded) { return any_phrase(kDeclineCues, folded); }

std::vector<std::string_view> structure_markers(std::string_view folded) {
  std::vector<std::string_view> found;
  for (std::string_view marker : kStructureMarkers)
    if (count_phrase(folded, marker) > 0) found.push_back(marker);
  return found;
}

}  // namespace mockroom::scoring_rubric
