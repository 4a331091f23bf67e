// Code in a coding interview over HTTP and WebSocket, against the real sandboxed runner:
// Run with custom input, Submit against hidden tests (per-test results, never the hidden
// inputs), the interviewer's nudge, editor snapshots, and operators' direct runner access.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "accounts.h"
#include "harness.h"

using namespace mockroom::testing;
using nlohmann::json;

namespace {

std::string sign_up(uint16_t port, const std::string& email) {
  http(port, "POST", "/api/auth/register",
       json{{"email", email}, {"password", "correct horse battery"}, {"name", "Kim"}}.dump());
  auto login = http(port, "POST", "/api/auth/login", json{{"email", email}, {"password", "correct horse battery"}}.dump());
  REQUIRE_MESSAGE(login.status == 200, login.body);
  return login.json()["token"].get<std::string>();
}

// The bank entry (with its reference solution) of the problem titled `title`.
json problem_by_title(const std::string& title) {
  for (const char* file : {"coding_core.json", "coding_advanced.json"}) {
    std::ifstream in(std::filesystem::path(MOCKROOM_SOURCE_DIR) / "interviews/banks" / file);
    json bank = json::parse(in);
    for (const auto& q : bank["questions"]) {
      if (q["title"] == title) return q;
    }
  }
  FAIL("no bank problem titled " << title);
  return nullptr;
}

}  // namespace

TEST_CASE("a coding interview runs and judges the candidate's code") {
  EngineProcess engine;
  auto token = sign_up(engine.port(), "coder@example.com");
  auto started = http(engine.port(), "POST", "/api/interviews", json{{"format", "coding"}, {"questionCount", 1}}.dump(), token);
  REQUIRE_MESSAGE(started.status == 201, started.body);
  const std::string id = started.json()["id"];
  const json problem = problem_by_title(started.json()["currentQuestion"]["problem"]["title"]);
  const std::string base = "/api/interviews/" + id + "/code/";

  auto run = http(engine.port(), "POST", base + "run",
                  json{{"language", "python"}, {"code", "import sys\nprint(sys.stdin.read().upper(), end='')\n"},
                       {"stdin", "hello\n"}}.dump(), token);
  REQUIRE_MESSAGE(run.status == 200, run.body);
  CHECK(run.json()["status"]["id"] == 3);
  CHECK(run.json()["stdout"] == "HELLO\n");

  auto wrong = http(engine.port(), "POST", base + "submit", json{{"language", "python"}, {"code", "print(-12345)\n"}}.dump(), token);
  REQUIRE_MESSAGE(wrong.status == 200, wrong.body);
  const json w = wrong.json();
  CHECK(w["verdict"]["id"] == 4);
  CHECK(w["passed"] == 0);
  CHECK(w["total"] == problem["tests"].size());
  const json w_tests = w["tests"];
  for (const auto& t : w_tests) {
    CHECK_FALSE(t.contains("stdin"));
    CHECK_FALSE(t.contains("stdout"));
    CHECK_FALSE(t.contains("expected_output"));
  }
  CHECK_FALSE(w["feedback"].get<std::string>().empty());

  auto broken = http(engine.port(), "POST", base + "submit",
                     json{{"language", "cpp"}, {"code", "int main( { return 0; }"}}.dump(), token);
  REQUIRE(broken.status == 200);
  CHECK(broken.json()["verdict"]["id"] == 6);
  CHECK(broken.json()["feedback"].get<std::string>().rfind("It doesn't compile yet.", 0) == 0);

  auto right = http(engine.port(), "POST", base + "submit",
                    json{{"language", "python"}, {"code", problem["reference"]["source"]}}.dump(), token);
  REQUIRE(right.status == 200);
  CHECK(right.json()["verdict"]["id"] == 3);
  CHECK(right.json()["passed"] == problem["tests"].size());

  CHECK(http(engine.port(), "POST", base + "snapshot", json{{"language", "python"}, {"code", "x = 1"}}.dump(), token).status == 200);
  CHECK(http(engine.port(), "POST", base + "run", json{{"language", "ruby"}, {"code", "puts 1"}}.dump(), token).status == 400);
  CHECK(http(engine.port(), "POST", base + "run", json{{"language", "python"}, {"code", 5}}.dump(), token).status == 400);
  auto other = sign_up(engine.port(), "other-coder@example.com");
  CHECK(http(engine.port(), "POST", base + "run", json{{"language", "python"}, {"code", "print(1)"}}.dump(), other).status == 404);

  // The transcript keeps every run and submission, with the interviewer's reaction.
  auto view = http(engine.port(), "GET", "/api/interviews/" + id, "", token).json();
  int submits = 0, runs = 0;
  const json transcript = view["transcript"];
  for (const auto& t : transcript) {
    submits += t["kind"] == "code_submit";
    runs += t["kind"] == "code_run";
  }
  CHECK(submits == 3);
  CHECK(runs == 1);

  // The report judges the last submission on the coding criteria, with evidence.
  REQUIRE(http(engine.port(), "POST", "/api/interviews/" + id + "/end", "", token).status == 200);
  auto report = http(engine.port(), "GET", "/api/interviews/" + id + "/report", "", token);
  REQUIRE_MESSAGE(report.status == 200, report.body);
  const json r = report.json();
  REQUIRE(r["coding"].size() == 1);
  const json coding = r["coding"][0];
  CHECK(coding["attempted"] == true);
  CHECK(coding["passed"] == problem["tests"].size());
  REQUIRE(coding["criteria"].size() == 4);
  CHECK(coding["criteria"][0]["name"] == "Correctness");
  CHECK(coding["criteria"][0]["score"] == 100);
  CHECK(coding["criteria"][0]["weight"] == 40);
  // Fixing what failed counts: the first submission failed, the last passed.
  bool fixed = false;
  for (const auto& e : coding["criteria"][3]["evidence"]) fixed |= e["note"].get<std::string>().rfind("Fixed", 0) == 0;
  CHECK(fixed);
  // The reference solution's timings stay in the engine.
  CHECK(report.body.find("referenceTimes") == std::string::npos);
}

