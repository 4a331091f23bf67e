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

// A moment of the session worth looking back at, "At 17:30: you did not say what the
// lookup costs", at the time the answer was given.
struct Note {
  double at_seconds = 0;
  std::string question_id;
  std::string text;
};

inline constexpr size_t kMaxNotes = 12;
inline constexpr size_t kMaxNotesPerQuestion = 2;

struct Feedback {
  std::vector<Note> notes;  // in time order
  std::vector<std::string> strengths;
  std::vector<std::string> improvements;
  std::string summary;
  std::string next_step;
};

Feedback write_feedback(const ScoreRequest& request, const SessionAnalysis& session);

// The notes of the session: per question thread, what stood out (passed on, key points
// missed, no cost or edge case, too short or long, a strong answer), in time order.
std::vector<Note> write_notes(const ScoreRequest& request, const SessionAnalysis& session);

// The level description matching the score, followed by the facts behind it.
std::string explain_category(Category category, const ScoreRequest& request,
                             const SessionAnalysis& session);
// The same for a category given by its rubric and score (the format's extra categories).
std::string explain_category(const CategoryRubric& c, int score, const ScoreRequest& request,
                             const SessionAnalysis& session);

}  // namespace mockroom::scoring_rubric
