// The analytics dashboard over HTTP: this week's funnel and ratings, and the CSV export.
#include <doctest/doctest.h>

#include <algorithm>

#include "accounts.h"
#include "harness.h"

using namespace mockroom::testing;
using nlohmann::json;

TEST_CASE("the dashboard shows the week's sessions, completion and helpfulness, and exports CSV") {
  EngineProcess engine;
  auto port = engine.port();
  auto admin = admin_token(engine, "root@example.com");
  auto ada = candidate_token(port, "ada@example.com");
  auto created = http(port, "POST", "/api/interviews", R"({"format":"behavioral","questionCount":5})", ada);
  REQUIRE(created.status == 201);
  std::string id = created.json()["id"];
  REQUIRE(http(port, "POST", "/api/interviews/" + id + "/end", "", ada).status == 200);
  REQUIRE(http(port, "POST", "/api/interviews/" + id + "/rating",
               R"({"realism":4,"easeOfUse":5,"feedbackHelpfulness":4,"overallSatisfaction":4})", ada).status == 201);
  REQUIRE(http(port, "POST", "/api/interviews", R"({"format":"behavioral","questionCount":5})", ada).status == 201);

  auto d = http(port, "GET", "/api/admin/analytics?weeks=4", "", admin);
  REQUIRE_MESSAGE(d.status == 200, d.body);
  json week = d.json()["weeks"].back();
  CHECK(week["sessionsStarted"] == 2);
  CHECK(week["activeUsers"] == 1);
  CHECK(week["helpfulness"]["average"] == 4.0);
  CHECK(d.json()["weeks"].size() == 4);
  CHECK(d.json()["ratingsByModel"][0]["modelVersion"] == "llm_rules@1.0.0");
  CHECK(d.json()["queryMs"].contains("d7Repeat"));

  auto csv = http(port, "GET", "/api/admin/analytics/export?weeks=4", "", admin);
  REQUIRE(csv.status == 200);
  CHECK(csv.header("content-type").find("text/csv") == 0);
  CHECK(csv.header("content-disposition").find("mockroom-weeks.csv") != std::string::npos);
  CHECK(std::count(csv.body.begin(), csv.body.end(), '\n') == 5);
  CHECK(http(port, "GET", "/api/admin/analytics/export?table=ratings", "", admin).body.find("llm_rules@1.0.0") != std::string::npos);
  CHECK(http(port, "GET", "/api/admin/analytics?weeks=0", "", admin).status == 400);
  CHECK(http(port, "GET", "/api/admin/analytics", "", ada).status == 403);
}
