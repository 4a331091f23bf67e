// Coaches' authoring over HTTP: the question bank (search, edit, retire, import with bad
// rows, export), coding problems checked on the runner, rubrics, and interview scripts
// validated, rehearsed and published, including scripts that try to break out.
#include <doctest/doctest.h>

#include <string>

#include "accounts.h"
#include "harness.h"

using namespace mockroom::testing;
using nlohmann::json;

namespace {

// A coach account on `engine` (granted by a fresh admin).
std::string coach_token(const EngineProcess& engine) {
  auto admin = admin_token(engine, "root@example.com");
  auto coach = candidate_token(engine.port(), "coach@example.com", "Casey");
  auto r = http(engine.port(), "PUT", "/api/admin/users/" + std::to_string(user_id(engine.port(), coach)) + "/role",
                R"({"role":"coach"})", admin);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return coach;
}

const json kQuestion = {{"id", "coach-conflict-1"}, {"kind", "behavioral"}, {"competency", "conflict"},
                        {"levels", {"mid", "senior"}}, {"difficulty", "medium"}, {"industries", {"general"}},
                        {"text", "Tell me about a disagreement with a product manager over scope."},
                        {"concepts", {"compromise", "data"}}, {"hints", {"What did you give up?"}}};

const std::string kScript = R"lua(interview {
  id = "coach_quick", title = "Quick behavioral", kind = "behavioral", minutes = 20,
  rubric = "behavioral",
  options = { questionCount = options.questions(2, 1, 3) },
}

function run(ctx)
  say("Hi, two quick questions.")
  plan_questions(ctx.questionCount)
  discuss_all(pick(ctx, { kind = "behavioral", count = ctx.questionCount }))
  return close()
end
)lua";

json answers() {
  return json::array({"I led the migration of our billing jobs to a queue; runs fell from five hours to forty minutes.",
                      "We disagreed on scope, so I brought usage data and we shipped the smaller version first."});
}

}  // namespace

TEST_CASE("coaches find, write, edit, retire and restore questions; candidates cannot") {
  EngineProcess engine;
  auto port = engine.port();
  auto coach = coach_token(engine);
  auto candidate = candidate_token(port, "cand@example.com");
  CHECK(http(port, "GET", "/api/admin/questions", "", candidate).status == 403);

  auto found = http(port, "GET", "/api/admin/questions?q=hash+map&kind=technical", "", coach);
  REQUIRE_MESSAGE(found.status == 200, found.body);
  CHECK(found.json()["total"].get<int>() >= 1);
  CHECK(found.json()["banks"].size() >= 5);

  auto created = http(port, "POST", "/api/admin/questions", json{{"bank", "coach"}, {"question", kQuestion}}.dump(), coach);
  REQUIRE_MESSAGE(created.status == 201, created.body);
  CHECK(created.json()["origin"] == "coach");
  CHECK(http(port, "POST", "/api/admin/questions", json{{"bank", "coach"}, {"question", kQuestion}}.dump(), coach).status == 409);
  json edited = kQuestion;
  edited["text"] = "Tell me about a disagreement with a designer in Zanzibar.";
  auto updated = http(port, "PUT", "/api/admin/questions/coach-conflict-1", json{{"question", edited}}.dump(), coach);
  REQUIRE_MESSAGE(updated.status == 200, updated.body);
  CHECK(updated.json()["question"]["text"] == "Tell me about a disagreement with a designer in Zanzibar.");
  CHECK(http(port, "GET", "/api/admin/questions?q=zanzibar+designer", "", coach).json()["total"] == 1);

  REQUIRE(http(port, "POST", "/api/admin/questions/coach-conflict-1/retire", "", coach).json()["retired"] == true);
  CHECK(http(port, "GET", "/api/admin/questions?q=zanzibar+designer", "", coach).json()["total"] == 0);
  CHECK(http(port, "GET", "/api/admin/questions?q=zanzibar+designer&status=retired", "", coach).json()["total"] == 1);
  REQUIRE(http(port, "POST", "/api/admin/questions/coach-conflict-1/restore", "", coach).json()["retired"] == false);

  // A bundled question a coach edited stays as edited after a restart re-seeds the banks.
  auto bundled = http(port, "GET", "/api/admin/questions/tell-me-about-yourself", "", coach).json()["question"];
  bundled["text"] = "Walk me through your career so far.";
  REQUIRE(http(port, "PUT", "/api/admin/questions/tell-me-about-yourself", json{{"question", bundled}}.dump(), coach).status == 200);
  engine.restart();
  coach = login_token(port = engine.port(), "coach@example.com");
  CHECK(http(port, "GET", "/api/admin/questions/tell-me-about-yourself", "", coach).json()["question"]["text"] ==
        "Walk me through your career so far.");
  CHECK(http(port, "PUT", "/api/admin/questions/no-such-question", json{{"question", kQuestion}}.dump(), coach).status == 404);
  CHECK(http(port, "GET", "/api/admin/questions?status=sometimes", "", coach).status == 400);
}

