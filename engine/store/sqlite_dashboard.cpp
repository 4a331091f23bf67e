// AnalyticsStore in SQLite: the dashboard's weekly queries, on the rollup tables that
// triggers keep beside funnel events, ratings, usage and payments (migration 12). Each query
// reads a few rows per week of its range, whatever the number of sessions; only D7 repeat
// usage probes each cohort user's next session, through an index.
#include <map>

#include "store/sqlite_repositories.h"

namespace mockroom::store {
namespace {

// Weeks since Monday 1970-01-05: what the rollups are keyed by, and back.
int64_t week_index(int64_t ms) { return (ms - kFirstMondayMs) / kWeekMs; }
int64_t week_ms(int64_t index) { return index * kWeekMs + kFirstMondayMs; }

std::vector<WeekCount> week_counts(Stmt& stmt) {
  std::vector<WeekCount> out;
  while (stmt.step()) out.push_back({week_ms(stmt.int64(0)), stmt.int64(1)});
  return out;
}

class SqliteAnalyticsStore final : public AnalyticsStore {
 public:
  explicit SqliteAnalyticsStore(const SqliteAccess& access) : db_(access) {}

  Result<std::vector<WeekCount>> funnel_per_week(const std::string& type, const TimeRange& r) override {
    return db_.read<Result<std::vector<WeekCount>>>([&](Db& db) {
      auto stmt = db.prepare(
          "SELECT week, events FROM analytics_funnel_weeks WHERE type = ?1 AND week >= ?2 AND week < ?3 ORDER BY week");
      bind_weeks(stmt.bind(1, type), r);
      return week_counts(stmt);
    });
  }

  Result<std::vector<WeekCount>> active_users_per_week(const TimeRange& r) override {
    return db_.read<Result<std::vector<WeekCount>>>([&](Db& db) {
      auto stmt = db.prepare(
          "SELECT week, count(*) FROM analytics_active_users WHERE ?1 = ?1 AND week >= ?2 AND week < ?3 "
          "GROUP BY week ORDER BY week");
      bind_weeks(stmt.bind(1, int64_t{0}), r);
      return week_counts(stmt);
    });
  }

  Result<std::vector<WeekAverage>> helpfulness_per_week(const TimeRange& r) override {
    return db_.read<Result<std::vector<WeekAverage>>>([&](Db& db) {
      auto stmt = db.prepare(
          "SELECT week, sum(feedback_helpfulness) * 1.0 / sum(ratings), sum(ratings) FROM analytics_rating_weeks "
          "WHERE ?1 = ?1 AND week >= ?2 AND week < ?3 GROUP BY week ORDER BY week");
      bind_weeks(stmt.bind(1, int64_t{0}), r);
      std::vector<WeekAverage> out;
      while (stmt.step()) out.push_back({week_ms(stmt.int64(0)), stmt.real(1), stmt.int64(2)});
      return out;
    });
  }

  Result<std::vector<WeekCohort>> first_week_cohorts(const TimeRange& r) override {
    return db_.read<Result<std::vector<WeekCohort>>>([&](Db& db) {
      auto stmt = db.prepare(
          "SELECT (first_ms - ?3) / ?4 AS w, count(*), "
          "sum(EXISTS (SELECT 1 FROM funnel_events f WHERE f.type = 'session_start' AND f.user_id = s.user_id "
          "AND f.at_ms > s.first_ms AND f.at_ms <= s.first_ms + ?4)) "
          "FROM analytics_first_start s WHERE first_ms >= ?1 AND first_ms < ?2 GROUP BY w ORDER BY w");
      stmt.bind(1, r.from_ms).bind(2, r.to_ms).bind(3, kFirstMondayMs).bind(4, kWeekMs);
      std::vector<WeekCohort> out;
      while (stmt.step()) out.push_back({week_ms(stmt.int64(0)), stmt.int64(1), stmt.int64(2)});
      return out;
    });
  }

  Result<std::vector<WeekConversion>> conversions_per_week(const TimeRange& r) override {
    return db_.read<Result<std::vector<WeekConversion>>>([&](Db& db) {
      std::map<int64_t, WeekConversion> weeks;
      auto free_users = db.prepare(
          "SELECT week, count(*) FROM analytics_free_users WHERE ?1 = ?1 AND week >= ?2 AND week < ?3 GROUP BY week");
      bind_weeks(free_users.bind(1, int64_t{0}), r);
      for (const WeekCount& c : week_counts(free_users)) {
        weeks[c.week].week = c.week;
        weeks[c.week].free_users = c.count;
      }
      auto paying = db.prepare(
          "SELECT (first_paid_ms - ?3) / ?4 AS w, count(*) FROM analytics_user_marks "
          "WHERE first_paid_ms >= ?1 AND first_paid_ms < ?2 GROUP BY w");
      paying.bind(1, r.from_ms).bind(2, r.to_ms).bind(3, kFirstMondayMs).bind(4, kWeekMs);
      for (const WeekCount& c : week_counts(paying)) {
        weeks[c.week].week = c.week;
        weeks[c.week].new_paying = c.count;
      }
      std::vector<WeekConversion> out;
      for (const auto& [w, row] : weeks) out.push_back(row);
      return out;
    });
  }

  Result<Totals> totals() override {
    return db_.read<Result<Totals>>([&](Db& db) {
      auto stmt = db.prepare("SELECT count(first_free_ms), count(first_paid_ms) FROM analytics_user_marks");
      stmt.step();
      return Totals{stmt.int64(0), stmt.int64(1)};
    });
  }

  Result<std::vector<RatingGroup>> ratings_by_model(const TimeRange& r) override {
    return db_.read<Result<std::vector<RatingGroup>>>([&](Db& db) {
      auto stmt = db.prepare(
          "SELECT model_version, sum(ratings), sum(realism) * 1.0 / sum(ratings), sum(ease_of_use) * 1.0 / sum(ratings), "
          "sum(feedback_helpfulness) * 1.0 / sum(ratings), sum(overall_satisfaction) * 1.0 / sum(ratings) "
          "FROM analytics_rating_weeks WHERE ?1 = ?1 AND week >= ?2 AND week < ?3 "
          "GROUP BY model_version ORDER BY sum(ratings) DESC, model_version");
      bind_weeks(stmt.bind(1, int64_t{0}), r);
      std::vector<RatingGroup> out;
      while (stmt.step()) {
        out.push_back({stmt.text(0), stmt.int64(1), stmt.real(2), stmt.real(3), stmt.real(4), stmt.real(5)});
      }
      return out;
    });
  }

 private:
  // ?2, ?3: the range's weeks (a range starting or ending mid-week covers that whole week).
  static void bind_weeks(Stmt& stmt, const TimeRange& r) {
    stmt.bind(2, week_index(r.from_ms)).bind(3, week_index(r.to_ms + kWeekMs - 1));
  }

  SqliteAccess db_;
};

}  // namespace

std::unique_ptr<AnalyticsStore> make_sqlite_analytics_store(const SqliteAccess& access) {
  return std::make_unique<SqliteAnalyticsStore>(access);
}

}  // namespace mockroom::store
