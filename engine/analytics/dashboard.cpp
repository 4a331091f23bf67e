#include "analytics/dashboard.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>

#include "analytics/funnel.h"
#include "util/csv.h"
#include "util/dates.h"

namespace mockroom::analytics {

using nlohmann::json;

namespace {

json percent(int64_t part, int64_t whole) {
  if (whole <= 0) return nullptr;
  return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0;
}

// Runs a query and records how long it took under `name`.
template <typename F>
auto timed(json& timings, const char* name, F&& query) {
  auto started = std::chrono::steady_clock::now();
  auto result = query();
  timings[name] = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

std::string number(const json& v) {
  if (v.is_null()) return "";
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", v.get<double>());
  return buffer;
}

}  // namespace

store::TimeRange last_weeks(int weeks, int64_t now_ms) {
  int64_t this_week = (now_ms - store::kFirstMondayMs) / store::kWeekMs * store::kWeekMs + store::kFirstMondayMs;
  return {this_week - (weeks - 1) * store::kWeekMs, this_week + store::kWeekMs};
}

Result<json> dashboard(store::Store& store, const store::TimeRange& range, int64_t now_ms) {
  auto& a = store.analytics();
  json timings = json::object();
  auto started = timed(timings, "sessionsStarted", [&] { return a.funnel_per_week(std::string(kSessionStart), range); });
  auto completed = timed(timings, "sessionsCompleted", [&] { return a.funnel_per_week(std::string(kSessionComplete), range); });
  auto active = timed(timings, "activeUsers", [&] { return a.active_users_per_week(range); });
  auto helpful = timed(timings, "helpfulness", [&] { return a.helpfulness_per_week(range); });
  auto cohorts = timed(timings, "d7Repeat", [&] { return a.first_week_cohorts(range); });
  auto conversions = timed(timings, "conversion", [&] { return a.conversions_per_week(range); });
  auto totals = timed(timings, "totals", [&] { return a.totals(); });
  auto ratings = timed(timings, "ratingsByModel", [&] { return a.ratings_by_model(range); });
  for (const Status& st : {started.ok() ? Status() : started.error(), completed.ok() ? Status() : completed.error(),
                           active.ok() ? Status() : active.error(), helpful.ok() ? Status() : helpful.error(),
                           cohorts.ok() ? Status() : cohorts.error(), conversions.ok() ? Status() : conversions.error(),
                           totals.ok() ? Status() : totals.error(), ratings.ok() ? Status() : ratings.error()}) {
    if (!st.ok()) return st.error();
  }

  std::map<int64_t, json> weeks;
  for (int64_t w = range.from_ms; w < range.to_ms; w += store::kWeekMs) {
    weeks[w] = {{"week", w}, {"sessionsStarted", 0}, {"sessionsCompleted", 0}, {"activeUsers", 0},
                {"helpfulness", {{"average", nullptr}, {"ratings", 0}}},
                {"d7", {{"users", 0}, {"repeated", 0}, {"rate", nullptr}, {"complete", w + 2 * store::kWeekMs <= now_ms}}},
                {"conversion", {{"freeUsers", 0}, {"newPaying", 0}, {"rate", nullptr}}}};
  }
  auto row = [&](int64_t w) -> json& { return weeks[w]; };
  for (const auto& c : *started) row(c.week)["sessionsStarted"] = c.count;
  for (const auto& c : *completed) row(c.week)["sessionsCompleted"] = c.count;
  for (const auto& c : *active) row(c.week)["activeUsers"] = c.count;
  for (const auto& h : *helpful) row(h.week)["helpfulness"] = {{"average", std::round(h.average * 100) / 100}, {"ratings", h.count}};
  for (const auto& c : *cohorts) {
    json& d7 = row(c.week)["d7"];
    d7["users"] = c.users;
    d7["repeated"] = c.repeated;
    d7["rate"] = percent(c.repeated, c.users);
  }
  for (const auto& c : *conversions) {
    row(c.week)["conversion"] = {{"freeUsers", c.free_users}, {"newPaying", c.new_paying}, {"rate", percent(c.new_paying, c.free_users)}};
  }

  json rows = json::array();
  int64_t all_started = 0, all_completed = 0, rated = 0, cohort_users = 0, cohort_repeated = 0;
  double helpfulness_sum = 0;
  for (auto& [w, r] : weeks) {
    r["completionRate"] = percent(r["sessionsCompleted"].get<int64_t>(), r["sessionsStarted"].get<int64_t>());
    all_started += r["sessionsStarted"].get<int64_t>();
    all_completed += r["sessionsCompleted"].get<int64_t>();
    if (r["helpfulness"]["ratings"].get<int64_t>() > 0) {
      rated += r["helpfulness"]["ratings"].get<int64_t>();
      helpfulness_sum += r["helpfulness"]["average"].get<double>() * r["helpfulness"]["ratings"].get<double>();
    }
    if (r["d7"]["complete"].get<bool>()) {
      cohort_users += r["d7"]["users"].get<int64_t>();
      cohort_repeated += r["d7"]["repeated"].get<int64_t>();
    }
    rows.push_back(r);
  }
  json by_model = json::array();
  for (const auto& g : *ratings) {
    by_model.push_back({{"modelVersion", g.model_version}, {"ratings", g.count},
                        {"realism", g.realism}, {"easeOfUse", g.ease_of_use},
                        {"feedbackHelpfulness", g.feedback_helpfulness}, {"overallSatisfaction", g.overall_satisfaction}});
  }
  // The last full week is the fairest "weekly" figure; the current one is still filling up.
  const json& last_full = rows.size() >= 2 ? rows[rows.size() - 2] : (rows.empty() ? json(nullptr) : rows.back());
  json summary = {
      {"sessionsStarted", all_started},
      {"sessionsCompleted", all_completed},
      {"completionRate", percent(all_completed, all_started)},
      {"averageHelpfulness", rated ? json(std::round(helpfulness_sum / static_cast<double>(rated) * 100) / 100) : json(nullptr)},
      {"ratings", rated},
      {"weeklyActiveUsers", last_full.is_null() ? json(0) : last_full["activeUsers"]},
      {"completedLastWeek", last_full.is_null() ? json(0) : last_full["sessionsCompleted"]},
      {"d7RepeatRate", percent(cohort_repeated, cohort_users)},
      {"freeToPaid", {{"usersWhoUsedFree", totals->users_who_used_free}, {"payingUsers", totals->paying_users},
                      {"rate", percent(totals->paying_users, totals->users_who_used_free)}}}};
  return json{{"range", {{"from", range.from_ms}, {"to", range.to_ms}}},
              {"weeks", rows},
              {"summary", summary},
              {"ratingsByModel", by_model},
              {"queryMs", timings}};
}

std::string weekly_csv(const json& d) {
  std::string out = csv::row({"week", "sessions_started", "sessions_completed", "completion_rate_pct", "active_users",
                              "avg_feedback_helpfulness", "ratings", "d7_cohort_users", "d7_repeated", "d7_repeat_pct",
                              "d7_complete", "free_users", "new_paying_users", "free_to_paid_pct"});
  for (const auto& r : d.value("weeks", json::array())) {
    out += csv::row({dates::utc_date(r["week"].get<int64_t>()), number(r["sessionsStarted"]), number(r["sessionsCompleted"]),
                     number(r["completionRate"]), number(r["activeUsers"]), number(r["helpfulness"]["average"]),
                     number(r["helpfulness"]["ratings"]), number(r["d7"]["users"]), number(r["d7"]["repeated"]),
                     number(r["d7"]["rate"]), r["d7"]["complete"].get<bool>() ? "yes" : "no",
                     number(r["conversion"]["freeUsers"]), number(r["conversion"]["newPaying"]),
                     number(r["conversion"]["rate"])});
  }
  return out;
}

std::string ratings_csv(const json& d) {
  std::string out = csv::row({"model_version", "ratings", "realism", "ease_of_use", "feedback_helpfulness",
                              "overall_satisfaction"});
  for (const auto& g : d.value("ratingsByModel", json::array())) {
    out += csv::row({g["modelVersion"].get<std::string>(), number(g["ratings"]), number(g["realism"]),
                     number(g["easeOfUse"]), number(g["feedbackHelpfulness"]), number(g["overallSatisfaction"])});
  }
  return out;
}

}  // namespace mockroom::analytics
