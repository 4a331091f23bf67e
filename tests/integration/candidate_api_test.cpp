// The candidate's own material over HTTP: resume upload, own questions, bank search,
// prep packages, redo scheduling and code sent with an answer.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "harness.h"

using namespace mockroom::testing;
using nlohmann::json;

namespace {

std::string sign_up(uint16_t port, const std::string& email) {
  auto reg = http(port, "POST", "/api/auth/register",
                  json{{"email", email}, {"password", "correct horse battery"}, {"name", "Sam Park"}}.dump());
  REQUIRE_MESSAGE(reg.status == 201, reg.body);
  auto login = http(port, "POST", "/api/auth/login",
                    json{{"email", email}, {"password", "correct horse battery"}}.dump());
  REQUIRE(login.status == 200);
  return login.json()["token"].get<std::string>();
}

}  // namespace

TEST_CASE("all bundled formats are served with their options") {
  EngineProcess engine;
  auto r = http(engine.port(), "GET", "/api/formats");
  REQUIRE(r.status == 200);
  std::set<std::string> ids;
  const json formats = r.json()["formats"];
  for (const auto& f : formats) ids.insert(f["id"].get<std::string>());
  for (const char* id : {"behavioral", "technical", "coding", "system_design", "case_study", "mixed",
                         "amazon_style", "google_style", "meta_style", "startup_style"}) {
    CHECK_MESSAGE(ids.count(id), id);
  }
}

TEST_CASE("a resume is read, its profile kept, and bad files refused") {
  EngineProcess engine;
  auto token = sign_up(engine.port(), "resume@example.com");
  std::string text =
      "Sam Park\nStaff Engineer, Contoso Health - Mar 2020 - Present\n"
      "Led the FHIR API platform in Java and Kubernetes; cut p99 latency by 45%.\n"
      "Backend Engineer at Fabrikam (2014 - 2020)\n";
  auto up = http(engine.port(), "POST", "/api/me/resume?filename=cv.txt", text, token,
                 {{"Content-Type", "text/plain; charset=utf-8"}});
  REQUIRE_MESSAGE(up.status == 201, up.body);
  const json profile = up.json()["profile"];
  CHECK(profile["roles"][0]["title"] == "Staff Engineer");
  CHECK(profile["roles"][0]["company"] == "Contoso Health");
  CHECK(profile["yearsExperience"].get<int>() >= 10);
  auto techs = profile["technologies"];
  CHECK(std::find(techs.begin(), techs.end(), "Java") != techs.end());
  CHECK(http(engine.port(), "GET", "/api/me/resume", "", token).json()["filename"] == "cv.txt");

  auto not_pdf = http(engine.port(), "POST", "/api/me/resume", "hello", token, {{"Content-Type", "application/pdf"}});
  CHECK(not_pdf.status == 400);
  auto garbage = http(engine.port(), "POST", "/api/me/resume", std::string("\x00\x01\xff\xfe binary", 12), token,
                      {{"Content-Type", "text/plain"}});
  CHECK(garbage.status == 400);
  CHECK(http(engine.port(), "POST", "/api/me/resume", text).status == 401);

  // The next behavioral interview asks about the most recent role.
  auto started = http(engine.port(), "POST", "/api/interviews", json{{"format", "behavioral"}}.dump(), token);
  REQUIRE(started.status == 201);
  std::string id = started.json()["id"];
  auto q = started.json()["currentQuestion"];
  auto next = http(engine.port(), "POST", "/api/interviews/" + id + "/answer",
                   json{{"questionId", q["id"]}, {"answer", "I build backend platforms in healthcare."}}.dump(), token);
  bool tailored = false;
  for (int i = 0; i < 4 && next.status == 200 && !tailored; ++i) {
    q = next.json()["nextQuestion"];
    if (!q.is_object()) break;
    tailored = q["text"].get<std::string>().find("Staff Engineer at Contoso Health") != std::string::npos;
    next = http(engine.port(), "POST", "/api/interviews/" + id + "/answer",
                json{{"questionId", q["id"]}, {"answer", "We cut latency by 45 percent."}}.dump(), token);
  }
  CHECK(tailored);
}

