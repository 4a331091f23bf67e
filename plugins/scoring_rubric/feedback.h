// The written parts of the report: each category's explanation, strengths and areas to
// improve tied to counted signals ("2 of 6 questions were answered with a measurable
// result"), a one-paragraph summary and one concrete next step. Counts are per question
// thread (a main answer with its follow-ups). Pure functions, safe from any thread.
#pragma once

#include <string>
#include <vector>

#include "request.h"
#include "session.h"

namespace mockroom::scoring_rubric {

struct Feedback {
  std::vector<std::string> strengths;
  std::vector<std::string> improvements;
  std::string summary;
  std::string next_step;
};

Feedback write_feedback(const ScoreRequest& request, const SessionAnalysis& session);

// The level description matching the score, followed by the facts behind it.
std::string explain_category(Category category, const ScoreRequest& request,
                             const SessionAnalysis& session);

}  // namespace mockroom::scoring_rubric
