// The admin dashboard: the product's health week by week.
//   - sessions completed per week (the north star) and started;
//   - completion rate = session_complete / session_start x 100, per week;
//   - weekly active users: distinct candidates who started a session that week;
//   - average Feedback Helpfulness (1-5, the counter metric) of the week's ratings;
//   - D7 repeat usage: of the users whose first session started that week, the share who
//     started another within 7 days (a cohort younger than 7 days is marked incomplete);
//   - free-to-paid conversion: per week, users whose first payment came that week over the
//     users who used the free plan that week; overall, paying users over users who ever
//     used the free plan;
//   - ratings per model_version: count and the average of each rating category.
// Stateless over the store; thread-safe.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "store/analytics_store.h"
#include "store/store.h"
#include "util/result.h"

namespace mockroom::analytics {

inline constexpr int kDefaultDashboardWeeks = 12;
inline constexpr int kMaxDashboardWeeks = 104;

// The `weeks` weeks up to and including the one holding `now_ms`.
store::TimeRange last_weeks(int weeks, int64_t now_ms);

// {range: {from, to}, weeks: [{week, sessionsStarted, sessionsCompleted, completionRate,
//  activeUsers, helpfulness: {average, ratings}, d7: {users, repeated, rate, complete},
//  conversion: {freeUsers, newPaying, rate}}], summary: {...}, ratingsByModel: [...],
//  queryMs: {name: ms}}; rates are percentages (null without a denominator).
Result<nlohmann::json> dashboard(store::Store& store, const store::TimeRange& range, int64_t now_ms);

// The weekly rows as CSV (a header row, then a row per week), or the ratings per model.
std::string weekly_csv(const nlohmann::json& dashboard);
std::string ratings_csv(const nlohmann::json& dashboard);

}  // namespace mockroom::analytics
