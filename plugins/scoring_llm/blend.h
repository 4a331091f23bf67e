// The judge's verdict joined to the deterministic analysis, and the reports scoring_llm
// writes. Every report has scoring_rubric's structure (report.h) plus a "judge" block, and
// every example says where it comes from: "source": "rubric" or "judge".
//
// Scores: a category the judge scored becomes round(w * judge + (1 - w) * deterministic),
// w = judgeWeight, both on 0..100 (the deterministic value before rounding). Coding never
// moves: its correctness is the runner's and its other criteria are measured. The overall
// score and the hire signal are then recomputed as scoring_rubric computes them.
// Evidence: a claim whose quote is found in the candidate's answers (quotes.h) joins its
// category's examples with the answer's own words as the quote; strengths and improvements
// with a found quote join the report's lists; every other claim is dropped and counted.
// Pure functions, safe from any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "chat.h"
#include "judge_config.h"
#include "request.h"
#include "session.h"
#include "verdict.h"

namespace mockroom::scoring_llm {

inline constexpr char kScorerName[] = "scoring_llm";
inline constexpr char kScorerVersion[] = "1.0.0";

// What asking the judge took, spent tokens included, whether or not it gave a verdict.
struct JudgeRun {
  std::string model;
  llm_openai::Usage usage;
  int attempts = 0;
};

// The names the judge is asked to score: the rubric's assessed categories, then its extra
// categories.
std::vector<std::string> judged_categories(const scoring_rubric::Rubric& rubric);

// Moves the judged categories' values and scores (see above) and recomputes the overall.
void blend_scores(const scoring_rubric::Rubric& rubric, const Verdict& verdict, double weight,
                  scoring_rubric::SessionAnalysis& session);

// The report with the verdict in it; judge: {status: "ok", model, usage, attempts, weight,
// claimsKept, claimsDropped, categoriesIgnored, summary}.
nlohmann::ordered_json judged_report(const scoring_rubric::ScoreRequest& request,
                                     scoring_rubric::SessionAnalysis session, const Config& config,
                                     const Verdict& verdict, const JudgeRun& run);

enum class Unjudged { kUnavailable, kNothingToJudge };

// The deterministic report; judge: {status: "unavailable", error, model, usage, attempts} when
// the judge failed with `why`, or {status: "skipped", reason} when no answer had words.
nlohmann::ordered_json unjudged_report(const scoring_rubric::ScoreRequest& request,
                                       const scoring_rubric::SessionAnalysis& session, const Config& config,
                                       Unjudged kind, const std::string& why, const JudgeRun& run);

}  // namespace mockroom::scoring_llm