TEST_CASE("an import previews every row with its errors and saves only on commit") {
  EngineProcess engine;
  auto port = engine.port();
  auto coach = coach_token(engine);
  std::string csv =
      "id,kind,text,levels,difficulty\n"
      "imp-1,technical,What does an index cost on writes?,mid,medium\n"
      "imp-2,riddle,What walks on four legs?,mid,easy\n"
      "imp-3,technical,,mid,easy\n"
      "imp-1,technical,Duplicate id in the same file,mid,easy\n"
      "imp-4,system_design,Design a URL shortener,senior,impossible\n"
      "imp-5,behavioral,Tell me about a time you changed your mind.,senior|staff,medium\n";
  auto preview = http(port, "POST", "/api/admin/questions/import", json{{"format", "csv"}, {"content", csv}}.dump(), coach);
  REQUIRE_MESSAGE(preview.status == 200, preview.body);
  json p = preview.json();
  CHECK(p["committed"] == false);
  CHECK(p["counts"]["create"] == 2);
  CHECK(p["counts"]["invalid"] == 4);
  std::map<int, std::string> errors;
  for (const auto& row : p["rows"]) {
    if (row["action"] == "invalid") errors[row["row"].get<int>()] = row["errors"][0];
  }
  CHECK(errors[3].find("kind") != std::string::npos);
  CHECK(errors[4].find("text") != std::string::npos);
  CHECK(errors[5].find("twice") != std::string::npos);
  CHECK(errors[6].find("difficulty") != std::string::npos);
  CHECK(http(port, "GET", "/api/admin/questions/imp-1", "", coach).status == 404);

  auto refused = http(port, "POST", "/api/admin/questions/import", json{{"format", "csv"}, {"content", csv}, {"commit", true}}.dump(), coach);
  CHECK(refused.json()["committed"] == false);
  auto committed = http(port, "POST", "/api/admin/questions/import",
                        json{{"format", "csv"}, {"content", csv}, {"commit", true}, {"skipInvalid", true}}.dump(), coach);
  REQUIRE(committed.status == 200);
  CHECK(committed.json()["saved"] == 2);
  CHECK(http(port, "GET", "/api/admin/questions/imp-5", "", coach).json()["question"]["levels"] == json::array({"senior", "staff"}));
  CHECK(http(port, "POST", "/api/admin/questions/import", json{{"format", "csv"}, {"content", "id,kind\n"}}.dump(), coach).status == 400);
  CHECK(http(port, "POST", "/api/admin/questions/import", json{{"format", "xml"}, {"content", ""}}.dump(), coach).status == 400);

  // What is exported imports back as it was.
  auto exported = http(port, "GET", "/api/admin/questions/export?format=csv&bank=coach", "", coach);
  REQUIRE(exported.status == 200);
  CHECK(exported.header("content-type").find("text/csv") == 0);
  auto again = http(port, "POST", "/api/admin/questions/import", json{{"format", "csv"}, {"content", exported.body}}.dump(), coach);
  REQUIRE(again.status == 200);
  CHECK(again.json()["counts"]["update"] == 2);
  CHECK(again.json()["counts"]["invalid"] == 0);
}

