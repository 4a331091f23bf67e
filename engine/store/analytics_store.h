// AnalyticsStore: the dashboard's queries over funnel events, ratings, usage and
// entitlements, each over a time range [from_ms, to_ms) and grouped by week (weeks start
// Monday 00:00 UTC; `week` is that instant in unix ms). Reached through Store::analytics();
// implementations are thread-safe. Sized for 100,000 sessions and more: the SQLite store
// reads weekly rollups (bench/analytics measures the queries). Ranges are whole weeks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/result.h"

namespace mockroom::store {

inline constexpr int64_t kWeekMs = 7LL * 24 * 60 * 60 * 1000;
// 1970-01-05, the first Monday: weeks are counted from it.
inline constexpr int64_t kFirstMondayMs = 4LL * 24 * 60 * 60 * 1000;

struct TimeRange {
  int64_t from_ms = 0;
  int64_t to_ms = 0;
};

struct WeekCount {
  int64_t week = 0;
  int64_t count = 0;
};

struct WeekAverage {
  int64_t week = 0;
  double average = 0;
  int64_t count = 0;
};

// Users whose first session started in `week`, and how many of them started another within
// the next 7 days.
struct WeekCohort {
  int64_t week = 0;
  int64_t users = 0;
  int64_t repeated = 0;
};

// Per week: users who used the free plan, and users whose first paid entitlement began.
struct WeekConversion {
  int64_t week = 0;
  int64_t free_users = 0;
  int64_t new_paying = 0;
};

struct RatingGroup {
  std::string model_version;
  int64_t count = 0;
  double realism = 0, ease_of_use = 0, feedback_helpfulness = 0, overall_satisfaction = 0;
};

struct Totals {
  int64_t users_who_used_free = 0;   // ever
  int64_t paying_users = 0;          // with a paid entitlement, ever
};

class AnalyticsStore {
 public:
  virtual ~AnalyticsStore() = default;

  // Funnel events of `type` ("session_start", "session_complete") per week.
  virtual Result<std::vector<WeekCount>> funnel_per_week(const std::string& type, const TimeRange& range) = 0;
  // Distinct users who started a session, per week.
  virtual Result<std::vector<WeekCount>> active_users_per_week(const TimeRange& range) = 0;
  // Average feedback helpfulness (1-5) of the ratings given, per week.
  virtual Result<std::vector<WeekAverage>> helpfulness_per_week(const TimeRange& range) = 0;
  // Cohorts by the week of each user's first session start (D7 repeat usage).
  virtual Result<std::vector<WeekCohort>> first_week_cohorts(const TimeRange& range) = 0;
  virtual Result<std::vector<WeekConversion>> conversions_per_week(const TimeRange& range) = 0;
  virtual Result<Totals> totals() = 0;
  // Ratings per model_version: count and the average of each category.
  virtual Result<std::vector<RatingGroup>> ratings_by_model(const TimeRange& range) = 0;
};

}  // namespace mockroom::store