TEST_CASE("a follow-up about a coding problem still takes Submit, and the report counts it") {
  EngineProcess engine;
  auto token = sign_up(engine.port(), "follow-coder@example.com");
  auto started = http(engine.port(), "POST", "/api/interviews", json{{"format", "coding"}, {"questionCount", 1}}.dump(), token);
  REQUIRE_MESSAGE(started.status == 201, started.body);
  const std::string id = started.json()["id"];
  const json problem = problem_by_title(started.json()["currentQuestion"]["problem"]["title"]);
  // An approach that names a plan but not how it handles the hard part draws a follow-up.
  auto plan = http(engine.port(), "POST", "/api/interviews/" + id + "/answer",
                   json{{"questionId", started.json()["currentQuestion"]["id"]},
                        {"answer", "Can the input be empty? I will scan once and keep the best value so far, "
                                   "which is O(n) time and O(1) space."}}.dump(), token);
  REQUIRE_MESSAGE(plan.status == 200, plan.body);
  const json next = plan.json()["nextQuestion"];
  REQUIRE_MESSAGE(next["isFollowUp"] == true, next.dump());
  CHECK(next["kind"] == "coding");

  auto right = http(engine.port(), "POST", "/api/interviews/" + id + "/code/submit",
                    json{{"language", "python"}, {"code", problem["reference"]["source"]}}.dump(), token);
  REQUIRE_MESSAGE(right.status == 200, right.body);
  CHECK(right.json()["passed"] == problem["tests"].size());
  CHECK(right.json()["questionId"] == next["id"]);

  REQUIRE(http(engine.port(), "POST", "/api/interviews/" + id + "/end", "", token).status == 200);
  auto report = http(engine.port(), "GET", "/api/interviews/" + id + "/report", "", token);
  REQUIRE_MESSAGE(report.status == 200, report.body);
  REQUIRE(report.json()["coding"].size() == 1);
  CHECK(report.json()["coding"][0]["passed"] == problem["tests"].size());
}

TEST_CASE("submitting is refused when the open question is not a coding problem") {
  EngineProcess engine;
  auto token = sign_up(engine.port(), "talker@example.com");
  auto started = http(engine.port(), "POST", "/api/interviews", json{{"format", "behavioral"}}.dump(), token);
  REQUIRE(started.status == 201);
  auto submit = http(engine.port(), "POST", "/api/interviews/" + started.json()["id"].get<std::string>() + "/code/submit",
                     json{{"language", "python"}, {"code", "print(1)"}}.dump(), token);
  CHECK(submit.status == 409);
}

TEST_CASE("editor snapshots over the WebSocket are recorded") {
  EngineProcess engine;
  auto token = sign_up(engine.port(), "ws-coder@example.com");
  auto started = http(engine.port(), "POST", "/api/interviews", json{{"format", "coding"}, {"questionCount", 1}}.dump(), token);
  REQUIRE(started.status == 201);
  std::string id = started.json()["id"];
  WsClient ws;
  REQUIRE(ws.connect(engine.port(), "/ws/interviews/" + id, token));
  ws.send({{"type", "code"}, {"language", "javascript"}, {"code", "console.log(1)"}});
  ws.send({{"type", "code"}, {"language", "brainfuck"}, {"code", "+"}});
  auto error = ws.recv_until("error");
  CHECK(error["error"]["message"].get<std::string>().find("language") != std::string::npos);
}

