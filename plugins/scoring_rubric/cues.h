// Cue detection in one sentence: the parts of a STAR answer (situation, task, the
// candidate's own action, result), quantified impact, structure words, the marks of a deep
// technical answer (complexity, edge cases, trade-offs, clarifying questions, reasons,
// examples) and declining to answer. Lists of cue
// phrases are matched on folded text (see text.h) at word boundaries. Pure functions,
// safe from any thread.
#pragma once

#include <string_view>
#include <vector>

#include "text.h"

namespace mockroom::scoring_rubric {

// "At my last job", "our team", "in 2021", ...
bool has_situation_cue(std::string_view folded, const std::vector<Token>& tokens);
// "I was responsible for", "the goal was", "we needed to", ...
bool has_task_cue(std::string_view folded);
// "I" followed (after at most two adverbs) by a verb that is not a hedge ("I think").
bool has_personal_action(const std::vector<Token>& tokens);
// "As a result", "reduced", "in the end", ...
bool has_result_cue(std::string_view folded);
// A number that is not a bare year, %, a currency amount, "two weeks", "doubled", ...
bool is_quantified(const std::vector<Token>& tokens);
// The marks of technical depth found in one sentence.
struct DepthCues {
  bool complexity = false;  // "O(n log n)", "linear time", "memory", "latency"
  bool edge_cases = false;  // "edge case", "empty input", "overflow", "if it fails"
  bool trade_offs = false;  // "trade-off", "on the other hand", "at the cost of"
  bool clarifying = false;  // a question, "I would ask", "assuming", "it depends on"
  bool reasoning = false;   // "because", "which means", "so that"
  bool example = false;     // "for example", "for instance", "such as"
  void merge(const DepthCues& o) {
    complexity |= o.complexity;
    edge_cases |= o.edge_cases;
    trade_offs |= o.trade_offs;
    clarifying |= o.clarifying;
    reasoning |= o.reasoning;
    example |= o.example;
  }
};
// `sentence` is the raw sentence (a trailing '?' marks a clarifying question).
DepthCues depth_cues(std::string_view folded, std::string_view sentence);
// Hedges in one sentence: "I think", "maybe", "I guess", ...
size_t count_hedges(std::string_view folded);
// "I always ...", "communication is key", "I would ...": a habit, a belief or a
// hypothetical rather than one real instance. "I'd" counts only as "I would": "I'd built
// it" is a past event.
bool is_generic(std::string_view folded, const std::vector<Token>& tokens);
// "I wasn't running it", "I wasn't really involved", "it wasn't my project": the candidate
// says the story's work was not theirs.
bool disowns_work(std::string_view folded, const std::vector<Token>& tokens);
// "I don't know", "I'm not sure", "I'd rather skip this one", ...
bool declines_question(std::string_view folded);
// Structure words present in the sentence, each once, in the scorer's list order.
std::vector<std::string_view> structure_markers(std::string_view folded);

}  // namespace mockroom::scoring_rubric
