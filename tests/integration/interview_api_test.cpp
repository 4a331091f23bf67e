// End-to-end tests of the interview API against the real engine process: accounts,
// whole interviews over REST and over WebSocket, a kill -9 mid-interview, and bad input.
#include <doctest/doctest.h>

#include "harness.h"

using namespace mockroom::testing;
using nlohmann::json;

namespace {

const std::string kAnswer =
    "At my previous company our nightly billing job started missing its deadline. I took "
    "ownership: I traced the slowdown to an unindexed join, added the index and split the "
    "job into batches. As a result the run time fell from 5 hours to 40 minutes and we "
    "stopped paging the on-call team, which saved about 10 hours of toil a month.";

struct Candidate {
  std::string token;
  std::string email;
};

Candidate sign_up(uint16_t port, const std::string& email, const std::string& name = "Ada") {
  auto reg = http(port, "POST", "/api/auth/register",
                  json{{"email", email}, {"password", "correct horse battery"}, {"name", name}}.dump());
  REQUIRE_MESSAGE(reg.status == 201, reg.body);
  auto login = http(port, "POST", "/api/auth/login",
                    json{{"email", email}, {"password", "correct horse battery"}}.dump());
  REQUIRE_MESSAGE(login.status == 200, login.body);
  return {login.json()["token"].get<std::string>(), email};
}

json start_interview(uint16_t port, const Candidate& c, json setup = {{"format", "behavioral"}, {"questionCount", 5}}) {
  auto r = http(port, "POST", "/api/interviews", setup.dump(), c.token);
  REQUIRE_MESSAGE(r.status == 201, r.body);
  return r.json();
}

json answer(uint16_t port, const Candidate& c, const std::string& id, const json& question,
            const std::string& text = kAnswer) {
  auto r = http(port, "POST", "/api/interviews/" + id + "/answer",
                json{{"questionId", question["id"]}, {"answer", text}}.dump(), c.token);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json();
}

void check_error(const HttpResult& r, int status) {
  CHECK_MESSAGE(r.status == status, r.body);
  auto body = r.json();
  CHECK(body["error"]["code"].is_string());
  CHECK(body["error"]["message"].is_string());
}

}  // namespace

TEST_CASE("a candidate registers, logs in and sees their profile") {
  EngineProcess engine;
  auto c = sign_up(engine.port(), "ada@example.com");
  auto me = http(engine.port(), "GET", "/api/me", "", c.token);
  REQUIRE(me.status == 200);
  CHECK(me.json()["user"]["email"] == "ada@example.com");
  CHECK(me.json()["user"]["role"] == "candidate");
  CHECK(me.json()["user"].contains("password_hash") == false);
  check_error(http(engine.port(), "GET", "/api/me"), 401);
  check_error(http(engine.port(), "GET", "/api/me", "", std::string(64, 'a')), 401);
}

TEST_CASE("registration and login refuse bad input with clear errors") {
  EngineProcess engine;
  auto port = engine.port();
  sign_up(port, "ada@example.com");
  check_error(http(port, "POST", "/api/auth/register",
                   R"({"email":"ADA@example.com","password":"another password","name":"A"})"), 409);
  check_error(http(port, "POST", "/api/auth/register", R"({"email":"not-an-email","password":"long enough","name":"A"})"), 400);
  check_error(http(port, "POST", "/api/auth/register", R"({"email":"b@example.com","password":"short","name":"A"})"), 400);
  check_error(http(port, "POST", "/api/auth/register", R"({"email":"b@example.com","password":"long enough"})"), 400);
  check_error(http(port, "POST", "/api/auth/register", R"({"email":42,"password":"long enough","name":"A"})"), 400);
  check_error(http(port, "POST", "/api/auth/register", R"({"email":)"), 400);
  check_error(http(port, "POST", "/api/auth/register", R"([1,2])"), 400);
  check_error(http(port, "POST", "/api/auth/login", R"({"email":"ada@example.com","password":"wrong password"})"), 401);
  check_error(http(port, "POST", "/api/auth/login", R"({"email":"nobody@example.com","password":"wrong password"})"), 401);
}

TEST_CASE("formats are listed with their setup options") {
  EngineProcess engine;
  auto r = http(engine.port(), "GET", "/api/formats");
  REQUIRE(r.status == 200);
  auto formats = r.json()["formats"];
  auto it = std::find_if(formats.begin(), formats.end(), [](const json& f) { return f["id"] == "behavioral"; });
  REQUIRE(it != formats.end());
  CHECK((*it)["options"]["questionCount"]["min"] == 5);
  CHECK((*it)["options"]["questionCount"]["max"] == 10);
  CHECK((*it)["options"]["industry"]["choices"].size() >= 4);
}

