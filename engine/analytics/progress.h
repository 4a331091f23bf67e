// Progress: how a candidate's scores move across the sessions that have a report, overall
// and per report category, with breakdowns by company style and by question category
// (the bank question's competency). build_progress is a pure function of the sessions;
// user_progress reads them from the store. Thread-safe as the store is.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "script/catalog.h"
#include "store/store.h"

namespace mockroom::analytics {

// The most recent sessions progress looks at; older ones are left out of the trends.
inline constexpr int kMaxProgressSessions = 500;
// The company style of sessions whose format has no company option, or that chose none.
inline constexpr const char* kNoCompany = "none";
// The question category of a question with no competency (one the script wrote itself).
inline constexpr const char* kOtherCategory = "other";

// One session with a report, as progress needs it.
struct ReportedSession {
  std::string id;
  std::string format;
  std::string format_title;
  std::string company;  // the setup's company style, or kNoCompany
  int64_t created_at_ms = 0;
  nlohmann::json report;  // overallScore, hireSignal, categories[{name, score}], answers[{questionId, score}]
  // The session's question ids ("q3") -> the question's category (competency).
  std::map<std::string, std::string> question_categories;
};

// {sessionCount, trend: [{sessionId, format, formatTitle, company, createdAt, overallScore,
//  hireSignal, categories: {name: score|null}}] (oldest first),
//  overall: {average, best, first, latest, change},
//  categories: [{name, sessions, average, first, latest, change}],
//  byCompany: [{company, sessions, averageScore, bestScore, latestScore}],
//  byQuestionCategory: [{category, answers, sessions, averageScore}] (best first),
//  strongestCategory: {name, average}|null, weakestCategory: {name, average}|null}.
// Averages are rounded to one decimal; a figure with no scores behind it is null.
nlohmann::json build_progress(std::vector<ReportedSession> sessions);

// The caller's progress over their sessions that have a report (others are skipped).
Result<nlohmann::json> user_progress(store::Store& store, const script::Catalog& catalog,
                                     int64_t user_id);

}  // namespace mockroom::analytics