TEST_CASE("operators can call the runner directly; candidates cannot") {
  EngineProcess engine;
  auto candidate = sign_up(engine.port(), "cand@example.com");
  json request = {{"language", "cpp"}, {"source", "#include <cstdio>\nint main(){int a,b;std::scanf(\"%d %d\",&a,&b);std::printf(\"%d\\n\",a+b);}"},
                  {"stdin", "2 40\n"}, {"expected_output", "42\n"}};
  CHECK(http(engine.port(), "POST", "/api/admin/runner/execute", request.dump(), candidate).status == 403);
  std::string admin = admin_token(engine, "ops@example.com");
  auto ok = http(engine.port(), "POST", "/api/admin/runner/execute", request.dump(), admin);
  REQUIRE_MESSAGE(ok.status == 200, ok.body);
  CHECK(ok.json()["status"]["id"] == 3);
  CHECK(ok.json()["stdout"] == "42\n");
  request["expected_output"] = "41\n";
  CHECK(http(engine.port(), "POST", "/api/admin/runner/execute", request.dump(), admin).json()["status"]["id"] == 4);
  request["cpu_time_limit"] = 9999;
  CHECK(http(engine.port(), "POST", "/api/admin/runner/execute", request.dump(), admin).status == 400);
}

TEST_CASE("coaches and admins can try a rubric on a sample answer; candidates cannot") {
  EngineProcess engine;
  auto candidate = sign_up(engine.port(), "cand2@example.com");
  json body = {{"question", "What does an index cost on a write-heavy table?"},
               {"referenceAnswer", "Every insert and update must also update each index, so writes slow down "
                                   "and the indexes take disk space and memory."},
               {"answer", "Each write has to update every index as well, so inserts get slower, and the "
                          "indexes use extra disk and memory. I would keep only the indexes queries need."}};
  auto refused = http(engine.port(), "POST", "/api/admin/scoring/evaluate", body.dump(), candidate);
  CHECK(refused.status == 403);
  std::string admin = admin_token(engine, "coach-admin@example.com");
  auto tried = http(engine.port(), "POST", "/api/admin/scoring/evaluate", body.dump(), admin);
  REQUIRE_MESSAGE(tried.status == 200, tried.body);
  CHECK(tried.json()["score"].is_number_integer());
  CHECK(tried.json()["criteria"].size() >= 3);
  body.erase("answer");
  auto bad = http(engine.port(), "POST", "/api/admin/scoring/evaluate", body.dump(), admin);
  CHECK(bad.status == 400);
  CHECK(bad.body.find("'answer'") != std::string::npos);
  CHECK(http(engine.port(), "GET", "/api/admin/scoring/evaluate", "", admin).status == 405);
}

TEST_CASE("coaches word a format's prompts and see what the knowledge base retrieves; candidates cannot") {
  EngineProcess engine;
  auto candidate = sign_up(engine.port(), "cand3@example.com");
  const std::string prompts = "/api/admin/formats/behavioral/prompts";
  const std::string knowledge = "/api/admin/knowledge?q=conflict+with+a+teammate&format=behavioral";
  CHECK(http(engine.port(), "GET", prompts, "", candidate).status == 403);
  CHECK(http(engine.port(), "PUT", prompts + "/persona", R"({"template":"x"})", candidate).status == 403);
  CHECK(http(engine.port(), "GET", knowledge, "", candidate).status == 403);

  std::string admin = admin_token(engine, "prompt-admin@example.com");

  auto broken = http(engine.port(), "PUT", prompts + "/persona", R"({"template":"{{#role}} never closed"})", admin);
  CHECK(broken.status == 400);
  CHECK(broken.body.find("not valid Mustache") != std::string::npos);
  CHECK(http(engine.port(), "PUT", prompts + "/system", R"({"template":"hi"})", admin).status == 400);
  CHECK(http(engine.port(), "GET", "/api/admin/formats/no_such_format/prompts", "", admin).status == 404);

  auto set = http(engine.port(), "PUT", prompts + "/persona", R"({"template":"A calm interviewer for {{role}}."})", admin);
  REQUIRE_MESSAGE(set.status == 200, set.body);
  CHECK(set.json()["origin"] == "coach");
  engine.restart();  // kept in the database
  admin = login_token(engine.port(), "prompt-admin@example.com");
  auto listed = http(engine.port(), "GET", prompts, "", admin);
  REQUIRE(listed.status == 200);
  CHECK(listed.json()["prompts"][0]["template"] == "A calm interviewer for {{role}}.");
  CHECK(listed.json()["prompts"][1]["origin"] == "default");
  auto removed = http(engine.port(), "DELETE", prompts + "/persona", "", admin);
  REQUIRE(removed.status == 200);
  CHECK(removed.json()["origin"] == "default");
  CHECK(http(engine.port(), "DELETE", prompts + "/persona", "", admin).status == 404);

  auto found = http(engine.port(), "GET", knowledge, "", admin);
  REQUIRE_MESSAGE(found.status == 200, found.body);
  REQUIRE_FALSE(found.json()["entries"].empty());
  for (const auto& e : found.json()["entries"]) {
    const json& formats = e["formats"];
    CHECK((formats.empty() || std::find(formats.begin(), formats.end(), "behavioral") != formats.end()));
  }
  CHECK(http(engine.port(), "GET", "/api/admin/knowledge", "", admin).status == 400);
  CHECK(http(engine.port(), "GET", "/api/admin/knowledge?q=x&limit=99", "", admin).status == 400);
}
