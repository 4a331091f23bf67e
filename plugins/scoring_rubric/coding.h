// The coding criteria for each coding problem the candidate worked on, weighted by the
// rubric (default 40/20/20/20):
// - Correctness: the share of hidden tests the final submission passed; a compile error or
//   no submission scores 0, so a wrong solution never scores high here.
// - Efficiency: run time on the large hidden tests against the reference solution's on the
//   same runner (up to 2x is full credit, 10x or a time-out none), and the time complexity
//   the candidate stated against the expected one.
// - Code quality: static signals of the final code (code_review.h).
// - Problem-solving process: clarifying questions and a plan before the first code, testing
//   (Run with their own input, or naming test cases), and fixing what failed.
// Every criterion keeps evidence: a line of the code or a sentence of the candidate's, as an
// exact substring. Pure functions, safe from any thread.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "request.h"
#include "signals.h"

namespace mockroom::scoring_rubric {

struct CodeEvidence {
  std::string quote;
  std::string question_id;  // the answer (or the code's answer) it comes from
  std::string note;
};

struct ProblemScore {
  std::string problem_id;
  bool attempted = false;  // code was written or submitted
  std::array<double, kCriterionCount> values{};  // [0, 1]
  std::array<std::vector<CodeEvidence>, kCriterionCount> evidence;
  double total = 0;  // the weighted criteria, [0, 1]
  int64_t passed = 0, tests = 0;
  std::string verdict;             // of the final submission; "" when none
  std::string stated_complexity;   // "O(n log n)" as the candidate said it, "" when not
};

// `answers` are the analyses parallel to request.answers.
std::vector<ProblemScore> score_coding(const ScoreRequest& request, const std::vector<TextSignals>& answers,
                                       size_t max_quote_bytes);

// The first "O(...)" in `text`, or "".
std::string stated_complexity(std::string_view text);
// "O(N log N)", "o(nlogn)" and "O(n * log n)" compare equal.
std::string normalize_complexity(std::string_view complexity);

}  // namespace mockroom::scoring_rubric
