// Session tests over the real store, catalog and plugins: a whole interview, replay
// after the engine loses its memory, and the rules every format must obey.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>

#include "plugin/registry.h"
#include "script/catalog.h"
#include "session/session_manager.h"
#include "store/store.h"

using namespace mockroom;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kStarAnswer =
    "In my last role our checkout service kept timing out during peak sales. I owned the "
    "investigation: I profiled the payment calls, found a retry storm against the fraud "
    "service, and added a circuit breaker with a cached fallback. As a result p99 latency "
    "dropped from 4 seconds to 600 milliseconds and failed checkouts fell by 35 percent.";

struct Engine {
  fs::path dir;
  std::unique_ptr<store::Store> store;
  plugin::Registry plugins;
  script::Catalog catalog;
  std::atomic<int64_t> clock{1'700'000'000'000};
  std::unique_ptr<session::Environment> env;
  std::unique_ptr<session::SessionManager> manager;
  store::User user;

  Engine() {
    dir = fs::temp_directory_path() / ("mockroom-session-test-" + std::to_string(::getpid()) + "-" +
                                       std::to_string(reinterpret_cast<uintptr_t>(this)));
    fs::remove_all(dir);
    fs::create_directories(dir);
    store = store::open_sqlite_store((dir / "mockroom.db").string());
    plugins.discover(MOCKROOM_PLUGIN_DIR);
    REQUIRE(plugins.activate(MR_KIND_LLM, "llm_rules", "{}").ok());
    REQUIRE(plugins.activate(MR_KIND_SCORER, "scoring_rubric", "{}").ok());
    catalog.load(std::string(MOCKROOM_SOURCE_DIR) + "/interviews", *store);
    restart();
    auto u = store->create_user("ada@example.com", "Ada", "x", store::Role::kCandidate);
    REQUIRE(u.ok());
    user = *u;
  }
  ~Engine() {
    manager.reset();
    fs::remove_all(dir);
  }
  // Forgets every live session, as a crashed and restarted engine would.
  void restart() {
    manager.reset();
    env = std::make_unique<session::Environment>(session::Environment{
        *store, plugins, catalog, script::Limits{}, [this] { return clock += 1000; }});
    manager = std::make_unique<session::SessionManager>(*env, session::ManagerOptions{});
  }
};

json create(Engine& e, json setup = {{"questionCount", 5}}) {
  auto r = e.manager->create(e.user, "behavioral", setup);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  return *r;
}

}  // namespace

TEST_CASE("a behavioral interview runs from the first question to a scored report") {
  Engine e;
  json s = create(e);
  std::string id = s["id"];
  json q = s["currentQuestion"];
  CHECK(q["number"] == 1);
  CHECK(q["totalQuestions"] == 5);
  int followups_in_a_row = 0, last_number = 1, turns = 0;
  while (!q.is_null()) {
    REQUIRE(++turns < 40);
    auto r = e.manager->answer(e.user.id, id, q["id"], kStarAnswer);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    q = (*r)["nextQuestion"];
    if (q.is_null()) {
      CHECK((*r)["status"] == "completed");
      break;
    }
    if (q["isFollowUp"] == true) {
      CHECK(q["number"] == last_number);
      CHECK(++followups_in_a_row <= 2);
    } else {
      CHECK(q["number"] == last_number + 1);
      followups_in_a_row = 0;
      last_number = q["number"];
    }
  }
  CHECK(last_number == 5);
  auto report = e.manager->report(e.user.id, id);
  REQUIRE(report.ok());
  CHECK((*report)["overallScore"].is_number());
  CHECK((*report)["categories"].size() == 4);
}

TEST_CASE("a session resumes at the same question after the engine forgets it") {
  Engine e;
  json s = create(e);
  std::string id = s["id"];
  json q = s["currentQuestion"];
  for (int i = 0; i < 3; ++i) {
    auto r = e.manager->answer(e.user.id, id, q["id"], kStarAnswer + " (turn " + std::to_string(i) + ")");
    REQUIRE(r.ok());
    q = (*r)["nextQuestion"];
  }
  auto before = e.manager->view(e.user.id, id);
  REQUIRE(before.ok());
  e.restart();
  auto after = e.manager->view(e.user.id, id);
  REQUIRE(after.ok());
  CHECK((*after)["currentQuestion"] == q);
  CHECK((*after)["transcript"] == (*before)["transcript"]);
  // The rebuilt session takes the answer and goes on.
  auto r = e.manager->answer(e.user.id, id, q["id"], kStarAnswer);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  CHECK((*r)["status"] == "in_progress");
}

TEST_CASE("pause blocks answers until resume, which works after a restart") {
  Engine e;
  json s = create(e);
  std::string id = s["id"];
  REQUIRE(e.manager->pause(e.user.id, id).ok());
  auto refused = e.manager->answer(e.user.id, id, s["currentQuestion"]["id"], "x");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == ErrorCode::kConflict);
  e.restart();
  auto resumed = e.manager->resume(e.user.id, id);
  REQUIRE(resumed.ok());
  CHECK((*resumed)["currentQuestion"] == s["currentQuestion"]);
  CHECK(e.manager->answer(e.user.id, id, s["currentQuestion"]["id"], kStarAnswer).ok());
}

TEST_CASE("ending early produces a report of what was answered and stops answers") {
  Engine e;
  json s = create(e);
  std::string id = s["id"];
  REQUIRE(e.manager->answer(e.user.id, id, s["currentQuestion"]["id"], kStarAnswer).ok());
  auto ended = e.manager->end(e.user.id, id);
  REQUIRE(ended.ok());
  CHECK((*ended)["status"] == "ended");
  auto report = e.manager->report(e.user.id, id);
  REQUIRE(report.ok());
  CHECK((*report)["overallScore"].is_number());
  CHECK_FALSE(e.manager->answer(e.user.id, id, "q2", "late").ok());
}

TEST_CASE("a wrong questionId is refused and the open question stays open") {
  Engine e;
  json s = create(e);
  auto r = e.manager->answer(e.user.id, s["id"], "q99", kStarAnswer);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("q99") != std::string::npos);
  auto view = e.manager->view(e.user.id, s["id"]);
  CHECK((*view)["currentQuestion"] == s["currentQuestion"]);
}

TEST_CASE("another user's session is not found") {
  Engine e;
  json s = create(e);
  auto other = e.store->create_user("eve@example.com", "Eve", "x", store::Role::kCandidate);
  REQUIRE(other.ok());
  auto r = e.manager->view(other->id, s["id"]);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kNotFound);
  CHECK(e.manager->answer(other->id, s["id"], s["currentQuestion"]["id"], "x").error().code ==
        ErrorCode::kNotFound);
}

TEST_CASE("an unknown setup option or out-of-range question count is refused") {
  Engine e;
  CHECK_FALSE(e.manager->create(e.user, "behavioral", {{"questionCount", 20}}).ok());
  CHECK_FALSE(e.manager->create(e.user, "behavioral", {{"industry", "mining"}}).ok());
  CHECK(e.manager->create(e.user, "nope", json::object()).error().code == ErrorCode::kNotFound);
}
