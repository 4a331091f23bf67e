// Session tests over the real store, catalog and plugins: a whole interview, replay
// after the engine loses its memory, and the rules every format must obey.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sqlite3.h>
#include <unistd.h>

#include "session/test_engine.h"

using namespace mockroom;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kStarAnswer =
    "In my last role our checkout service kept timing out during peak sales. I owned the "
    "investigation: I profiled the payment calls, found a retry storm against the fraud "
    "service, and added a circuit breaker with a cached fallback. As a result p99 latency "
    "dropped from 4 seconds to 600 milliseconds and failed checkouts fell by 35 percent.";

using Engine = testing::TestEngine;

json create(Engine& e, json setup = {{"questionCount", 5}}) {
  auto r = e.manager->create(e.user, "behavioral", setup);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  return *r;
}

}  // namespace

TEST_CASE("a behavioral interview runs from the first question to a scored report") {
  Engine e;
  json s = create(e);
  std::string id = s["id"];
  json q = s["currentQuestion"];
  CHECK(q["number"] == 1);
  CHECK(q["totalQuestions"] == 5);
  int followups_in_a_row = 0, last_number = 1, turns = 0;
  while (!q.is_null()) {
    REQUIRE(++turns < 40);
    auto r = e.manager->answer(e.user.id, id, q["id"], kStarAnswer);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    q = (*r)["nextQuestion"];
    if (q.is_null()) {
      CHECK((*r)["status"] == "completed");
      break;
    }
    if (q["isFollowUp"] == true) {
      CHECK(q["number"] == last_number);
      CHECK(++followups_in_a_row <= 2);
    } else {
      CHECK(q["number"] == last_number + 1);
      followups_in_a_row = 0;
      last_number = q["number"];
    }
  }
  CHECK(last_number == 5);
  auto report = e.manager->report(e.user.id, id);
  REQUIRE(report.ok());
  CHECK((*report)["overallScore"].is_number());
  CHECK((*report)["categories"].size() == 6);  // the four, Culture Fit and Confidence
  // Main answers are judged against the bank's reference points, which the session log
  // never held; follow-ups are judged with their main question.
  int judged = 0;
  for (const json& a : (*report)["answers"]) {
    if (!a.contains("referencePoints")) continue;
    ++judged;
    CHECK(a["referencePoints"]["covered"].size() + a["referencePoints"]["missed"].size() > 0);
  }
  CHECK(judged == 5);
  // Practice: every question below the strong bar comes back by spaced repetition, and
  // the store holds the date the picker will honour.
  REQUIRE((*report)["practice"].is_array());
  CHECK_FALSE((*report)["practice"].empty());
  CHECK(std::any_of((*report)["practice"].begin(), (*report)["practice"].end(),
                    [](const json& p) { return !p["related"].empty(); }));
  auto history = e.store->question_history(e.user.id);
  REQUIRE(history.ok());
  for (const json& p : (*report)["practice"]) {
    CHECK(p["redoAt"].get<int64_t>() > e.clock.load() - 10'000);
    const std::set<int> intervals = {1, 3, 7};
    CHECK(intervals.count(p["redoInDays"].get<int>()) == 1);
    CHECK(p["related"].size() <= 3);
    for (const json& r : p["related"]) CHECK(r["id"] != p["bankId"]);
    for (const json& r : p["related"]) CHECK_FALSE(r["text"].get<std::string>().empty());
    bool scheduled = false;
    for (const auto& h : *history) scheduled |= h.question_id == p["bankId"] && h.redo_at_ms == p["redoAt"].get<int64_t>();
    CHECK(scheduled);
  }
  REQUIRE((*report)["notes"].is_array());
  for (const json& n : (*report)["notes"]) CHECK(n["atSeconds"].get<double>() > 0);
  auto log = e.store->load_events(id);
  REQUIRE(log.ok());
  for (const auto& ev : *log) {
    if (ev.type == "question") CHECK(ev.payload_json.find("referencePoints") == std::string::npos);
  }
}

TEST_CASE("a finished interview is scored after its last reply, without anyone asking") {
  Engine e;
  json s = create(e);
  std::string id = s["id"];
  testing::FrameLog log;
  auto token = e.collect_frames(id, log);
  json q = s["currentQuestion"];
  for (int turns = 0; !q.is_null(); ++turns) {
    REQUIRE(turns < 40);
    auto r = e.manager->answer(e.user.id, id, q["id"], kStarAnswer);
    REQUIRE(r.ok());
    q = (*r)["nextQuestion"];
  }
  e.manager->drain_reports();
  auto events = e.store->load_events(id);
  REQUIRE(events.ok());
  int reports = 0;
  for (const auto& ev : *events) reports += ev.type == "report";
  CHECK(reports == 1);  // made once, in the background
  {
    const std::vector<json> frames = log.snapshot();
    REQUIRE(!frames.empty());
    CHECK(frames.back()["type"] == "report");
    CHECK(frames.back()["overallScore"].is_number());
    auto status = std::find_if(frames.begin(), frames.end(), [](const json& f) {
      return f["type"] == "status" && f["status"] == "completed";
    });
    CHECK(status < frames.end() - 1);  // the candidate heard "completed" before the report
  }
  auto history = e.manager->history(e.user.id);
  REQUIRE(history.ok());
  CHECK((*history)["interviews"][0]["summary"]["overallScore"].is_number());
  auto report = e.manager->report(e.user.id, id);  // read back, not made again
  REQUIRE(report.ok());
  events = e.store->load_events(id);
  reports = 0;
  for (const auto& ev : *events) reports += ev.type == "report";
  CHECK(reports == 1);
  e.manager->unsubscribe(id, token);
}

TEST_CASE("a session resumes at the same question after the engine forgets it") {
  Engine e;
  json s = create(e);
  std::string id = s["id"];
  json q = s["currentQuestion"];
  for (int i = 0; i < 3; ++i) {
    auto r = e.manager->answer(e.user.id, id, q["id"], kStarAnswer + " (turn " + std::to_string(i) + ")");
    REQUIRE(r.ok());
    q = (*r)["nextQuestion"];
  }
  auto before = e.manager->view(e.user.id, id);
  REQUIRE(before.ok());
  e.restart();
  auto after = e.manager->view(e.user.id, id);
  REQUIRE(after.ok());
  CHECK((*after)["currentQuestion"] == q);
  CHECK((*after)["transcript"] == (*before)["transcript"]);
  // The rebuilt session takes the answer and goes on.
  auto r = e.manager->answer(e.user.id, id, q["id"], kStarAnswer);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  CHECK((*r)["status"] == "in_progress");
}

TEST_CASE("pause blocks answers until resume, which works after a restart") {
  Engine e;
  json s = create(e);
  std::string id = s["id"];
  REQUIRE(e.manager->pause(e.user.id, id).ok());
  auto refused = e.manager->answer(e.user.id, id, s["currentQuestion"]["id"], "x");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == ErrorCode::kConflict);
  e.restart();
  auto resumed = e.manager->resume(e.user.id, id);
  REQUIRE(resumed.ok());
  CHECK((*resumed)["currentQuestion"] == s["currentQuestion"]);
  CHECK(e.manager->answer(e.user.id, id, s["currentQuestion"]["id"], kStarAnswer).ok());
}