TEST_CASE("own questions, bank search and company bank access") {
  EngineProcess engine;
  auto token = sign_up(engine.port(), "search@example.com");
  auto own = http(engine.port(), "POST", "/api/me/questions",
                  json{{"questions", {"Why this team?", {{"text", "Tell me about an outage you led."}}}}}.dump(), token);
  REQUIRE_MESSAGE(own.status == 201, own.body);
  CHECK(own.json()["total"] == 2);
  CHECK(http(engine.port(), "POST", "/api/me/questions", json{{"questions", {"   "}}}.dump(), token).status == 400);
  CHECK(http(engine.port(), "GET", "/api/me/questions", "", token).json()["questions"].size() == 2);

  auto found = http(engine.port(), "GET", "/api/questions?q=index&kind=technical&limit=5", "", token);
  REQUIRE_MESSAGE(found.status == 200, found.body);
  REQUIRE(found.json()["questions"].size() > 0);
  const json found_questions = found.json()["questions"];
  for (const auto& q : found_questions) {
    CHECK(q["kind"] == "technical");
    CHECK_FALSE(q.contains("referencePoints"));
  }
  // FTS5 syntax in the search text is plain text, never an error or an injection.
  CHECK(http(engine.port(), "GET", "/api/questions?q=%22%29%20OR%20index*", "", token).status == 200);
  CHECK(http(engine.port(), "GET", "/api/questions?q=%22%29*", "", token).status == 400);
  CHECK(http(engine.port(), "GET", "/api/questions?q=customer&tag=amazon-style", "", token).status == 403);

  auto pkg = http(engine.port(), "POST", "/api/packages",
                  json{{"timezone", "Europe/Berlin"}, {"company", "amazon-style"}}.dump(), token);
  REQUIRE_MESSAGE(pkg.status == 201, pkg.body);
  CHECK(pkg.json()["plan"].size() == 5);
  CHECK(pkg.json()["window"]["startsLocal"].get<std::string>().rfind("Fri ", 0) == 0);
  auto company = http(engine.port(), "GET", "/api/questions?q=customer&tag=amazon-style", "", token);
  REQUIRE(company.status == 200);
  CHECK(company.json()["questions"].size() > 0);

  auto listed = http(engine.port(), "GET", "/api/packages", "", token);
  CHECK(listed.json()["packages"].size() == 1);
  auto other = sign_up(engine.port(), "other@example.com");
  CHECK(http(engine.port(), "GET", "/api/packages/" + pkg.json()["id"].get<std::string>(), "", other).status == 404);
  CHECK(http(engine.port(), "POST", "/api/packages", json{{"timezone", "Nowhere/City"}}.dump(), token).status == 400);
}

TEST_CASE("redo scheduling and code with answers are validated") {
  EngineProcess engine;
  auto token = sign_up(engine.port(), "redo@example.com");
  auto started = http(engine.port(), "POST", "/api/interviews",
                      json{{"format", "coding"}, {"questionCount", 1}}.dump(), token);
  REQUIRE_MESSAGE(started.status == 201, started.body);
  std::string id = started.json()["id"];
  auto q = started.json()["currentQuestion"];
  CHECK(q["step"] == "approach");
  CHECK(q["problem"]["statement"].is_string());
  CHECK(q["problem"]["starter"].contains("cpp"));
  CHECK_FALSE(q["problem"].contains("tests"));

  auto bad_language = http(engine.port(), "POST", "/api/interviews/" + id + "/answer",
                           json{{"questionId", q["id"]}, {"answer", "plan"},
                                {"code", {{"language", "cobol"}, {"source", "x"}}}}.dump(), token);
  CHECK(bad_language.status == 400);
  auto ok = http(engine.port(), "POST", "/api/interviews/" + id + "/answer",
                 json{{"questionId", q["id"]}, {"answer", "Use a hash map."},
                      {"code", {{"language", "python"}, {"source", "print(1)\n"}}}}.dump(), token);
  REQUIRE_MESSAGE(ok.status == 200, ok.body);
  auto view = http(engine.port(), "GET", "/api/interviews/" + id, "", token).json();
  CHECK(view["transcript"][2]["code"]["language"] == "python");
  CHECK(view["timer"]["totalMinutes"] == 45);

  auto redo = http(engine.port(), "POST", "/api/interviews/" + id + "/redo",
                   json{{"questionId", "q1"}, {"days", 2}}.dump(), token);
  REQUIRE_MESSAGE(redo.status == 200, redo.body);
  CHECK(redo.json()["bankId"].get<std::string>().rfind("code-", 0) == 0);
  CHECK(http(engine.port(), "POST", "/api/interviews/" + id + "/redo",
             json{{"questionId", "q1"}, {"days", 0}}.dump(), token).status == 400);
  CHECK(http(engine.port(), "POST", "/api/interviews/" + id + "/redo",
             json{{"questionId", "q99"}}.dump(), token).status == 404);
}
