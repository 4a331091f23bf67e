// Session: the bank, timer and report host calls, and the views built from the log.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>

#include "session/events.h"
#include "session/session.h"

namespace mockroom::session {

using nlohmann::json;
using script::ScriptError;

namespace {

constexpr int kMaxPickCount = 50;

std::string str(std::string_view v) { return std::string(v); }

json question_json(const store::QuestionRecord& r) {
  json q = json::parse(r.data_json, nullptr, false);
  if (!q.is_object()) q = json::object();
  q["id"] = r.id;
  q["text"] = r.text;
  return q;
}

std::string opt_string(const json& filter, const char* key) {
  if (!filter.contains(key)) return {};
  if (!filter[key].is_string()) throw ScriptError(std::string("bank.pick: '") + key + "' must be a string");
  return filter[key].get<std::string>();
}

}  // namespace

json Session::bank_get(const std::string& id) {
  if (auto* e = replayed(str(ev::kBankGet))) return json::parse(e->payload_json)["result"];
  auto rec = env_.store.find_question(id);
  json result = rec.ok() ? question_json(*rec) : json(nullptr);
  if (!rec.ok() && rec.error().code != ErrorCode::kNotFound) throw ScriptError(rec.error().message);
  record(str(ev::kBankGet), {{"id", id}, {"result", result}});
  return result;
}

json Session::bank_pick(const json& filter) {
  if (auto* e = replayed(str(ev::kBankPick))) return json::parse(e->payload_json)["result"];
  store::QuestionFilter f;
  f.kind = opt_string(filter, "kind");
  if (f.kind.empty()) f.kind = format_ ? format_->meta.value("kind", "") : "";
  f.level = opt_string(filter, "level");
  f.competency = opt_string(filter, "competency");
  f.difficulty = opt_string(filter, "difficulty");
  std::string industry = opt_string(filter, "industry");
  if (!industry.empty()) f.industries = {industry, "general"};
  int count = filter.value("count", 1);
  if (count < 1 || count > kMaxPickCount) {
    throw ScriptError("bank.pick: count must be between 1 and " + std::to_string(kMaxPickCount));
  }
  std::vector<std::string> exclude;
  if (filter.contains("exclude")) {
    if (!filter["exclude"].is_array()) throw ScriptError("bank.pick: 'exclude' must be a list of ids");
    for (const auto& id : filter["exclude"]) if (id.is_string()) exclude.push_back(id.get<std::string>());
  }
  // Already-asked bank questions are never picked again in the same session.
  for (const auto& e : events_) {
    if (e.type == ev::kQuestion) exclude.push_back(json::parse(e.payload_json).value("bankId", ""));
  }

  auto usable = [&](std::vector<store::QuestionRecord> rows) {
    std::erase_if(rows, [&](const auto& r) {
      return std::find(exclude.begin(), exclude.end(), r.id) != exclude.end();
    });
    return rows;
  };
  // Relax the filter step by step until there are enough questions.
  std::vector<store::QuestionRecord> rows;
  for (int relax = 0; relax < 4; ++relax) {
    if (relax == 1) f.difficulty.clear();
    if (relax == 2) f.level.clear();
    if (relax == 3) f.industries.clear();
    auto found = env_.store.find_questions(f);
    if (!found.ok()) throw ScriptError(found.error().message);
    rows = usable(std::move(found.value()));
    if (static_cast<int>(rows.size()) >= count) break;
  }
  // A seeded shuffle, then round-robin over competencies so a session covers several.
  std::mt19937_64 rng(std::hash<std::string>{}(record_.id) ^ static_cast<uint64_t>(asked_ + 1));
  for (std::size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[rng() % i]);
  std::map<std::string, std::vector<const store::QuestionRecord*>> by_competency;
  std::vector<std::string> order;
  for (const auto& r : rows) {
    if (!by_competency.count(r.competency)) order.push_back(r.competency);
    by_competency[r.competency].push_back(&r);
  }
  json result = json::array();
  for (std::size_t round = 0; static_cast<int>(result.size()) < count; ++round) {
    bool any = false;
    for (const auto& c : order) {
      auto& list = by_competency[c];
      if (round < list.size() && static_cast<int>(result.size()) < count) {
        result.push_back(question_json(*list[round]));
        any = true;
      }
    }
    if (!any) break;
  }
  record(str(ev::kBankPick), {{"filter", filter}, {"result", result}});
  return result;
}

void Session::section(const std::string& name, double minutes) {
  if (replayed(str(ev::kSection))) return;
  record(str(ev::kSection), {{"name", name}, {"minutes", minutes}, {"startedAtMs", env_.now_ms()}});
  if (turn_) turn_->frames.push_back({{"type", "section"}, {"name", name}, {"minutes", minutes}});
}

json Session::report() {
  if (auto* e = replayed(str(ev::kReport))) return json::parse(e->payload_json).value("report", json(nullptr));
  return produce_report();
}

json Session::score_request() const {
  std::map<std::string, json> questions;
  int64_t started = events_.empty() ? 0 : events_.front().at_ms;
  json answers = json::array();
  auto visit = [&](const store::Event& e) {
    if (e.type == ev::kQuestion) {
      json q = json::parse(e.payload_json);
      questions[q.value("id", "")] = q;
    } else if (e.type == ev::kAnswer) {
      json a = json::parse(e.payload_json);
      const json& q = questions[a.value("questionId", "")];
      answers.push_back({{"questionId", a.value("questionId", "")},
                         {"question", q.value("text", "")},
                         {"concepts", q.value("concepts", json::array())},
                         {"hints", q.value("hints", json::array())},
                         {"isFollowUp", q.value("isFollowUp", false)},
                         {"answer", a.value("text", "")},
                         {"atSeconds", (e.at_ms - started) / 1000.0}});
    }
  };
  for (const auto& e : events_) visit(e);
  for (const auto& e : pending_) visit(e);
  std::string rubric_id = format_ ? format_->meta.value("rubric", "") : "";
  const json* rubric = env_.catalog.rubric(rubric_id);
  return {{"format", record_.format_id},
          {"formatTitle", format_ ? format_->meta.value("title", "") : ""},
          {"rubric", rubric ? *rubric : json::object()},
          {"answers", answers}};
}

json Session::produce_report() {
  auto started = std::chrono::steady_clock::now();
  json request = score_request();
  auto built = std::chrono::steady_clock::now();
  auto reply = env_.plugins.score_session(request);
  spdlog::debug("session {}: report request built in {} us, scored in {} us", record_.id,
                std::chrono::duration_cast<std::chrono::microseconds>(built - started).count(),
                std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - built).count());
  if (!reply.ok()) {
    spdlog::error("session {}: scoring failed: {}", record_.id, reply.error().message);
    record(str(ev::kReport), {{"report", nullptr}, {"error", reply.error().message}});
    return nullptr;
  }
  json report = std::move(reply.value());
  record(str(ev::kReport), {{"report", report}});
  if (turn_) {
    turn_->frames.push_back({{"type", "report"},
                             {"overallScore", report.value("overallScore", 0)},
                             {"hireSignal", report.value("hireSignal", "")}});
  }
  return report;
}

