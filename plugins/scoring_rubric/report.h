// The report JSON the engine stores and the web client renders:
//   {overallScore, hireSignal, categories[4], answers[], strengths[], improvements[],
//    summary, nextStep, scorer, scorerVersion}
// The four categories always appear in the fixed order of kCategoryNames; one the rubric
// does not assess has "assessed": false, "score": null and an empty "examples" list. Keys
// are written in a fixed order, so equal input gives byte-identical output. Pure function.
#pragma once

#include <string>

#include "request.h"

namespace mockroom::scoring_rubric {

inline constexpr char kScorerName[] = "scoring_rubric";
inline constexpr char kScorerVersion[] = "1.0.0";

std::string score_report_json(const ScoreRequest& request, const Config& config);

}  // namespace mockroom::scoring_rubric
