// Session: the bank, timer and report host calls, and the views built from the log.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>

#include "session/events.h"
#include "session/question_picker.h"
#include "session/session.h"
#include "speech/audio_store.h"

namespace mockroom::session {

using nlohmann::json;
using script::ScriptError;

namespace {

constexpr int kMaxPickCount = 50;
constexpr double kMaxSectionMinutes = 240;
constexpr int kMaxPlannedQuestions = 100;

std::string str(std::string_view v) { return std::string(v); }

// What a script gets for a bank question. Hidden tests and the reference solution stay
// in the bank for the code runner; reference answer points and synonyms stay there for
// the scorer, which looks them up by id. Every session carries this copy in its VM and
// log, so it holds only what an interview flow uses.
json question_json(const store::QuestionRecord& r) {
  json q = json::parse(r.data_json, nullptr, false);
  if (!q.is_object()) q = json::object();
  for (const char* scorer_only : {"tests", "reference", "referencePoints", "synonyms", "complexity"}) {
    q.erase(scorer_only);
  }
  q["id"] = r.id;
  q["text"] = r.text;
  return q;
}

json own_question_json(const store::UserQuestion& q) {
  return {{"id", "own-" + std::to_string(q.id)}, {"kind", "own"}, {"text", q.text},
          {"competency", q.competency.empty() ? "own" : q.competency},
          {"concepts", json::array()}, {"hints", json::array()}};
}

std::string opt_string(const json& filter, const char* key) {
  if (!filter.contains(key)) return {};
  if (!filter[key].is_string()) throw ScriptError(std::string("bank.pick: '") + key + "' must be a string");
  return filter[key].get<std::string>();
}

std::vector<std::string> opt_strings(const json& filter, const char* key) {
  if (!filter.contains(key)) return {};
  const json& v = filter[key];
  if (v.is_string()) return {v.get<std::string>()};
  if (!v.is_array() || !std::all_of(v.begin(), v.end(), [](const json& s) { return s.is_string(); })) {
    throw ScriptError(std::string("bank.pick: '") + key + "' must be a string or a list of strings");
  }
  return v.get<std::vector<std::string>>();
}

store::QuestionFilter parse_filter(const json& filter, const std::string& default_kind) {
  store::QuestionFilter f;
  f.kind = opt_string(filter, "kind");
  if (f.kind.empty()) f.kind = default_kind;
  f.level = opt_string(filter, "level");
  f.competency = opt_string(filter, "competency");
  f.difficulty = opt_string(filter, "difficulty");
  f.bank = opt_string(filter, "bank");
  std::string industry = opt_string(filter, "industry");
  if (!industry.empty()) f.industries = {industry, "general"};
  for (const char* key : {"tag", "tags", "company", "technologies"}) {
    for (auto& t : opt_strings(filter, key)) f.tags.push_back(std::move(t));
  }
  return f;
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
  store::QuestionFilter f = parse_filter(filter, format_ ? format_->meta.value("kind", "") : "");
  PickInput in;
  in.count = filter.value("count", 1);
  if (in.count < 1 || in.count > kMaxPickCount) {
    throw ScriptError("bank.pick: count must be between 1 and " + std::to_string(kMaxPickCount));
  }
  in.exclude = opt_strings(filter, "exclude");
  // Questions already asked or picked in this session are never picked again.
  auto seen = [&](const store::Event& e) {
    if (e.type == ev::kQuestion) in.exclude.push_back(json::parse(e.payload_json).value("bankId", ""));
    if (e.type != ev::kBankPick) return;
    json picked = json::parse(e.payload_json);
    for (const auto& q : picked["result"]) in.exclude.push_back(q.value("id", ""));
  };
  for (const auto& e : events_) seen(e);
  for (const auto& e : pending_) seen(e);
  in.now_ms = env_.now_ms();
  in.seed = stable_hash(record_.id) ^ static_cast<uint64_t>(asked_ + 1);
  json result = json::array();
  if (f.kind == "own") {
    for (const auto& q : pick_own(in.count, in.exclude)) result.push_back(q);
  } else {
    auto history = env_.store.question_history(record_.user_id);
    if (!history.ok()) throw ScriptError(history.error().message);
    in.history = std::move(history.value());
    fill_rows(f, in);
    for (const auto& r : pick_questions(in)) result.push_back(question_json(r));
  }
  record(str(ev::kBankPick), {{"filter", filter}, {"result", result}});
  return result;
}

// Relaxes the filter step by step (difficulty, then level, then industry) until enough
// questions match; a step that only adds repeats is taken only when nothing else will do.
void Session::fill_rows(store::QuestionFilter f, PickInput& in) {
  std::optional<std::vector<store::QuestionRecord>> enough;
  for (int relax = 0; relax < 4; ++relax) {
    if (relax == 1) f.difficulty.clear();
    if (relax == 2) f.level.clear();
    if (relax == 3) f.industries.clear();
    auto found = env_.store.find_questions(f);
    if (!found.ok()) throw ScriptError(found.error().message);
    in.rows = std::move(found.value());
    if (fresh_count(in) >= in.count) return;
    if (!enough && static_cast<int>(in.rows.size()) >= in.count + static_cast<int>(in.exclude.size())) {
      enough = in.rows;
    }
  }
  if (enough) in.rows = std::move(*enough);
}

std::vector<json> Session::pick_own(int count, const std::vector<std::string>& exclude) {
  auto own = env_.store.list_user_questions(record_.user_id);
  if (!own.ok()) throw ScriptError(own.error().message);
  std::vector<json> out;
  for (const auto& q : own.value()) {
    json j = own_question_json(q);
    if (std::find(exclude.begin(), exclude.end(), j["id"].get<std::string>()) != exclude.end()) continue;
    if (static_cast<int>(out.size()) == count) break;
    out.push_back(std::move(j));
  }
  return out;
}

void Session::section(const std::string& name, double minutes) {
  if (!(minutes >= 0 && minutes <= kMaxSectionMinutes)) {
    throw ScriptError("section(): minutes must be between 0 and " + std::to_string(kMaxSectionMinutes));
  }
  if (auto* e = replayed(str(ev::kSection))) {
    json p = json::parse(e->payload_json);
    section_ = {p.value("name", ""), p.value("minutes", 0.0), p.value("startedAtMs", script_now_ms_)};
    return;
  }
  section_ = {name, minutes, script_now_ms_};
  record(str(ev::kSection), {{"name", name}, {"minutes", minutes}, {"startedAtMs", script_now_ms_}});
  if (turn_) turn_->frames.push_back({{"type", "section"}, {"name", name}, {"minutes", minutes}});
}

double Session::total_minutes() const {
  if (setup_.is_object() && setup_.contains("minutes") && setup_["minutes"].is_number()) {
    return setup_["minutes"].get<double>();
  }
  return format_ ? format_->meta.value("minutes", 30.0) : 30.0;
}

int64_t Session::active_ms(int64_t from_ms, int64_t to_ms) const {
  int64_t paused = 0, paused_at = 0;
  auto visit = [&](const store::Event& e) {
    if (e.type != ev::kStatus || e.at_ms > to_ms) return;
    std::string s = json::parse(e.payload_json).value("status", "");
    if (s == "paused") paused_at = std::max(e.at_ms, from_ms);
    if (s == "in_progress" && paused_at) {
      paused += std::max<int64_t>(0, e.at_ms - paused_at);
      paused_at = 0;
    }
  };
  for (const auto& e : events_) visit(e);
  for (const auto& e : pending_) visit(e);
  if (paused_at) paused += to_ms - paused_at;
  return std::max<int64_t>(0, to_ms - from_ms - paused);
}

json Session::timer() {
  int64_t started = events_.empty() ? script_now_ms_ : events_.front().at_ms;
  double total = total_minutes();
  double elapsed = active_ms(started, script_now_ms_) / 60000.0;
  json t = {{"elapsed", elapsed}, {"total", total}, {"remaining", std::max(0.0, total - elapsed)}};
  if (!section_.name.empty()) {
    double in_section = active_ms(section_.started_ms, script_now_ms_) / 60000.0;
    t["section"] = section_.name;
    t["sectionRemaining"] = std::max(0.0, section_.minutes - in_section);
  }
  return t;
}

void Session::plan(int total_questions) {
  if (total_questions < 1 || total_questions > kMaxPlannedQuestions) {
    throw ScriptError("plan(): the number of questions must be between 1 and " +
                      std::to_string(kMaxPlannedQuestions));
  }
  planned_total_ = total_questions;
}

json Session::report() {
  if (auto* e = replayed(str(ev::kReport))) return json::parse(e->payload_json).value("report", json(nullptr));
  return produce_report();
}

namespace {

// What the scorer needs of one coding problem: the final code, every submission's results
// (with the reference solution's times on the large tests), how often the candidate ran
// their own input, and when the editor changed.
struct ProblemWork {
  json code = nullptr;       // {language, source}: the last sent with an answer or edited
  json submitted = nullptr;  // the last submitted, which is what gets judged when there is one
  json submissions = json::array();
  int runs = 0;
  json snapshots = json::array();
  json reference_times = json::array();

