#include "analytics/progress.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <utility>

#include "session/events.h"

namespace mockroom::analytics {

using nlohmann::json;

namespace {

// One decimal; a whole number stays an integer in the JSON (72, not 72.0).
json rounded(double v) {
  double r = std::round(v * 10.0) / 10.0;
  if (r == std::floor(r)) return static_cast<int64_t>(r);
  return r;
}

// Scores in time order, and the figures progress shows for them.
struct Series {
  std::vector<double> values;

  void add(double v) { values.push_back(v); }
  json average() const {
    if (values.empty()) return nullptr;
    double sum = 0;
    for (double v : values) sum += v;
    return rounded(sum / static_cast<double>(values.size()));
  }
  json first() const { return values.empty() ? json(nullptr) : rounded(values.front()); }
  json latest() const { return values.empty() ? json(nullptr) : rounded(values.back()); }
  json best() const { return values.empty() ? json(nullptr) : rounded(*std::max_element(values.begin(), values.end())); }
  json change() const { return values.empty() ? json(nullptr) : rounded(values.back() - values.front()); }
};

std::optional<double> number(const json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key) || !obj[key].is_number()) return std::nullopt;
  return obj[key].get<double>();
}

// A report category's score, when the format assessed it.
std::optional<double> category_score(const json& category) {
  if (!category.is_object()) return std::nullopt;
  if (category.value("assessed", true) == false) return std::nullopt;
  return number(category, "score");
}

json trend_entry(const ReportedSession& s) {
  json categories = json::object();
  for (const auto& c : s.report.value("categories", json::array())) {
    if (!c.is_object()) continue;
    auto score = category_score(c);
    categories[c.value("name", "")] = score ? rounded(*score) : json(nullptr);
  }
  auto overall = number(s.report, "overallScore");
  return {{"sessionId", s.id},
          {"format", s.format},
          {"formatTitle", s.format_title},
          {"company", s.company},
          {"createdAt", s.created_at_ms},
          {"overallScore", overall ? rounded(*overall) : json(nullptr)},
          {"hireSignal", s.report.value("hireSignal", "")},
          {"categories", std::move(categories)}};
}

// Per report category, in the order categories first appear (the four standard ones lead).
json category_figures(const std::vector<ReportedSession>& sessions, json& strongest, json& weakest) {
  std::vector<std::string> names;
  std::map<std::string, Series> series;
  for (const auto& s : sessions) {
    for (const auto& c : s.report.value("categories", json::array())) {
      if (!c.is_object()) continue;
      std::string name = c.value("name", "");
      if (name.empty()) continue;
      if (!series.count(name)) names.push_back(name);
      auto& line = series[name];
      if (auto score = category_score(c)) line.add(*score);
    }
  }
  json out = json::array();
  std::optional<std::pair<std::string, double>> best, worst;
  for (const auto& name : names) {
    const Series& line = series[name];
    out.push_back({{"name", name}, {"sessions", line.values.size()}, {"average", line.average()},
                   {"first", line.first()}, {"latest", line.latest()}, {"change", line.change()}});
    if (line.values.empty()) continue;
    double avg = line.average().get<double>();
    if (!best || avg > best->second) best = {name, avg};
    if (!worst || avg < worst->second) worst = {name, avg};
  }
  strongest = best ? json{{"name", best->first}, {"average", rounded(best->second)}} : json(nullptr);
  weakest = worst ? json{{"name", worst->first}, {"average", rounded(worst->second)}} : json(nullptr);
  return out;
}

json company_figures(const std::vector<ReportedSession>& sessions) {
  std::map<std::string, Series> by_company;  // ordered by name
  for (const auto& s : sessions) {
    auto& line = by_company[s.company];
    if (auto score = number(s.report, "overallScore")) line.add(*score);
  }
  json out = json::array();
  for (const auto& [company, line] : by_company) {
    out.push_back({{"company", company}, {"sessions", line.values.size()}, {"averageScore", line.average()},
                   {"bestScore", line.best()}, {"latestScore", line.latest()}});
  }
  return out;
}

// Answer scores grouped by the category of the question they answered (follow-ups count
// with their main question), best average first.
json question_category_figures(const std::vector<ReportedSession>& sessions) {
  std::map<std::string, Series> by_category;
  std::map<std::string, std::set<std::string>> sessions_of;
  for (const auto& s : sessions) {
    for (const auto& a : s.report.value("answers", json::array())) {
      auto score = number(a, "score");
      if (!score) continue;  // also skips anything that is not an object
      auto it = s.question_categories.find(a.value("questionId", ""));
      std::string category = it == s.question_categories.end() ? kOtherCategory : it->second;
      by_category[category].add(*score);
      sessions_of[category].insert(s.id);
    }
  }
  json out = json::array();
  for (const auto& [category, line] : by_category) {
    out.push_back({{"category", category}, {"answers", line.values.size()},
                   {"sessions", sessions_of[category].size()}, {"averageScore", line.average()}});
  }
  std::stable_sort(out.begin(), out.end(), [](const json& a, const json& b) {
    return a["averageScore"].get<double>() > b["averageScore"].get<double>();
  });
  return out;
}

