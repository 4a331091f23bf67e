// Roles over HTTP: admins grant them, every console endpoint admits only its roles, staff
// changes are audited, and candidates' sessions stay private unless they share one.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "accounts.h"
#include "harness.h"

using namespace mockroom::testing;
using nlohmann::json;

namespace {

// Grants `role` to the account behind `token`, as admin.
void grant(uint16_t port, const std::string& admin, const std::string& token, const std::string& role) {
  auto r = http(port, "PUT", "/api/admin/users/" + std::to_string(user_id(port, token)) + "/role",
                json{{"role", role}}.dump(), admin);
  REQUIRE_MESSAGE(r.status == 200, r.body);
}

struct Endpoint {
  std::string method, path, body;
  std::vector<std::string> roles;  // who may call it besides admin
};

// Every console endpoint and the roles it admits (admins are admitted everywhere).
std::vector<Endpoint> console_endpoints(int64_t some_user) {
  const std::string user = std::to_string(some_user);
  return {
      {"GET", "/api/admin/plugins", "", {"operator"}},
      {"PUT", "/api/admin/plugins/llm", R"({"use":"llm_rules"})", {"operator"}},
      {"POST", "/api/admin/runner/execute", R"j({"language":"python","source":"print(1)"})j", {"operator"}},
      {"GET", "/api/admin/users", "", {}},
      {"PUT", "/api/admin/users/" + user + "/role", R"({"role":"candidate"})", {}},
      {"GET", "/api/admin/audit", "", {}},
      {"GET", "/api/admin/sessions/shared", "", {}},
      {"GET", "/api/admin/sessions/0123456789abcdef", "", {}},
      {"POST", "/api/admin/scoring/evaluate", R"({"question":"Why?","answer":"Because."})", {"coach"}},
      {"GET", "/api/admin/formats/behavioral/prompts", "", {"coach"}},
      {"PUT", "/api/admin/formats/behavioral/prompts/persona", R"({"template":"Hi {{role}}"})", {"coach"}},
      {"GET", "/api/admin/knowledge?q=conflict", "", {"coach"}},
      {"GET", "/api/admin/questions?q=index", "", {"coach"}},
      {"GET", "/api/admin/questions/tell-me-about-yourself", "", {"coach"}},
      {"POST", "/api/admin/questions", R"({"bank":"coach","question":{"id":"x-1","kind":"technical","text":"Why?"}})", {"coach"}},
      {"PUT", "/api/admin/questions/x-1", R"({"question":{"kind":"technical","text":"Why not?"}})", {"coach"}},
      {"POST", "/api/admin/questions/x-1/retire", "", {"coach"}},
      {"POST", "/api/admin/questions/x-1/restore", "", {"coach"}},
      {"POST", "/api/admin/questions/import", R"({"format":"csv","content":"id,kind,text\n"})", {"coach"}},
      {"GET", "/api/admin/questions/export?format=csv&bank=coach", "", {"coach"}},
      {"GET", "/api/admin/rubrics", "", {"coach"}},
      {"GET", "/api/admin/rubrics/behavioral", "", {"coach"}},
      {"PUT", "/api/admin/rubrics/behavioral", R"({"rubric":{}})", {"coach"}},
      {"GET", "/api/admin/formats", "", {"coach"}},
      {"GET", "/api/admin/formats/behavioral", "", {"coach"}},
      {"POST", "/api/admin/formats", R"({"id":"x","source":"x"})", {"coach"}},
      {"POST", "/api/admin/formats/validate", R"({"source":"x"})", {"coach"}},
      {"POST", "/api/admin/formats/rehearse", R"({"source":"x","answers":["a"]})", {"coach"}},
      {"GET", "/api/admin/tiers", "", {}},
      {"PUT", "/api/admin/tiers/free", R"({"name":"Free"})", {}},
      {"GET", "/api/admin/users/" + user + "/entitlements", "", {}},
      {"POST", "/api/admin/users/" + user + "/entitlements", R"({"tierId":"premium_monthly"})", {}},
      {"DELETE", "/api/admin/entitlements/1", "", {}},
      {"GET", "/api/admin/analytics", "", {}},
      {"GET", "/api/admin/analytics/export", "", {}},
  };
}

}  // namespace

TEST_CASE("each role reaches only its own console endpoints; every other call is refused") {
  EngineProcess engine;
  auto port = engine.port();
  auto admin = admin_token(engine, "root@example.com");
  std::map<std::string, std::string> tokens = {{"candidate", candidate_token(port, "cand@example.com")},
                                               {"coach", candidate_token(port, "coach@example.com")},
                                               {"operator", candidate_token(port, "op@example.com")}};
  grant(port, admin, tokens["coach"], "coach");
  grant(port, admin, tokens["operator"], "operator");
  auto target = candidate_token(port, "target@example.com");
  for (const auto& e : console_endpoints(user_id(port, target))) {
    for (const auto& [role, token] : tokens) {
      bool allowed = std::find(e.roles.begin(), e.roles.end(), role) != e.roles.end();
      auto r = http(port, e.method, e.path, e.body, token);
      INFO(role << " " << e.method << " " << e.path << " -> " << r.status << " " << r.body);
      if (allowed) {
        CHECK(r.status != 403);
        CHECK(r.status != 401);
      } else {
        CHECK((r.status == 403 || r.status == 404));
        CHECK(r.json()["error"]["code"].is_string());
      }
    }
    auto anonymous = http(port, e.method, e.path, e.body);
    CHECK_MESSAGE(anonymous.status == 401, e.method << " " << e.path);
  }
}

