// The operators' providers page over HTTP: every plugin with its health, choosing a provider
// without a restart, secrets that never come back, and who may do it.
#include <doctest/doctest.h>

#include "accounts.h"
#include "harness.h"

using namespace mockroom::testing;
using nlohmann::json;

namespace {

const std::string kKey = "sk-live-do-not-show-4242";

json plugin_named(const json& list, const std::string& name) {
  for (const auto& p : list["plugins"]) {
    if (p["name"] == name) return p;
  }
  FAIL("no plugin " << name << " in " << list.dump());
  return nullptr;
}

json provider_of(const json& list, const std::string& kind) {
  for (const auto& p : list["providers"]) {
    if (p["kind"] == kind) return p;
  }
  return nullptr;
}

// llm_openai pointed at a port where nothing listens: every call fails at once.
json unreachable_llm() {
  return {{"use", "llm_openai"},
          {"config", {{"baseUrl", "http://127.0.0.1:1/v1"}, {"apiKey", kKey}, {"model", "gpt-test"},
                      {"maxRetries", 0}, {"timeoutSeconds", 2}}}};
}

}  // namespace

TEST_CASE("the plugins page lists every loaded plugin with its health and each kind's provider") {
  EngineProcess engine;
  auto admin = admin_token(engine, "root@example.com");
  auto page = http(engine.port(), "GET", "/api/admin/plugins", "", admin);
  REQUIRE_MESSAGE(page.status == 200, page.body);
  json rules = plugin_named(page.json(), "llm_rules");
  CHECK(rules["kind"] == "llm");
  CHECK(rules["active"] == true);
  CHECK(rules["version"].is_string());
  CHECK(rules["description"].is_string());
  CHECK(rules["health"] == "idle");
  CHECK(rules["recent"]["latencyMs"].contains("p95"));
  CHECK(plugin_named(page.json(), "llm_openai")["health"] == "inactive");
  CHECK(plugin_named(page.json(), "scoring_rubric")["active"] == true);
  CHECK(provider_of(page.json(), "llm")["use"] == "llm_rules");
  CHECK(provider_of(page.json(), "llm")["origin"] == "config");
}

TEST_CASE("candidates cannot see or change providers") {
  EngineProcess engine;
  auto candidate = candidate_token(engine.port(), "cand@example.com");
  CHECK(http(engine.port(), "GET", "/api/admin/plugins", "", candidate).status == 403);
  CHECK(http(engine.port(), "PUT", "/api/admin/plugins/llm", unreachable_llm().dump(), candidate).status == 403);
  CHECK(http(engine.port(), "GET", "/api/admin/plugins").status == 401);
  auto admin = admin_token(engine, "root@example.com");
  CHECK(http(engine.port(), "DELETE", "/api/admin/plugins/llm", "", admin).status == 405);
  CHECK(http(engine.port(), "PUT", "/api/admin/plugins/telepathy", unreachable_llm().dump(), admin).status == 404);
}

TEST_CASE("an operator swaps the LLM at run time; its failures fall back and show, its key never does") {
  EngineProcess engine;
  auto admin = admin_token(engine, "root@example.com");
  auto chosen = http(engine.port(), "PUT", "/api/admin/plugins/llm", unreachable_llm().dump(), admin);
  REQUIRE_MESSAGE(chosen.status == 200, chosen.body);
  CHECK(chosen.body.find(kKey) == std::string::npos);
  CHECK(chosen.json()["use"] == "llm_openai");
  CHECK(chosen.json()["secretsSet"] == json::array({"/apiKey"}));
  CHECK(chosen.json()["config"]["model"] == "gpt-test");

  // A new interview talks to the new provider, fails, and goes on with the offline one.
  auto candidate = candidate_token(engine.port(), "cand@example.com");
  auto created = http(engine.port(), "POST", "/api/interviews", R"({"format":"behavioral","questionCount":5})", candidate);
  REQUIRE_MESSAGE(created.status == 201, created.body);
  std::string id = created.json()["id"];
  json question = created.json()["currentQuestion"];
  for (int i = 0; i < 2; ++i) {
    auto turn = http(engine.port(), "POST", "/api/interviews/" + id + "/answer",
                     json{{"questionId", question["id"]},
                          {"answer", "I moved our billing jobs to a queue and cut the nightly run from five hours "
                                     "to forty minutes, which stopped the pages to the on-call team."}}.dump(),
                     candidate);
    REQUIRE_MESSAGE(turn.status == 200, turn.body);
    question = turn.json()["nextQuestion"];
  }
  auto page = http(engine.port(), "GET", "/api/admin/plugins", "", admin);
  REQUIRE(page.status == 200);
  CHECK(page.body.find(kKey) == std::string::npos);
  json openai = plugin_named(page.json(), "llm_openai");
  CHECK(openai["active"] == true);
  CHECK(openai["failures"].get<int>() >= 2);
  CHECK(openai["fallbacks"].get<int>() >= 2);
  CHECK(openai["recent"]["errorRate"] == 1.0);
  CHECK(openai["health"] == "failing");
  CHECK(openai["recent"]["lastError"].is_string());
  CHECK(plugin_named(page.json(), "llm_rules")["fallback"] == true);

  // Kept over a restart, and the key was never logged.
  engine.restart();
  admin = login_token(engine.port(), "root@example.com");
  page = http(engine.port(), "GET", "/api/admin/plugins", "", admin);
  CHECK(provider_of(page.json(), "llm")["use"] == "llm_openai");
  CHECK(provider_of(page.json(), "llm")["origin"] == "operator");
  CHECK(provider_of(page.json(), "llm")["secretsSet"] == json::array({"/apiKey"}));
  CHECK(engine.output().find(kKey) == std::string::npos);
}

TEST_CASE("a config the plugin refuses is a clear 400 and the provider in use stays") {
  EngineProcess engine;
  auto admin = admin_token(engine, "root@example.com");
  auto refused = http(engine.port(), "PUT", "/api/admin/plugins/llm",
                      R"({"use":"llm_openai","config":{"model":"m"}})", admin);
  CHECK(refused.status == 400);
  CHECK(refused.json()["error"]["message"].get<std::string>().find("baseUrl") != std::string::npos);
  CHECK(http(engine.port(), "PUT", "/api/admin/plugins/llm", R"({"use":"scoring_rubric"})", admin).status == 400);
  CHECK(http(engine.port(), "PUT", "/api/admin/plugins/llm", R"({"use":"llm_rules","config":[]})", admin).status == 400);
  CHECK(http(engine.port(), "PUT", "/api/admin/plugins/llm", "not json", admin).status == 400);
  auto page = http(engine.port(), "GET", "/api/admin/plugins", "", admin);
  CHECK(plugin_named(page.json(), "llm_rules")["active"] == true);
}