TEST_CASE("a coding problem is saved only when its reference solution passes its hidden tests") {
  EngineProcess engine;
  auto port = engine.port();
  auto coach = coach_token(engine);
  json problem = {{"id", "coach-sum-two"}, {"kind", "coding"}, {"text", "Add two numbers."}, {"title", "Sum two"},
                  {"statement", "Read two integers and print their sum."}, {"starter", {{"python", "import sys\n"}}},
                  {"tests", {{{"input", "2 3\n"}, {"output", "5\n"}}, {{"input", "10 -4\n"}, {"output", "6\n"}}}},
                  {"reference", {{"language", "python"}, {"source", "a, b = map(int, input().split())\nprint(a + b)\n"}}}};
  auto saved = http(port, "POST", "/api/admin/questions", json{{"bank", "coach"}, {"question", problem}}.dump(), coach);
  if (saved.status == 503) {
    MESSAGE("no code runner on this machine: " << saved.body);
    return;
  }
  REQUIRE_MESSAGE(saved.status == 201, saved.body);
  CHECK(saved.json()["question"]["tests"].size() == 2);
  problem["id"] = "coach-sum-wrong";
  problem["tests"][1]["output"] = "7\n";
  auto refused = http(port, "POST", "/api/admin/questions", json{{"bank", "coach"}, {"question", problem}}.dump(), coach);
  CHECK(refused.status == 400);
  CHECK(refused.json()["error"]["message"].get<std::string>().find("test 2") != std::string::npos);
}

TEST_CASE("a rubric edit must weigh its categories to 100 percent, and the saved version is used") {
  EngineProcess engine;
  auto port = engine.port();
  auto coach = coach_token(engine);
  auto current = http(port, "GET", "/api/admin/rubrics/behavioral", "", coach);
  REQUIRE(current.status == 200);
  json rubric = current.json()["rubric"];
  rubric["categories"][0]["weight"] = 50;
  auto refused = http(port, "PUT", "/api/admin/rubrics/behavioral", json{{"rubric", rubric}}.dump(), coach);
  CHECK(refused.status == 400);
  CHECK(refused.json()["error"]["message"].get<std::string>().find("sum to 120%") != std::string::npos);
  rubric["categories"][1]["weight"] = 50;
  rubric["categories"][0]["levels"]["strong"] = "Crisp, structured and easy to follow.";
  auto saved = http(port, "PUT", "/api/admin/rubrics/behavioral", json{{"rubric", rubric}}.dump(), coach);
  REQUIRE_MESSAGE(saved.status == 200, saved.body);
  CHECK(saved.json()["version"] == 1);
  auto tried = http(port, "POST", "/api/admin/scoring/evaluate",
                    json{{"question", "Tell me about a conflict."}, {"answer", "I listened, then we agreed on a plan."},
                         {"rubric", "behavioral"}}.dump(), coach);
  REQUIRE(tried.status == 200);
  CHECK(tried.json()["criteria"][0]["weight"] == 50);
  auto listed = http(port, "GET", "/api/admin/rubrics", "", coach).json()["rubrics"];
  for (const auto& r : listed) {
    if (r["id"] == "behavioral") CHECK(r["origin"] == "coach");
  }
}

