// The report JSON the engine stores and the web client renders:
//   {overallScore, hireSignal, categories[4], answers[], strengths[], improvements[],
//    summary, nextStep, scorer, scorerVersion}
// The four categories always appear in the fixed order of kCategoryNames; one the rubric
// does not assess has "assessed": false, "score": null and an empty "examples" list. Keys
// are written in a fixed order, so equal input gives byte-identical output. Pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "request.h"
#include "session.h"

namespace mockroom::scoring_rubric {

inline constexpr char kScorerName[] = "scoring_rubric";
inline constexpr char kScorerVersion[] = "1.0.0";

std::string score_report_json(const ScoreRequest& request, const Config& config);

// The report of an analysed session (the scores, overall and hire signal as `session`
// holds them), for a scorer that adjusts the analysis before it is written.
nlohmann::ordered_json report_json(const ScoreRequest& request, const SessionAnalysis& session,
                                   const Config& config);
// The report as the text handed to the host.
std::string dump_report(const nlohmann::ordered_json& report);

}  // namespace mockroom::scoring_rubric
