// Trying a rubric on a sample answer before publishing it: the coach sends a question, what
// a good answer says and an answer; the active scorer judges it exactly as it would in an
// interview and the result says which criterion each quote supports.
//   POST /api/admin/scoring/evaluate
//   {question, answer, referenceAnswer?, referencePoints?, concepts?, synonyms?,
//    rubric?: "<id>" | {rubric object}, kind?}
//   -> {score, hireSignal, rubric, criteria: [{name, weight, score, explanation,
//       evidence: [{quote, note}]}], referencePoints: {covered, missed}, signals,
//       strengths, improvements, notes, scorer}
// Stateless; thread-safe as the registry and catalog are.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>

#include "plugin/registry.h"
#include "script/catalog.h"
#include "util/result.h"

namespace mockroom::report {

inline constexpr std::size_t kMaxEvaluateQuestionBytes = 4 * 1024;
inline constexpr std::size_t kMaxEvaluateAnswerBytes = 64 * 1024;
inline constexpr std::size_t kMaxEvaluateReferenceBytes = 16 * 1024;
// The rubric a request without one is judged by, unless its `kind` names another.
inline constexpr const char* kDefaultEvaluateRubric = "technical";

Result<nlohmann::json> evaluate_answer(const plugin::Registry& plugins, const script::Catalog& catalog,
                                       const nlohmann::json& body);

}  // namespace mockroom::report