TEST_CASE("ending early produces a report of what was answered and stops answers") {
  Engine e;
  json s = create(e);
  std::string id = s["id"];
  REQUIRE(e.manager->answer(e.user.id, id, s["currentQuestion"]["id"], kStarAnswer).ok());
  auto ended = e.manager->end(e.user.id, id);
  REQUIRE(ended.ok());
  CHECK((*ended)["status"] == "ended");
  auto report = e.manager->report(e.user.id, id);
  REQUIRE(report.ok());
  CHECK((*report)["overallScore"].is_number());
  CHECK_FALSE(e.manager->answer(e.user.id, id, "q2", "late").ok());
}

TEST_CASE("a wrong questionId is refused and the open question stays open") {
  Engine e;
  json s = create(e);
  auto r = e.manager->answer(e.user.id, s["id"], "q99", kStarAnswer);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("q99") != std::string::npos);
  auto view = e.manager->view(e.user.id, s["id"]);
  CHECK((*view)["currentQuestion"] == s["currentQuestion"]);
}

TEST_CASE("another user's session is not found") {
  Engine e;
  json s = create(e);
  auto other = e.store->create_user("eve@example.com", "Eve", "x", store::Role::kCandidate);
  REQUIRE(other.ok());
  auto r = e.manager->view(other->id, s["id"]);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kNotFound);
  CHECK(e.manager->answer(other->id, s["id"], s["currentQuestion"]["id"], "x").error().code ==
        ErrorCode::kNotFound);
}