TEST_CASE("a whole behavioral interview over REST ends in a scored report and history") {
  EngineProcess engine;
  auto port = engine.port();
  auto c = sign_up(port, "ada@example.com");
  json s = start_interview(port, c);
  std::string id = s["id"];
  CHECK(s["status"] == "in_progress");
  CHECK(s["currentQuestion"]["number"] == 1);
  CHECK(s["currentQuestion"]["isFollowUp"] == false);
  check_error(http(port, "GET", "/api/interviews/" + id + "/report", "", c.token), 409);

  json q = s["currentQuestion"];
  int turns = 0;
  while (!q.is_null()) {
    REQUIRE(++turns < 40);
    json r = answer(port, c, id, q);
    CHECK(r["feedback"].is_string());
    q = r["nextQuestion"];
    if (q.is_null()) CHECK(r["status"] == "completed");
  }
  auto view = http(port, "GET", "/api/interviews/" + id, "", c.token).json();
  CHECK(view["status"] == "completed");
  CHECK(view["transcript"].size() > 10);

  auto report = http(port, "GET", "/api/interviews/" + id + "/report", "", c.token);
  REQUIRE_MESSAGE(report.status == 200, report.body);
  auto rj = report.json();
  CHECK(rj["overallScore"].get<int>() >= 0);
  CHECK(rj["overallScore"].get<int>() <= 100);
  CHECK(rj["hireSignal"].is_string());
  REQUIRE(rj["categories"].size() == 6);  // the four, then the behavioral rubric's Culture Fit and Confidence
  CHECK(rj["categories"][0]["name"] == "Communication");
  CHECK(rj["categories"][4]["extra"] == true);
  for (const auto& cat : rj["categories"]) {
    if (cat["assessed"] == true) {
      REQUIRE(cat["examples"].size() >= 1);
      CHECK(kAnswer.find(cat["examples"][0]["quote"].get<std::string>()) != std::string::npos);
    }
  }
  CHECK(rj["nextStep"].is_string());

  auto history = http(port, "GET", "/api/interviews", "", c.token).json();
  REQUIRE(history["interviews"].size() == 1);
  CHECK(history["interviews"][0]["id"] == id);
  CHECK(history["interviews"][0]["summary"]["overallScore"].is_number());
}

TEST_CASE("a whole interview over WebSocket streams text, questions and the final status") {
  EngineProcess engine;
  auto port = engine.port();
  auto c = sign_up(port, "ada@example.com");
  json s = start_interview(port, c);
  WsClient ws;
  REQUIRE(ws.connect(port, "/ws/interviews/" + s["id"].get<std::string>() + "?token=" + c.token));
  CHECK(ws.recv_until("status")["status"] == "in_progress");
  json q = ws.recv_until("question")["question"];
  CHECK(q == s["currentQuestion"]);
  bool saw_token = false, saw_thinking = false, saw_message = false, completed = false;
  for (int turn = 0; turn < 40 && !completed; ++turn) {
    ws.send({{"type", "answer"}, {"questionId", q["id"]}, {"answer", kAnswer}});
    for (;;) {
      json f = ws.recv(std::chrono::seconds(10));
      REQUIRE(f["type"] != "error");
      saw_token |= f["type"] == "token";
      saw_thinking |= f["type"] == "thinking";
      saw_message |= f["type"] == "message";
      if (f["type"] == "question") {
        q = f["question"];
        break;
      }
      if (f["type"] == "status" && f["status"] == "completed") {
        completed = true;
        break;
      }
    }
  }
  CHECK(completed);
  CHECK(saw_message);
  CHECK(saw_thinking);
  CHECK(saw_token);
}

