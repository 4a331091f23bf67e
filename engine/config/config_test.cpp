// The config file's worker default: turns that wait on a networked provider get more
// workers unless the operator set the number.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "config/config.h"

using namespace mockroom;
using nlohmann::json;

TEST_CASE("a networked LLM or scorer raises the worker default, never the operator's choice") {
  auto offline = config::parse(json::object());
  REQUIRE(offline.ok());
  const int default_workers = offline->worker_threads;
  CHECK(default_workers < config::kNetworkedWorkerThreads);

  auto llm = config::parse(json::parse(R"({"plugins": {"llm": {"use": "llm_openai", "config": {}}}})"));
  REQUIRE(llm.ok());
  CHECK(llm->worker_threads == config::kNetworkedWorkerThreads);
  auto judge = config::parse(json::parse(R"({"plugins": {"scorer": {"use": "scoring_llm"}}})"));
  REQUIRE(judge.ok());
  CHECK(judge->worker_threads == config::kNetworkedWorkerThreads);
  auto rules = config::parse(json::parse(R"({"plugins": {"llm": {"use": "llm_rules"}}})"));
  REQUIRE(rules.ok());
  CHECK(rules->worker_threads == default_workers);
  auto chosen = config::parse(
      json::parse(R"({"server": {"workerThreads": 24}, "plugins": {"llm": {"use": "llm_openai"}}})"));
  REQUIRE(chosen.ok());
  CHECK(chosen->worker_threads == 24);
}
