#include <doctest/doctest.h>
#include <pthread.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "plugin/registry.h"

using namespace mockroom;

TEST_CASE("the bundled plugins load and report their kind") {
  plugin::Registry r;
  r.discover(MOCKROOM_PLUGIN_DIR);
  auto list = r.list();
  auto has = [&](const char* name, const char* kind) {
    return std::any_of(list.begin(), list.end(),
                       [&](const auto& p) { return p.name == name && p.kind == kind; });
  };
  CHECK(has("llm_rules", "llm"));
  CHECK(has("scoring_rubric", "scorer"));
}

TEST_CASE("a plugin built for another ABI major version is refused with a clear reason") {
  auto lib = plugin::load_library(MOCKROOM_TEST_PLUGIN_DIR "/wrong_abi.so");
  REQUIRE_FALSE(lib.ok());
  CHECK(lib.error().message.find("ABI 2.0") != std::string::npos);
  CHECK(lib.error().message.find("wrong_abi.so") != std::string::npos);
}

TEST_CASE("a missing library is an error naming the file") {
  auto lib = plugin::load_library("/nonexistent/plugin.so");
  REQUIRE_FALSE(lib.ok());
  CHECK(lib.error().message.find("/nonexistent/plugin.so") != std::string::npos);
}

TEST_CASE("activating a plugin for the wrong kind or an unknown name fails and keeps the old one") {
  plugin::Registry r;
  r.discover(MOCKROOM_PLUGIN_DIR);
  REQUIRE(r.activate(MR_KIND_LLM, "llm_rules", "{}").ok());
  CHECK_FALSE(r.activate(MR_KIND_LLM, "scoring_rubric", "{}").ok());
  CHECK_FALSE(r.activate(MR_KIND_LLM, "no_such_plugin", "{}").ok());
  REQUIRE(r.active(MR_KIND_LLM));
  CHECK(r.active(MR_KIND_LLM)->name() == "llm_rules");
}

TEST_CASE("a provider's failure comes back as an error with its message") {
  plugin::Registry r;
  REQUIRE(r.add_library(MOCKROOM_TEST_PLUGIN_DIR "/failing_llm.so").ok());
  REQUIRE(r.activate(MR_KIND_LLM, "failing_llm", "{}").ok());
  auto reply = r.llm_followup({{"answer", "x"}});
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.error().message.find("connection refused") != std::string::npos);
}

TEST_CASE("calls fail cleanly when no provider of the kind is active") {
  plugin::Registry r;
  auto reply = r.score_session(nlohmann::json::object());
  REQUIRE_FALSE(reply.ok());
  CHECK(reply.error().message.find("no scorer provider") != std::string::npos);
}

TEST_CASE("a failing LLM provider's turn is answered by the fallback, and counted") {
  plugin::Registry r;
  r.discover(MOCKROOM_PLUGIN_DIR);
  REQUIRE(r.add_library(MOCKROOM_TEST_PLUGIN_DIR "/failing_llm.so").ok());
  REQUIRE(r.activate(MR_KIND_LLM, "failing_llm", "{}").ok());
  REQUIRE(r.set_fallback(MR_KIND_LLM, "llm_rules", "{}").ok());
  nlohmann::json request = {{"answer", "I led the move to a queue and the nightly run fell to forty minutes."},
                            {"question", {{"text", "Tell me about a project you led."}}}};
  auto ack = r.llm_acknowledge(request);
  REQUIRE_MESSAGE(ack.ok(), (ack.ok() ? "" : ack.error().message));
  CHECK(ack->at("text").is_string());
  CHECK(ack->at("fallback")["from"] == "failing_llm");
  CHECK(ack->at("fallback")["to"] == "llm_rules");
  CHECK(ack->at("fallback")["error"].get<std::string>().find("connection refused") != std::string::npos);
  // A malformed request is not the provider's failure: no fallback.
  CHECK_FALSE(r.llm_followup({{"answer", 5}}).ok());
  for (const auto& p : r.list()) {
    if (p.name == "failing_llm") {
      CHECK(p.active);
      CHECK(p.calls == 2);
      CHECK(p.fallbacks == 1);
    }
    if (p.name == "llm_rules") CHECK(p.fallback);
  }
}

TEST_CASE("with a call pool, the active LLM streams from a pool thread and a failure still falls back") {
  plugin::Registry r;
  r.discover(MOCKROOM_PLUGIN_DIR);
  REQUIRE(r.add_library(MOCKROOM_TEST_PLUGIN_DIR "/streaming_llm.so").ok());
  REQUIRE(r.add_library(MOCKROOM_TEST_PLUGIN_DIR "/failing_llm.so").ok());
  r.set_call_pool(std::make_shared<util::CallPool>("test-provider", 2));
  REQUIRE(r.activate(MR_KIND_LLM, "streaming_llm", "{}").ok());
  nlohmann::json request = {{"answer", "We cut the queue wait in half."},
                            {"question", {{"text", "Tell me about a project you led."}}}};
  std::vector<std::string> chunk_threads;
  auto ack = r.llm_acknowledge(request, [&](std::string_view) {
    char name[16] = {};
    pthread_getname_np(pthread_self(), name, sizeof name);
    chunk_threads.emplace_back(name);
  });
  REQUIRE_MESSAGE(ack.ok(), (ack.ok() ? "" : ack.error().message));
  REQUIRE_FALSE(chunk_threads.empty());
  for (const auto& t : chunk_threads) CHECK(t == "test-provider");

  REQUIRE(r.activate(MR_KIND_LLM, "failing_llm", "{}").ok());
  REQUIRE(r.set_fallback(MR_KIND_LLM, "llm_rules", "{}").ok());
  auto fallback = r.llm_acknowledge(request);
  REQUIRE(fallback.ok());
  CHECK(fallback->at("fallback")["from"] == "failing_llm");
}
