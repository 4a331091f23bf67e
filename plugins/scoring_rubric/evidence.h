// Evidence for a category score: sentences quoted verbatim from the candidate's answers,
// each with the question it answered and a note saying what it shows.
//
// For a category the scorer looks at the category's signals (heaviest first) and picks a
// sentence that shows a strength (the best answer on a strong signal: the sentence with the
// number for impact, the one with "first ... then" for structure) and one that shows the
// weakness (the worst answer on a weak signal: the sentence with the filler words, the
// answer with no number). Quotes are exact substrings of an answer, clipped at a word
// boundary. Only when no answer has any words can the list be empty. Pure function.
#pragma once

#include <string>
#include <vector>

#include "request.h"
#include "session.h"

namespace mockroom::scoring_rubric {

struct Example {
  std::string quote;
  std::string question_id;
  std::string note;
};

// `rubric` is one of the request's categories (or extra categories), scored `score`.
std::vector<Example> choose_examples(const CategoryRubric& rubric, int score, const ScoreRequest& request,
                                     const SessionAnalysis& session, const Config& config);

}  // namespace mockroom::scoring_rubric