TEST_CASE("admins grant roles, never away from the last admin, and each change is audited") {
  EngineProcess engine;
  auto port = engine.port();
  auto admin = admin_token(engine, "root@example.com");
  auto coach = candidate_token(port, "coach@example.com", "Casey Coach");
  grant(port, admin, coach, "coach");
  CHECK(http(port, "GET", "/api/me", "", coach).json()["user"]["role"] == "coach");

  auto users = http(port, "GET", "/api/admin/users?role=coach", "", admin);
  REQUIRE(users.status == 200);
  CHECK(users.json()["total"] == 1);
  CHECK(users.json()["users"][0]["name"] == "Casey Coach");
  CHECK(users.json()["users"][0].contains("password_hash") == false);
  CHECK(http(port, "GET", "/api/admin/users?q=casey", "", admin).json()["total"] == 1);
  CHECK(http(port, "GET", "/api/admin/users?role=wizard", "", admin).status == 400);

  auto self = std::to_string(user_id(port, admin));
  auto refused = http(port, "PUT", "/api/admin/users/" + self + "/role", R"({"role":"coach"})", admin);
  CHECK(refused.status == 409);
  CHECK(http(port, "PUT", "/api/admin/users/999999/role", R"({"role":"coach"})", admin).status == 404);
  CHECK(http(port, "PUT", "/api/admin/users/" + self + "/role", R"({"role":"god"})", admin).status == 400);

  auto log = http(port, "GET", "/api/admin/audit?action=user.", "", admin);
  REQUIRE(log.status == 200);
  REQUIRE(log.json()["entries"].size() == 1);
  json entry = log.json()["entries"][0];
  CHECK(entry["actor"]["email"] == "root@example.com");
  CHECK(entry["action"] == "user.role");
  CHECK(entry["detail"]["from"] == "candidate");
  CHECK(entry["detail"]["to"] == "coach");
  CHECK(entry["at"].get<int64_t>() > 1'700'000'000'000);
}

TEST_CASE("coach and operator changes are audited with who, what and when") {
  EngineProcess engine;
  auto port = engine.port();
  auto admin = admin_token(engine, "root@example.com");
  auto coach = candidate_token(port, "coach@example.com");
  auto op = candidate_token(port, "op@example.com");
  grant(port, admin, coach, "coach");
  grant(port, admin, op, "operator");
  REQUIRE(http(port, "PUT", "/api/admin/formats/behavioral/prompts/persona", R"({"template":"Calm, {{role}}."})", coach).status == 200);
  REQUIRE(http(port, "DELETE", "/api/admin/formats/behavioral/prompts/persona", "", coach).status == 200);
  REQUIRE(http(port, "PUT", "/api/admin/plugins/scorer", R"({"use":"scoring_rubric","config":{}})", op).status == 200);
  auto log = http(port, "GET", "/api/admin/audit", "", admin).json()["entries"];
  std::vector<std::string> actions;
  for (const auto& e : log) actions.push_back(e["action"].get<std::string>() + " by " + e["actor"]["role"].get<std::string>());
  CHECK(std::find(actions.begin(), actions.end(), "prompt.set by coach") != actions.end());
  CHECK(std::find(actions.begin(), actions.end(), "prompt.delete by coach") != actions.end());
  CHECK(std::find(actions.begin(), actions.end(), "plugin.activate by operator") != actions.end());
  auto coach_only = http(port, "GET", "/api/admin/audit?actor=" + std::to_string(user_id(port, coach)), "", admin);
  CHECK(coach_only.json()["entries"].size() == 2);
  CHECK(http(port, "GET", "/api/admin/audit?limit=0", "", admin).status == 400);
}

TEST_CASE("a candidate's session is private until they share it, and again once they stop") {
  EngineProcess engine;
  auto port = engine.port();
  auto admin = admin_token(engine, "root@example.com");
  auto ada = candidate_token(port, "ada@example.com", "Ada");
  auto bob = candidate_token(port, "bob@example.com", "Bob");
  auto created = http(port, "POST", "/api/interviews", R"({"format":"behavioral","questionCount":5})", ada);
  REQUIRE_MESSAGE(created.status == 201, created.body);
  std::string id = created.json()["id"];

  CHECK(http(port, "GET", "/api/admin/sessions/" + id, "", admin).status == 404);
  CHECK(http(port, "GET", "/api/admin/sessions/shared", "", admin).json()["sessions"].empty());
  CHECK(http(port, "POST", "/api/interviews/" + id + "/share", "", bob).status == 404);
  CHECK(http(port, "GET", "/api/interviews/" + id, "", bob).status == 404);

  auto shared = http(port, "POST", "/api/interviews/" + id + "/share", "", ada);
  REQUIRE_MESSAGE(shared.status == 200, shared.body);
  CHECK(shared.json()["shared"] == true);
  auto seen = http(port, "GET", "/api/admin/sessions/" + id, "", admin);
  REQUIRE_MESSAGE(seen.status == 200, seen.body);
  CHECK(seen.json()["candidate"]["name"] == "Ada");
  CHECK(seen.json()["interview"]["transcript"].is_array());
  CHECK(http(port, "GET", "/api/admin/sessions/shared", "", admin).json()["sessions"].size() == 1);

  REQUIRE(http(port, "DELETE", "/api/interviews/" + id + "/share", "", ada).json()["shared"] == false);
  CHECK(http(port, "GET", "/api/admin/sessions/" + id, "", admin).status == 404);
  CHECK(http(port, "GET", "/api/interviews/" + id + "/share", "", ada).json()["shared"] == false);
}