  json to_json(const std::string& problem_id, const json& expected_complexity) const {
    json out = {{"problemId", problem_id}, {"submissions", submissions}, {"runs", runs},
                {"snapshots", snapshots}, {"referenceTimes", reference_times}};
    const json& judged = submitted.is_object() ? submitted : code;
    if (judged.is_object()) {
      out["language"] = judged["language"];
      out["source"] = judged["source"];
    }
    if (!expected_complexity.is_null()) out["expectedComplexity"] = expected_complexity;
    return out;
  }
};

}  // namespace

json Session::score_request() const {
  std::map<std::string, json> questions;
  std::map<std::string, json> references;  // bank id -> what the scorer judges against
  std::vector<std::string> problem_order;
  std::map<std::string, ProblemWork> problems;  // coding problem (main bank id) -> work
  std::string open_problem;  // the coding problem of the last question asked, if any
  int64_t started = events_.empty() ? 0 : events_.front().at_ms;
  json answers = json::array();
  auto problem = [&](const std::string& id) -> ProblemWork& {
    if (!problems.count(id)) problem_order.push_back(id);
    return problems[id];
  };
  auto problem_of = [](const json& q) -> std::string {
    return q.value("kind", "") == "coding" ? ev::main_bank_id(q.value("bankId", "")) : std::string();
  };
  auto visit = [&](const store::Event& e) {
    double at = (e.at_ms - started) / 1000.0;
    if (e.type == ev::kQuestion) {
      json q = json::parse(e.payload_json);
      open_problem = problem_of(q);
      std::string id = q.value("id", "");  // before the move: json's operator= takes its argument by value
      questions[id] = std::move(q);
    } else if (e.type == ev::kAnswer) {
      json a = json::parse(e.payload_json);
      const json& q = questions[a.value("questionId", "")];
      json item = {{"questionId", a.value("questionId", "")},
                   {"question", q.value("text", "")},
                   {"concepts", q.value("concepts", json::array())},
                   {"hints", q.value("hints", json::array())},
                   {"isFollowUp", q.value("isFollowUp", false)},
                   {"answer", a.value("text", "")},
                   {"atSeconds", at}};
      // A main bank question is judged against the bank's reference; a follow-up is judged
      // with its main question (the scorer reads them together).
      std::string bank_id = q.value("bankId", "");
      if (!item["isFollowUp"].get<bool>() && !bank_id.empty() && ev::main_bank_id(bank_id) == bank_id) {
        auto [it, fresh] = references.try_emplace(bank_id);
        if (fresh) it->second = scoring_reference(bank_id);
        item.update(it->second);
      }
      if (std::string p = problem_of(q); !p.empty()) {
        item["problemId"] = p;
        // Listed even without code, so a problem left unsolved scores 0 on the criteria.
        ProblemWork& w = problem(p);
        if (a.contains("code") && a["code"].is_object()) w.code = a["code"];
      }
      answers.push_back(std::move(item));
    } else if (e.type == ev::kCodeSnapshot && !open_problem.empty()) {
      ProblemWork& w = problem(open_problem);
      w.code = json::parse(e.payload_json);
      w.snapshots.push_back({{"atSeconds", at}});
    } else if (e.type == ev::kCodeRun && !open_problem.empty()) {
      ++problem(open_problem).runs;
    } else if (e.type == ev::kCodeSubmit) {
      json sub = json::parse(e.payload_json);
      auto q = questions.find(sub.value("questionId", ""));
      std::string p = q == questions.end() ? open_problem : problem_of(q->second);
      if (p.empty()) return;
      ProblemWork& w = problem(p);
      if (sub.contains("code")) w.submitted = sub["code"];
      json tests = json::array();
      for (const json& t : sub.value("tests", json::array())) {
        tests.push_back({{"passed", t.value("passed", false)}, {"time", t.value("time", json(nullptr))},
                         {"large", t.value("large", false)}});
      }
      w.submissions.push_back({{"atSeconds", at},
                               {"passed", sub.value("passed", 0)},
                               {"total", sub.value("total", 0)},
                               {"verdict", sub.value("verdict", json::object()).value("description", "")},
                               {"compileError", !sub.value("compileOutput", "").empty()},
                               {"tests", std::move(tests)}});
      if (sub.contains("referenceTimes") && !sub["referenceTimes"].empty()) w.reference_times = sub["referenceTimes"];
    }
  };
  for (const auto& e : events_) visit(e);
  for (const auto& e : pending_) visit(e);
  std::string rubric_id = format_ ? format_->meta.value("rubric", "") : "";
  const json* rubric = env_.catalog.rubric(rubric_id);
  json coding = json::array();
  for (const std::string& p : problem_order) {
    json expected = nullptr;
    if (const json* ref = env_.catalog.scoring_reference(p); ref && ref->contains("complexity")) expected = (*ref)["complexity"];
    coding.push_back(problems[p].to_json(p, expected));
  }
  json request = {{"format", record_.format_id},
                  {"formatTitle", format_ ? format_->meta.value("title", "") : ""},
                  {"rubric", rubric ? *rubric : json::object()},
                  {"answers", answers}};
  if (!coding.empty()) request["coding"] = std::move(coding);
  return request;
}

json Session::scoring_reference(const std::string& bank_id) const {
  json out = json::object();
  const json* ref = env_.catalog.scoring_reference(bank_id);
  if (!ref) return out;  // not a bundled question: scored on concepts alone
  for (const char* key : {"referencePoints", "synonyms", "referenceAnswer"})
    if (ref->contains(key)) out[key] = (*ref)[key];
  return out;
}

namespace {

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;
constexpr std::size_t kRelatedQuestions = 3;

// Spaced repetition: the weaker the answer, the sooner the question comes back; a strong
// answer needs no redo.
std::optional<int> redo_days(int score, const json& thresholds) {
  if (score < thresholds.value("leanNoHire", 50)) return 1;
  if (score < thresholds.value("hire", 65)) return 3;
  if (score < thresholds.value("strongHire", 80)) return 7;
  return std::nullopt;
}

}  // namespace

json Session::practice_plan(const json& report) const {
  json plan = json::array();
  std::string rubric_id = format_ ? format_->meta.value("rubric", "") : "";
  const json* rubric = env_.catalog.rubric(rubric_id);
  json thresholds = rubric ? rubric->value("hireThresholds", json::object()) : json::object();
  // Session question id -> its main bank question; and every bank question asked.
  std::map<std::string, json> mains;
  std::set<std::string> asked;
  auto visit = [&](const store::Event& e) {
    if (e.type != ev::kQuestion) return;
    json q = json::parse(e.payload_json);
    std::string bank_id = q.value("bankId", "");
    std::string main = ev::main_bank_id(bank_id);
    if (main.empty()) return;
    asked.insert(main);
    if (main == bank_id && !q.value("isFollowUp", false)) mains[q.value("id", "")] = q;
  };
  for (const auto& e : events_) visit(e);
  for (const auto& e : pending_) visit(e);
  std::map<std::string, int> coding_scores;  // problem id -> its coding criteria score
  for (const json& p : report.value("coding", json::array())) coding_scores[p.value("problemId", "")] = p.value("score", 0);
  std::set<std::string> planned;
  for (const json& a : report.value("answers", json::array())) {
    auto it = mains.find(a.value("questionId", ""));
    if (it == mains.end()) continue;
    const json& q = it->second;
    std::string bank_id = q.value("bankId", "");
    if (!planned.insert(bank_id).second) continue;
    int score = a.value("score", 0);
    if (auto c = coding_scores.find(bank_id); c != coding_scores.end()) score = c->second;
    auto days = redo_days(score, thresholds);
    if (!days) continue;
    int64_t redo_at = env_.now_ms() + *days * kDayMs;
    // The picker brings a question back first once its redo is due.
    if (auto st = env_.store.schedule_redo(record_.user_id, bank_id, redo_at); !st.ok()) {
      spdlog::warn("session {}: could not schedule a redo of {}: {}", record_.id, bank_id, st.error().message);
      continue;
    }
    json related = env_.catalog.related_questions(bank_id, kRelatedQuestions, asked);
    plan.push_back({{"questionId", a.value("questionId", "")}, {"bankId", bank_id},
                    {"question", q.value("text", "")}, {"score", score}, {"redoAt", redo_at},
                    {"redoInDays", *days},
                    {"reason", *days == 1 ? "well below the bar: redo it tomorrow"
                               : *days == 3 ? "below the hire bar: redo it in three days"
                                            : "close to strong: redo it in a week to lock it in"},
                    {"related", std::move(related)}});
  }
  return plan;
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
  report["practice"] = practice_plan(report);
  record(str(ev::kReport), {{"report", report}});
  if (turn_) turn_->frames.push_back(report_frame(report));
  return report;
}

json Session::report_frame(const json& report) {
  return {{"type", "report"},
          {"overallScore", report.value("overallScore", 0)},
          {"hireSignal", report.value("hireSignal", "")}};
}

std::optional<json> Session::logged_report() const {
  auto last = [](const std::vector<store::Event>& events) -> std::optional<json> {
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if (it->type == ev::kReport) return json::parse(it->payload_json).value("report", json(nullptr));
    }
    return std::nullopt;
  };
  if (auto r = last(pending_)) return r;
  return last(events_);
}

Result<json> Session::report_view() {
  if (auto st = load_events(); !st.ok()) return st.error();
  if (record_.status == "in_progress" || record_.status == "paused") {
    return conflict("the report is ready once the interview is completed or ended");
  }
  if (auto logged = logged_report(); logged && logged->is_object()) return *logged;
  // None yet, or the last attempt failed: a scorer that failed before may work now.
  if (record_.status == "failed") return conflict("the interview failed before a report could be made");
  json report = produce_report();
  if (auto st = commit(record_.status); !st.ok()) return st.error();
  if (report.is_null()) return unavailable("the scoring provider could not produce the report; try again shortly");
  return report;
}

Result<std::optional<json>> Session::produce_due_report() {
  if (record_.status != "completed" && record_.status != "ended") return std::optional<json>();
  if (auto st = load_events(); !st.ok()) return st.error();
  if (logged_report()) return std::optional<json>();  // made already, or tried and failed
  json report = produce_report();
  if (auto st = commit(record_.status); !st.ok()) return st.error();
  evict();  // the log was kept in memory for this
  return std::optional<json>(std::move(report));
}

Result<std::string> Session::bank_id_of(const std::string& question_id) {
  if (auto st = load_events(); !st.ok()) return st.error();
  for (const auto& e : events_) {
    if (e.type != ev::kQuestion) continue;
    json q = json::parse(e.payload_json);
    std::string recorded = q.value("bankId", "");
    if (q.value("id", "") != question_id && recorded != question_id) continue;
    std::string bank_id = ev::main_bank_id(recorded);
    if (bank_id.empty()) {
      return invalid("question " + question_id + " is not from the question bank, so it cannot be scheduled");
    }
    return bank_id;
  }
  return not_found("this interview has no question " + question_id);
}

Result<json> Session::view() {
  if (auto st = load_events(); !st.ok()) return st.error();
  json transcript = json::array();
  json section = nullptr;
  int64_t started = events_.empty() ? 0 : events_.front().at_ms;
  for (const auto& e : events_) {
    json p = json::parse(e.payload_json);
    double at = (e.at_ms - started) / 1000.0;
    if (e.type == ev::kSay || e.type == ev::kAck) {
      transcript.push_back({{"role", "interviewer"}, {"kind", "message"}, {"text", p["text"]}, {"atSeconds", at}});
    } else if (e.type == ev::kQuestion) {
      json q = {{"role", "interviewer"}, {"kind", "question"}, {"text", p["text"]},
                {"questionId", p["id"]}, {"number", p["number"]},
                {"isFollowUp", p["isFollowUp"]}, {"atSeconds", at}};
      if (p.contains("step")) q["step"] = p["step"];
      transcript.push_back(std::move(q));
    } else if (e.type == ev::kAnswer) {
      json a = {{"role", "candidate"}, {"kind", "answer"}, {"text", p["text"]},
                {"questionId", p["questionId"]}, {"atSeconds", at}};
      if (p.contains("code")) a["code"] = p["code"];
      if (p.contains("voice") && p["voice"].is_object()) {  // a spoken answer: its audio, if kept
        const json& v = p["voice"];
        a["spoken"] = true;
        a["voice"] = {{"durationS", v.value("durationS", 0.0)}, {"stt", v.value("stt", "")}};
        if (v.contains("confidence")) a["voice"]["confidence"] = v["confidence"];
        if (v.contains("audioId") && v["audioId"].is_string()) {
          a["audio"] = {{"id", v["audioId"]}, {"url", speech::audio_url(record_.id, v["audioId"].get<std::string>())}};
        }
      }
      transcript.push_back(std::move(a));
    } else if (e.type == ev::kSection) {
      section = std::move(p);
    } else if (e.type == ev::kCodeRun) {
      transcript.push_back({{"role", "candidate"}, {"kind", "code_run"}, {"code", p["code"]},
                            {"status", p["status"]}, {"atSeconds", at}});
    } else if (e.type == ev::kCodeSubmit) {
      transcript.push_back({{"role", "candidate"}, {"kind", "code_submit"}, {"code", p["code"]},
                            {"verdict", p["verdict"]}, {"passed", p["passed"]}, {"total", p["total"]},
                            {"questionId", p["questionId"]}, {"atSeconds", at}});
      transcript.push_back({{"role", "interviewer"}, {"kind", "message"}, {"text", p["feedback"]}, {"atSeconds", at}});
    }
  }
  // Time runs only while the interview is in progress; a finished one shows where it stopped.
  bool running = record_.status == "in_progress" || record_.status == "paused";
  int64_t now = running ? env_.now_ms() : (events_.empty() ? started : events_.back().at_ms);
  double total = total_minutes();
  json timer = {{"totalMinutes", total},
                {"remainingSeconds", std::max(0.0, total * 60.0 - active_ms(started, now) / 1000.0)}};
  if (section.is_object()) {
    double minutes = section.value("minutes", 0.0);
    int64_t since = section.value("startedAtMs", started);
    timer["section"] = section.value("name", "");
    timer["sectionMinutes"] = minutes;
    timer["sectionRemainingSeconds"] = std::max(0.0, minutes * 60.0 - active_ms(since, now) / 1000.0);
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
              {"llm", llm_usage()},
              {"transcript", transcript}};
}

json Session::llm_usage() const {
  int64_t calls = 0, fallbacks = 0, prompt = 0, completion = 0, total = 0;
  std::set<std::string> models;
  for (const auto& e : events_) {
    if (e.type != ev::kFollowup && e.type != ev::kAck && e.type != ev::kReport) continue;
    json p = json::parse(e.payload_json, nullptr, false);
    if (!p.is_object()) continue;
    if (e.type == ev::kReport) {  // an LLM judge's call is in its report (scoring_llm)
      json report = p.value("report", json(nullptr));
      if (!report.is_object() || !report.contains("judge") || !report["judge"].is_object() ||
          !report["judge"].contains("usage")) {
        continue;
      }
      p = report["judge"];
    }
    ++calls;
    if (p.value("fallback", false)) ++fallbacks;
    if (p.contains("model") && p["model"].is_string()) models.insert(p["model"].get<std::string>());
    if (!p.contains("usage") || !p["usage"].is_object()) continue;
    const json& u = p["usage"];
    auto count = [&](const char* key) -> int64_t {
      return u.contains(key) && u[key].is_number_integer() ? std::max<int64_t>(0, u[key].get<int64_t>()) : 0;
    };
    prompt += count("promptTokens");
    completion += count("completionTokens");
    total += count("totalTokens");
  }
  return {{"calls", calls}, {"fallbacks", fallbacks}, {"promptTokens", prompt},
          {"completionTokens", completion}, {"totalTokens", total}, {"models", models}};
}

}  // namespace mockroom::session
