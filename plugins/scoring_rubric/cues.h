// Cue detection in one sentence: the parts of a STAR answer (situation, task, the
// candidate's own action, result), quantified impact, and structure words. Lists of cue
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
// Structure words present in the sentence, each once, in the scorer's list order.
std::vector<std::string_view> structure_markers(std::string_view folded);

}  // namespace mockroom::scoring_rubric