TEST_CASE("an unknown setup option or out-of-range question count is refused") {
  Engine e;
  CHECK_FALSE(e.manager->create(e.user, "behavioral", {{"questionCount", 20}}).ok());
  CHECK_FALSE(e.manager->create(e.user, "behavioral", {{"industry", "mining"}}).ok());
  CHECK(e.manager->create(e.user, "nope", json::object()).error().code == ErrorCode::kNotFound);
}

namespace {

// An interviews/ folder holding one script (plus the real rubric and bank), for tests
// of how the engine treats a misbehaving format.
struct ScriptDir {
  fs::path dir;
  explicit ScriptDir(const std::string& body) {
    dir = fs::temp_directory_path() / ("mockroom-script-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::path src = fs::path(MOCKROOM_SOURCE_DIR) / "interviews";
    fs::copy(src / "rubrics", dir / "rubrics", fs::copy_options::recursive);
    fs::copy(src / "banks", dir / "banks", fs::copy_options::recursive);
    std::ofstream(dir / "bad.lua") << "interview{ id='behavioral', title='Bad', kind='behavioral', rubric='behavioral' }\n"
                                   << body;
  }
  ~ScriptDir() { fs::remove_all(dir); }
};

}  // namespace

TEST_CASE("an endless loop in a script fails that session with its line, and the engine goes on") {
  ScriptDir d("function run(ctx)\n  ask('first?')\n  while true do end\nend\n");
  Engine e({.interviews = d.dir.string()});
  auto s = e.manager->create(e.user, "behavioral", json::object());
  REQUIRE(s.ok());
  auto r = e.manager->answer(e.user.id, (*s)["id"], "q1", "hello");
  REQUIRE_FALSE(r.ok());
  CHECK_MESSAGE(r.error().message.find("interviews/bad.lua:4:") != std::string::npos, r.error().message);
  CHECK(r.error().message.find("instruction budget") != std::string::npos);
  CHECK((*e.manager->view(e.user.id, (*s)["id"]))["status"] == "failed");
  // Another session on the same engine still works.
  CHECK(e.manager->create(e.user, "behavioral", json::object()).ok());
}

TEST_CASE("a script that exhausts its memory cap fails only its own session") {
  ScriptDir d("function run(ctx)\n  local t = {}\n  for i = 1, 1e9 do t[i] = ('x'):rep(64) .. i end\nend\n");
  Engine e({.interviews = d.dir.string()});
  auto s = e.manager->create(e.user, "behavioral", json::object());
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message.find("memory limit") != std::string::npos);
}

TEST_CASE("when the LLM provider is down the interview goes on and the log records the fallback") {
  Engine e({.llm = "failing_llm"});
  json s = create(e);
  auto r = e.manager->answer(e.user.id, s["id"], s["currentQuestion"]["id"], kStarAnswer);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  CHECK((*r)["nextQuestion"]["number"] == 2);  // no follow-up without a provider
  CHECK((*r)["feedback"].get<std::string>().size() > 0);
  auto events = e.store->load_events(s["id"]);
  bool fallback = false;
  for (const auto& ev : *events) fallback |= ev.payload_json.find("\"fallback\":true") != std::string::npos;
  CHECK(fallback);
}

TEST_CASE("with a fallback, a failing LLM provider's turn is answered offline and logged") {
  Engine e({.llm = "failing_llm", .llm_fallback = "llm_rules"});
  json s = create(e);
  auto r = e.manager->answer(e.user.id, s["id"], s["currentQuestion"]["id"], kStarAnswer);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  auto events = e.store->load_events(s["id"]);
  REQUIRE(events.ok());
  int from_fallback = 0;
  for (const auto& ev : *events) {
    if (ev.type != "followup" && ev.type != "ack") continue;
    json p = json::parse(ev.payload_json);
    if (p.value("fallbackFrom", "") == "failing_llm") ++from_fallback;
    CHECK(p.value("text", "") != "Okay, let's continue.");  // the offline interviewer spoke, not the stock line
  }
  CHECK(from_fallback >= 1);
}

