// Test fixture: a whole engine below the API (SQLite store in a temporary folder, the real
// plugins and catalog, a session manager) with a fake clock that advances a fixed tick per
// reading. Shared by the session tests; header-only, test code only.
#pragma once

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>
#include <string>
#include <unistd.h>

#include "plugin/registry.h"
#include "script/catalog.h"
#include "script/prompt_overrides.h"
#include "session/session_manager.h"
#include "store/store.h"

namespace mockroom::testing {

struct TestEngineOptions {
  std::string interviews = std::string(MOCKROOM_SOURCE_DIR) + "/interviews";
  std::string llm = "llm_rules";
  std::string llm_fallback = "";  // empty: none
  std::string llm_config = "{}";
  std::string scorer = "scoring_rubric";
  std::string scorer_fallback = "";  // empty: none
  std::chrono::milliseconds thinking_again = session::kThinkingAgain;
  // 0 leaves no room for background scoring: reports are made when read.
  std::size_t queued_reports = session::ManagerOptions{}.max_queued_reports;
  int64_t tick_ms = 1000;  // the fake clock advances this much per reading
};

// The frames published to one session's subscribers, collected for assertions.
struct FrameLog {
  std::mutex mu;
  std::vector<nlohmann::json> frames;
  std::vector<nlohmann::json> snapshot() {
    std::lock_guard lock(mu);
    return frames;
  }
};

struct TestEngine {
  std::filesystem::path dir;
  std::unique_ptr<store::Store> store;
  plugin::Registry plugins;
  script::Catalog catalog;
  script::PromptOverrides prompts;
  std::atomic<int64_t> clock{1'700'000'000'000};
  std::unique_ptr<session::Environment> env;
  std::unique_ptr<session::SessionManager> manager;
  store::User user;
  TestEngineOptions options;

  explicit TestEngine(TestEngineOptions o = {}) : options(std::move(o)) {
    dir = std::filesystem::temp_directory_path() /
          ("mockroom-engine-test-" + std::to_string(::getpid()) + "-" +
           std::to_string(reinterpret_cast<uintptr_t>(this)));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    store = store::open_sqlite_store((dir / "mockroom.db").string());
    plugins.discover(MOCKROOM_PLUGIN_DIR);
    REQUIRE(plugins.add_library(MOCKROOM_TEST_PLUGIN_DIR "/failing_llm.so").ok());
    REQUIRE(plugins.add_library(MOCKROOM_TEST_PLUGIN_DIR "/streaming_llm.so").ok());
    REQUIRE(plugins.add_library(MOCKROOM_TEST_PLUGIN_DIR "/failing_scorer.so").ok());
    REQUIRE(plugins.activate(MR_KIND_LLM, options.llm, options.llm_config).ok());
    if (!options.llm_fallback.empty()) REQUIRE(plugins.set_fallback(MR_KIND_LLM, options.llm_fallback, "{}").ok());
    REQUIRE(plugins.activate(MR_KIND_SCORER, options.scorer, "{}").ok());
    if (!options.scorer_fallback.empty()) REQUIRE(plugins.set_fallback(MR_KIND_SCORER, options.scorer_fallback, "{}").ok());
    catalog.load(options.interviews, *store);
    prompts.load(options.interviews, *store, catalog);
    restart();
    auto u = store->create_user("ada@example.com", "Ada", "x", store::Role::kCandidate);
    REQUIRE(u.ok());
    user = *u;
  }
  ~TestEngine() {
    manager.reset();
    store.reset();
    std::filesystem::remove_all(dir);
  }
  // Subscribes `log` to session `id`'s frames; returns the subscription's token.
  auto collect_frames(const std::string& id, FrameLog& log) {
    auto sub = manager->subscribe(user.id, id, [&log](const std::vector<nlohmann::json>& fs) {
      std::lock_guard lock(log.mu);
      log.frames.insert(log.frames.end(), fs.begin(), fs.end());
    });
    REQUIRE(sub.ok());
    return *sub;
  }
  // Forgets every live session, as a crashed and restarted engine would.
  void restart() {
    manager.reset();
    env = std::make_unique<session::Environment>(session::Environment{
        *store, plugins, catalog, script::Limits{}, [this] { return clock += options.tick_ms; }, &prompts});
    session::ManagerOptions manager_options;
    manager_options.max_queued_reports = options.queued_reports;
    manager_options.thinking_again = options.thinking_again;
    manager = std::make_unique<session::SessionManager>(*env, manager_options);
  }
};

}  // namespace mockroom::testing