TEST_CASE("an interview survives kill -9 and resumes at the same question with nothing lost") {
  EngineProcess engine;
  auto port = engine.port();
  auto c = sign_up(port, "ada@example.com");
  json s = start_interview(port, c);
  std::string id = s["id"];
  json q = s["currentQuestion"];
  std::vector<std::string> sent;
  for (int i = 0; i < 3; ++i) {
    sent.push_back(kAnswer + " Turn " + std::to_string(i) + ".");
    q = answer(port, c, id, q, sent.back())["nextQuestion"];
  }
  engine.kill9();
  engine.restart();
  port = engine.port();
  auto view = http(port, "GET", "/api/interviews/" + id, "", c.token);
  REQUIRE_MESSAGE(view.status == 200, view.body);
  const json view_body = view.json();
  CHECK(view_body["currentQuestion"] == q);
  std::vector<std::string> kept;
  for (const auto& t : view_body["transcript"]) {
    if (t["role"] == "candidate") kept.push_back(t["text"]);
  }
  CHECK_MESSAGE(kept == sent, view.body);
  // The engine rebuilds the session by replay and carries on.
  json r = answer(port, c, id, q);
  CHECK(r["status"] == "in_progress");
  CHECK(r["nextQuestion"].is_object());
}

TEST_CASE("pause, resume and end early work over REST and refuse the wrong state") {
  EngineProcess engine;
  auto port = engine.port();
  auto c = sign_up(port, "ada@example.com");
  json s = start_interview(port, c);
  std::string id = s["id"], base = "/api/interviews/" + id;
  REQUIRE(http(port, "POST", base + "/pause", "", c.token).status == 200);
  check_error(http(port, "POST", base + "/answer",
                   json{{"questionId", s["currentQuestion"]["id"]}, {"answer", "x"}}.dump(), c.token), 409);
  check_error(http(port, "POST", base + "/pause", "", c.token), 409);
  auto resumed = http(port, "POST", base + "/resume", "", c.token);
  REQUIRE(resumed.status == 200);
  CHECK(resumed.json()["currentQuestion"] == s["currentQuestion"]);
  check_error(http(port, "POST", base + "/answer", json{{"questionId", "q77"}, {"answer", "x"}}.dump(), c.token), 409);
  check_error(http(port, "POST", base + "/answer", json{{"questionId", "q1"}}.dump(), c.token), 400);
  check_error(http(port, "POST", base + "/answer", json{{"questionId", "q1"}, {"answer", 5}}.dump(), c.token), 400);
  answer(port, c, id, s["currentQuestion"]);
  auto ended = http(port, "POST", base + "/end", "", c.token);
  REQUIRE(ended.status == 200);
  CHECK(ended.json()["status"] == "ended");
  check_error(http(port, "POST", base + "/answer", json{{"questionId", "q2"}, {"answer", "x"}}.dump(), c.token), 409);
  CHECK(http(port, "GET", base + "/report", "", c.token).status == 200);
}

TEST_CASE("one candidate can never read or drive another candidate's interview") {
  EngineProcess engine;
  auto port = engine.port();
  auto ada = sign_up(port, "ada@example.com");
  auto eve = sign_up(port, "eve@example.com", "Eve");
  json s = start_interview(port, ada);
  std::string base = "/api/interviews/" + s["id"].get<std::string>();
  check_error(http(port, "GET", base, "", eve.token), 404);
  check_error(http(port, "GET", base + "/report", "", eve.token), 404);
  check_error(http(port, "POST", base + "/pause", "", eve.token), 404);
  check_error(http(port, "POST", base + "/answer",
                   json{{"questionId", s["currentQuestion"]["id"]}, {"answer", "x"}}.dump(), eve.token), 404);
  CHECK(http(port, "GET", "/api/interviews", "", eve.token).json()["interviews"].empty());
  WsClient ws;
  CHECK_FALSE(ws.connect(port, base.substr(4).insert(0, "/ws") + "?token=" + eve.token));
  CHECK(ws.connect_status == 404);
}

TEST_CASE("REST and WebSocket drive the same session") {
  EngineProcess engine;
  auto port = engine.port();
  auto c = sign_up(port, "ada@example.com");
  json s = start_interview(port, c);
  WsClient ws;
  REQUIRE(ws.connect(port, "/ws/interviews/" + s["id"].get<std::string>(), c.token));
  ws.recv_until("question");
  json r = answer(port, c, s["id"], s["currentQuestion"]);
  CHECK(ws.recv_until("question")["question"] == r["nextQuestion"]);
  ws.send({{"type", "pause"}});
  CHECK(ws.recv_until("status")["status"] == "paused");
  CHECK(http(port, "GET", "/api/interviews/" + s["id"].get<std::string>(), "", c.token).json()["status"] == "paused");
  ws.send({{"type", "answer"}, {"questionId", r["nextQuestion"]["id"]}, {"answer", "x"}});
  CHECK(ws.recv_until("error")["error"]["code"] == "conflict");
  ws.send_text("not json");
  CHECK(ws.recv_until("error")["error"]["code"] == "invalid_argument");
}