Result<json> Session::report_view() {
  if (auto st = load_events(); !st.ok()) return st.error();
  if (record_.status == "in_progress" || record_.status == "paused") {
    return conflict("the report is ready once the interview is completed or ended");
  }
  for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
    if (it->type != ev::kReport) continue;
    json payload = json::parse(it->payload_json);
    if (payload["report"].is_object()) return payload["report"];
    break;  // the last attempt failed: try again below
  }
  if (record_.status == "failed") return conflict("the interview failed before a report could be made");
  json report = produce_report();  // a scorer that failed before may work now
  if (auto st = commit(record_.status); !st.ok()) return st.error();
  if (report.is_null()) return unavailable("the scoring provider could not produce the report; try again shortly");
  return report;
}

Result<json> Session::view() {
  if (auto st = load_events(); !st.ok()) return st.error();
  json transcript = json::array();
  json timer = nullptr;
  int64_t started = events_.empty() ? 0 : events_.front().at_ms;
  int64_t paused_at = 0, paused_total = 0;
  for (const auto& e : events_) {
    json p = json::parse(e.payload_json);
    double at = (e.at_ms - started) / 1000.0;
    if (e.type == ev::kSay || e.type == ev::kAck) {
      transcript.push_back({{"role", "interviewer"}, {"kind", "message"}, {"text", p["text"]}, {"atSeconds", at}});
    } else if (e.type == ev::kQuestion) {
      transcript.push_back({{"role", "interviewer"}, {"kind", "question"}, {"text", p["text"]},
                            {"questionId", p["id"]}, {"number", p["number"]},
                            {"isFollowUp", p["isFollowUp"]}, {"atSeconds", at}});
    } else if (e.type == ev::kAnswer) {
      transcript.push_back({{"role", "candidate"}, {"kind", "answer"}, {"text", p["text"]},
                            {"questionId", p["questionId"]}, {"atSeconds", at}});
    } else if (e.type == ev::kSection) {
      timer = {{"section", p["name"]}, {"minutes", p["minutes"]}, {"startedAtMs", p["startedAtMs"]},
               {"pausedMsBefore", paused_total}};
    } else if (e.type == ev::kStatus) {
      std::string s = p.value("status", "");
      if (s == "paused") paused_at = e.at_ms;
      if (s == "in_progress" && paused_at) {
        paused_total += e.at_ms - paused_at;
        paused_at = 0;
      }
    }
  }
  if (timer.is_object()) {
    int64_t now = paused_at ? paused_at : env_.now_ms();
    int64_t active = now - timer["startedAtMs"].get<int64_t>() - (paused_total - timer["pausedMsBefore"].get<int64_t>());
    double remaining = timer["minutes"].get<double>() * 60.0 - active / 1000.0;
    timer["remainingSeconds"] = std::max(0.0, remaining);
    timer.erase("pausedMsBefore");
  }
  return json{{"id", record_.id},
              {"format", record_.format_id},
              {"formatVersion", record_.format_version},
              {"status", record_.status},
              {"setup", setup_},
              {"createdAt", record_.created_at},
              {"updatedAt", record_.updated_at},
              {"currentQuestion", ev::public_question(json::parse(record_.current_json, nullptr, false))},
              {"timer", timer},
              {"summary", json::parse(record_.summary_json, nullptr, false)},
              {"transcript", transcript}};
}

}  // namespace mockroom::session
