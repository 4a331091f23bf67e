// Scores a whole session: signals per answer, signals per question thread (a main answer
// with the follow-up answers after it, judged together, since follow-ups exist to fill the
// gaps of the main answer), category scores as the mean over threads, the weighted overall
// score and the hire signal from the rubric's thresholds. Pure function, safe from any
// thread.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

#include "coding.h"
#include "request.h"
#include "signals.h"

namespace mockroom::scoring_rubric {

struct Thread {
  std::vector<size_t> answers;  // indices into ScoreRequest::answers; the first is the main one
  TextSignals signals;          // of the thread's answers joined
};

struct SessionAnalysis {
  std::vector<TextSignals> answers;  // parallel to ScoreRequest::answers
  std::vector<Thread> threads;
  std::array<double, kCategoryCount> category_values{};  // [0, 1]; 0 when not assessed
  std::array<int, kCategoryCount> category_scores{};     // 0..100
  int overall = 0;                                       // 0..100
  std::string_view hire_signal;
  bool nothing_answered = true;  // no answer has a single word
  // The coding criteria per problem; when there are any and Coding is assessed, they alone
  // make its score.
  std::vector<ProblemScore> coding;
  std::vector<int> extra_scores;  // parallel to Rubric::extras, 0..100

  int score(Category c) const { return category_scores[static_cast<size_t>(c)]; }
};

// `max_quote_bytes` bounds the coding criteria's evidence quotes.
SessionAnalysis analyze_session(const ScoreRequest& request, size_t max_quote_bytes = kDefaultMaxQuoteBytes);

// A value in [0, 1] as a 0..100 score.
int to_score(double value);

// The weighted overall score of the four categories' values ([0, 1]; 0 when not assessed).
int overall_score(const Rubric& rubric, const std::array<double, kCategoryCount>& values);

// "Strong Hire", "Hire", "Lean No Hire" or "No Hire" for an overall score.
std::string_view hire_signal(int overall, const HireThresholds& thresholds);

// One answer's score on the rubric's weighted categories, 0..100.
int answer_score(const TextSignals& signals, const Rubric& rubric);

// Signal value averaged over the threads, [0, 1].
double mean_over_threads(const SessionAnalysis& session, Signal signal);

}  // namespace mockroom::scoring_rubric