TEST_CASE("the interviewer's tokens go out live as the provider streams them, then the message") {
  Engine e({.llm = "streaming_llm"});
  json s = create(e);
  std::string id = s["id"];
  testing::FrameLog log;
  e.collect_frames(id, log);
  REQUIRE(e.manager->answer(e.user.id, id, s["currentQuestion"]["id"], kStarAnswer).ok());
  const std::vector<json> frames = log.snapshot();
  std::vector<std::string> order;
  for (const json& f : frames) {
    if (f["type"] == "token") order.push_back("token:" + f["text"].get<std::string>());
    if (f["type"] == "message" && f["text"] == "Thanks for that.") order.push_back("message");
  }
  // Three live tokens (not the sentence re-split of the whole text), then the message once.
  CHECK(order == std::vector<std::string>{"token:Thanks", "token: for", "token: that.", "message"});
  auto events = e.store->load_events(id);
  REQUIRE(events.ok());
  bool model_logged = false;
  for (const auto& ev : *events) model_logged |= ev.type == "ack" && json::parse(ev.payload_json).value("model", "") == "stream-test-1";
  CHECK(model_logged);
}

TEST_CASE("a slow reply is told 'thinking' at once and again; a quick one only once") {
  for (bool slow : {true, false}) {
    CAPTURE(slow);
    Engine e({.llm = "streaming_llm", .llm_config = slow ? R"({"delayMs": 400})" : "{}",
              .thinking_again = std::chrono::milliseconds(slow ? 100 : 3000)});
    json s = create(e);
    std::string id = s["id"];
    testing::FrameLog log;
    e.collect_frames(id, log);
    REQUIRE(e.manager->answer(e.user.id, id, s["currentQuestion"]["id"], kStarAnswer).ok());
    const std::vector<json> frames = log.snapshot();
    std::vector<int64_t> thinking;
    size_t first_token = frames.size(), second_thinking = frames.size();
    for (size_t i = 0; i < frames.size(); ++i) {
      if (frames[i]["type"] == "thinking") {
        thinking.push_back(frames[i]["elapsedMs"].get<int64_t>());
        if (thinking.size() == 2) second_thinking = i;
      }
      if (frames[i]["type"] == "token" && first_token == frames.size()) first_token = i;
    }
    if (slow) {
      CHECK(thinking == std::vector<int64_t>{0, 100});
      CHECK(second_thinking < first_token);
    } else {
      CHECK(thinking == std::vector<int64_t>{0});
    }
  }
}

TEST_CASE("replay refuses a log that no longer matches the script") {
  Engine e;
  json s = create(e);
  std::string id = s["id"];
  REQUIRE(e.manager->answer(e.user.id, id, s["currentQuestion"]["id"], kStarAnswer).ok());
  {
    // Rewrite the recorded greeting, as a changed script would have produced.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((e.dir / "mockroom.db").string().c_str(), &db) == SQLITE_OK);
    std::string sql = "UPDATE session_events SET payload = '{\"text\":\"Hello there\"}' WHERE session_id = '" +
                      id + "' AND type = 'say'";
    REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  e.restart();
  auto view = e.manager->view(e.user.id, id);
  REQUIRE(view.ok());
  auto r = e.manager->answer(e.user.id, id, (*view)["currentQuestion"]["id"], kStarAnswer);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("script changed since this session started") != std::string::npos);
}

TEST_CASE("a spoken answer keeps its voice facts in the transcript, and replay takes it like a typed one") {
  Engine e;
  json s = create(e);
  std::string id = s["id"];
  json voice = {{"durationS", 12.5}, {"stt", "stt_pocketsphinx"}, {"confidence", 0.8}, {"audioId", "a1b2c3"},
                {"mode", "push_to_talk"}};
  auto r = e.manager->answer(e.user.id, id, s["currentQuestion"]["id"], kStarAnswer, std::nullopt, voice);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  json next = (*r)["nextQuestion"];
  auto view = e.manager->view(e.user.id, id);
  REQUIRE(view.ok());
  json answer;
  for (const json& t : (*view)["transcript"]) {
    if (t["kind"] == "answer") answer = t;
  }
  CHECK(answer["text"] == kStarAnswer);
  CHECK(answer["spoken"] == true);
  CHECK(answer["voice"]["durationS"] == 12.5);
  CHECK(answer["audio"]["url"] == "/api/interviews/" + id + "/audio/a1b2c3");
  e.restart();
  auto after = e.manager->view(e.user.id, id);
  REQUIRE(after.ok());
  CHECK((*after)["transcript"] == (*view)["transcript"]);
  CHECK((*after)["currentQuestion"] == next);
}