TEST_CASE("a script is validated with line numbers, rehearsed, published, and sessions keep their version") {
  EngineProcess engine;
  auto port = engine.port();
  auto coach = coach_token(engine);
  std::string broken = kScript;
  broken.replace(broken.find("say(\"Hi"), 3, "sya");
  auto problems = http(port, "POST", "/api/admin/formats/validate", json{{"source", broken}}.dump(), coach);
  REQUIRE_MESSAGE(problems.status == 200, problems.body);
  CHECK(problems.json()["ok"] == false);
  CHECK(problems.json()["problems"][0]["line"] == 8);

  auto rehearsal = http(port, "POST", "/api/admin/formats/rehearse", json{{"source", kScript}, {"answers", answers()}}.dump(), coach);
  REQUIRE_MESSAGE(rehearsal.status == 200, rehearsal.body);
  CHECK(rehearsal.json()["ok"] == true);
  CHECK(rehearsal.json()["status"] == "completed");
  CHECK(rehearsal.json()["report"]["overallScore"].is_number());

  auto published = http(port, "POST", "/api/admin/formats", json{{"id", "coach_quick"}, {"source", kScript}}.dump(), coach);
  REQUIRE_MESSAGE(published.status == 201, published.body);
  std::string v1 = published.json()["version"];
  auto candidate = candidate_token(port, "cand@example.com");
  auto session = http(port, "POST", "/api/interviews", R"({"format":"coach_quick","questionCount":2})", candidate);
  REQUIRE_MESSAGE(session.status == 201, session.body);
  std::string id = session.json()["id"];

  std::string v2_source = kScript;
  v2_source.replace(v2_source.find("two quick questions"), 19, "a few quick questions");
  auto second = http(port, "POST", "/api/admin/formats", json{{"id", "coach_quick"}, {"source", v2_source}}.dump(), coach);
  REQUIRE(second.status == 201);
  CHECK(second.json()["previousVersion"] == v1);
  CHECK(http(port, "GET", "/api/formats", "").body.find(second.json()["version"].get<std::string>()) != std::string::npos);
  // The running session replays on the version it began with, also after a restart.
  engine.restart();
  port = engine.port();
  candidate = login_token(port, "cand@example.com");
  auto view = http(port, "GET", "/api/interviews/" + id, "", candidate);
  REQUIRE_MESSAGE(view.status == 200, view.body);
  CHECK(view.body.find("two quick questions") != std::string::npos);
  auto turn = http(port, "POST", "/api/interviews/" + id + "/answer",
                   json{{"questionId", view.json()["currentQuestion"]["id"]}, {"answer", answers()[0]}}.dump(), candidate);
  CHECK_MESSAGE(turn.status == 200, turn.body);
  coach = login_token(port, "coach@example.com");
  auto format = http(port, "GET", "/api/admin/formats/coach_quick", "", coach);
  REQUIRE(format.status == 200);
  CHECK(format.json()["origin"] == "coach");
  CHECK(format.json()["history"].size() == 2);
  CHECK(http(port, "POST", "/api/admin/formats", json{{"id", "other_id"}, {"source", kScript}}.dump(), coach).status == 400);
  CHECK(http(port, "POST", "/api/admin/formats", json{{"id", "coach_quick"}, {"source", broken}}.dump(), coach).status == 400);
}

TEST_CASE("coach scripts that loop, hog memory or reach for files, processes and libraries fail cleanly") {
  EngineProcess engine;
  auto port = engine.port();
  auto coach = coach_token(engine);
  auto header = std::string(R"lua(interview { id = "evil", title = "Evil", kind = "behavioral", rubric = "behavioral" }
)lua");
  struct Case {
    std::string body;
    std::string expect;  // in the first problem's message
  };
  std::vector<Case> cases = {
      {"while true do end\n", "instruction budget"},
      {"function run(ctx) while true do end end\n", "instruction budget"},
      {"local t = {} for i = 1, 1e9 do t[i] = string.rep('x', 1000) end\n", "memory"},
      {"function run(ctx) local t = {} for i = 1, 1e9 do t[i] = string.rep('x', 1000) .. i end end\n", "memory"},
      {"local f = io.open('/etc/passwd')\n", "io"},
      {"os.execute('touch /tmp/mockroom-pwned')\n", "os"},
      {"require('socket')\n", "require"},
      {"package.loadlib('libc.so.6', 'system')\n", "package"},
      {"local f = load(string.dump(print))\n", "dump"},
      {"local f = load('return 1')\n", "load"},
      {"debug.sethook()\n", "debug"},
      {"dofile('/etc/passwd')\n", "dofile"},
  };
  for (const auto& c : cases) {
    auto r = http(port, "POST", "/api/admin/formats/validate", json{{"source", header + c.body}}.dump(), coach);
    INFO(c.body << " -> " << r.body);
    REQUIRE(r.status == 200);
    CHECK(r.json()["ok"] == false);
    REQUIRE_FALSE(r.json()["problems"].empty());
    CHECK(r.json()["problems"][0]["message"].get<std::string>().find(c.expect) != std::string::npos);
    CHECK(http(port, "POST", "/api/admin/formats", json{{"id", "evil"}, {"source", header + c.body}}.dump(), coach).status == 400);
  }
  CHECK_FALSE(std::filesystem::exists("/tmp/mockroom-pwned"));
  // Nothing else was harmed: the engine serves, and the evil format was never published.
  CHECK(http(port, "GET", "/api/health").status == 200);
  auto candidate = candidate_token(port, "cand@example.com");
  CHECK(http(port, "POST", "/api/interviews", R"({"format":"evil"})", candidate).status == 404);
  CHECK(http(port, "POST", "/api/interviews", R"({"format":"behavioral","questionCount":5})", candidate).status == 201);
}