// The categories of a session's questions, from its question events: the question's own
// competency, else its main question's (follow-ups and later parts carry none), else the
// bank's, else kOtherCategory.
std::map<std::string, std::string> question_categories(store::Store& store,
                                                       const std::vector<store::Event>& questions,
                                                       std::map<std::string, std::string>& bank_cache) {
  std::map<std::string, std::string> by_bank_id, out;
  for (const auto& e : questions) {
    json q = json::parse(e.payload_json, nullptr, false);
    if (!q.is_object()) continue;
    std::string main_id = session::ev::main_bank_id(q.value("bankId", ""));
    std::string category = q.contains("competency") && q["competency"].is_string() ? q["competency"].get<std::string>() : "";
    if (category.empty() && by_bank_id.count(main_id)) category = by_bank_id[main_id];
    if (category.empty() && !main_id.empty()) {
      if (!bank_cache.count(main_id)) {
        auto rec = store.find_question(main_id);
        bank_cache[main_id] = rec.ok() ? rec->competency : "";
      }
      category = bank_cache[main_id];
    }
    if (category.empty()) category = kOtherCategory;
    if (!main_id.empty() && !by_bank_id.count(main_id)) by_bank_id[main_id] = category;
    out[q.value("id", "")] = category;
  }
  return out;
}

std::string company_of(const std::string& setup_json) {
  json setup = json::parse(setup_json, nullptr, false);
  if (setup.is_object() && setup.contains("company") && setup["company"].is_string() &&
      !setup["company"].get<std::string>().empty()) {
    return setup["company"].get<std::string>();
  }
  return kNoCompany;
}

}  // namespace

json build_progress(std::vector<ReportedSession> sessions) {
  std::stable_sort(sessions.begin(), sessions.end(), [](const ReportedSession& a, const ReportedSession& b) {
    return a.created_at_ms != b.created_at_ms ? a.created_at_ms < b.created_at_ms : a.id < b.id;
  });
  json trend = json::array();
  Series overall;
  for (const auto& s : sessions) {
    trend.push_back(trend_entry(s));
    if (auto score = number(s.report, "overallScore")) overall.add(*score);
  }
  json strongest, weakest;
  json categories = category_figures(sessions, strongest, weakest);
  return {{"sessionCount", sessions.size()},
          {"trend", std::move(trend)},
          {"overall", {{"average", overall.average()}, {"best", overall.best()}, {"first", overall.first()},
                       {"latest", overall.latest()}, {"change", overall.change()}}},
          {"categories", std::move(categories)},
          {"byCompany", company_figures(sessions)},
          {"byQuestionCategory", question_category_figures(sessions)},
          {"strongestCategory", std::move(strongest)},
          {"weakestCategory", std::move(weakest)}};
}

Result<json> user_progress(store::Store& store, const script::Catalog& catalog, int64_t user_id) {
  auto rows = store.list_sessions(user_id, kMaxProgressSessions);
  if (!rows.ok()) return rows.error();
  const std::vector<std::string> types = {std::string(session::ev::kQuestion), std::string(session::ev::kReport)};
  std::map<std::string, std::string> bank_cache;
  std::vector<ReportedSession> sessions;
  for (const auto& row : *rows) {
    if (row.summary_json == "null") continue;  // never reported: the log has no report to read
    auto events = store.load_events_of_types(row.id, types);
    if (!events.ok()) return events.error();
    ReportedSession s;
    std::vector<store::Event> questions;
    for (auto& e : *events) {
      if (e.type == session::ev::kQuestion) {
        questions.push_back(std::move(e));
        continue;
      }
      json payload = json::parse(e.payload_json, nullptr, false);
      if (payload.is_object() && payload.contains("report") && payload["report"].is_object()) {
        s.report = std::move(payload["report"]);  // the last report made
      }
    }
    if (!s.report.is_object()) continue;
    const auto* format = catalog.format(row.format_id);
    s.id = row.id;
    s.format = row.format_id;
    s.format_title = format ? format->meta.value("title", row.format_id) : row.format_id;
    s.company = company_of(row.setup_json);
    s.created_at_ms = row.created_at;
    s.question_categories = question_categories(store, questions, bank_cache);
    sessions.push_back(std::move(s));
  }
  return build_progress(std::move(sessions));
}

}  // namespace mockroom::analytics
