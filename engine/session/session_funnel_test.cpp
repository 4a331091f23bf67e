// Funnel events from real sessions: session_start with the first question, and
// session_complete exactly once whichever path makes the report.
#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <unistd.h>

#include "analytics/funnel.h"
#include "session/test_engine.h"

using namespace mockroom;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kAnswer =
    "I led the move of our billing jobs to a queue. I split the work into batches and added "
    "retries, and as a result the nightly run fell from five hours to forty minutes.";

struct FunnelEngine : testing::TestEngine {
  explicit FunnelEngine(std::size_t queued_reports = session::ManagerOptions{}.max_queued_reports)
      : TestEngine({.queued_reports = queued_reports}) {}

  json start() {
    auto s = manager->create(user, "behavioral", {{"questionCount", 5}});
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().message));
    return *s;
  }
  void answer_all(const json& started) {
    json q = started["currentQuestion"];
    for (int turns = 0; !q.is_null(); ++turns) {
      REQUIRE(turns < 40);
      auto r = manager->answer(user.id, started["id"], q["id"], kAnswer);
      REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
      q = (*r)["nextQuestion"];
    }
  }
  std::vector<store::FunnelEvent> events(const std::string& id) {
    auto e = store->list_funnel_events(id);
    REQUIRE(e.ok());
    return *e;
  }
  std::size_t count(const std::string& id, std::string_view type) {
    std::size_t n = 0;
    for (const auto& e : events(id)) n += e.type == type;
    return n;
  }
};

}  // namespace

TEST_CASE("model_version names the active LLM provider and its version") {
  plugin::Registry none;
  CHECK(analytics::model_version(none) == "none");
  FunnelEngine e;
  CHECK(analytics::model_version(e.plugins) == "llm_rules@1.0.0");
}

TEST_CASE("session_start is recorded once the first question is asked") {
  FunnelEngine e;
  json s = e.start();
  std::string id = s["id"];
  auto events = e.events(id);
  REQUIRE(events.size() == 1);
  CHECK(events[0].type == analytics::kSessionStart);
  CHECK(events[0].user_id == e.user.id);
  CHECK(events[0].session_id == id);
  CHECK(events[0].model_version == "llm_rules@1.0.0");
  CHECK(events[0].session_duration_seconds >= 0);
  CHECK(events[0].session_duration_seconds < 60);
  // Later questions start nothing again.
  json q = s["currentQuestion"];
  REQUIRE(e.manager->answer(e.user.id, id, q["id"], kAnswer).ok());
  CHECK(e.count(id, analytics::kSessionStart) == 1);
  CHECK(e.count(id, analytics::kSessionComplete) == 0);
}

TEST_CASE("session_complete is recorded once when the background scorer delivers the report") {
  FunnelEngine e;
  json s = e.start();
  std::string id = s["id"];
  e.answer_all(s);
  e.manager->drain_reports();
  REQUIRE(e.count(id, analytics::kSessionComplete) == 1);
  // Reading the report (which is made already) and reading it again record nothing more.
  REQUIRE(e.manager->report(e.user.id, id).ok());
  REQUIRE(e.manager->report(e.user.id, id).ok());
  CHECK(e.count(id, analytics::kSessionComplete) == 1);
  CHECK(e.count(id, analytics::kSessionStart) == 1);

  const auto events = e.events(id);
  const auto& start = events.front();
  const auto& complete = events.back();
  CHECK(complete.type == analytics::kSessionComplete);
  CHECK(complete.model_version == "llm_rules@1.0.0");
  // Every clock reading is one tick: the interview took several seconds, and the
  // duration runs from creation to completion, so it exceeds the start's.
  CHECK(complete.session_duration_seconds > start.session_duration_seconds);
  CHECK(complete.session_duration_seconds > 5);
  // Exactly from creation to the "completed" status, not to when the report came.
  auto record = e.store->find_session(id);
  auto log = e.store->load_events(id);
  REQUIRE(record.ok());
  REQUIRE(log.ok());
  int64_t completed_at = 0;
  for (const auto& ev : *log) {
    if (ev.type == "status" && json::parse(ev.payload_json)["status"] == "completed") completed_at = ev.at_ms;
  }
  REQUIRE(completed_at > 0);
  CHECK(complete.session_duration_seconds == (completed_at - record->created_at) / 1000);
}

TEST_CASE("session_complete is recorded once when the report is made on first read") {
  FunnelEngine e(/*queued_reports=*/0);
  json s = e.start();
  std::string id = s["id"];
  e.answer_all(s);
  e.manager->drain_reports();
  CHECK(e.count(id, analytics::kSessionComplete) == 0);  // not delivered yet
  REQUIRE(e.manager->report(e.user.id, id).ok());
  CHECK(e.count(id, analytics::kSessionComplete) == 1);
  REQUIRE(e.manager->report(e.user.id, id).ok());
  CHECK(e.count(id, analytics::kSessionComplete) == 1);
}

TEST_CASE("an interview ended early starts but never completes") {
  FunnelEngine e;
  json s = e.start();
  std::string id = s["id"];
  REQUIRE(e.manager->answer(e.user.id, id, s["currentQuestion"]["id"], kAnswer).ok());
  REQUIRE(e.manager->end(e.user.id, id).ok());
  e.manager->drain_reports();
  REQUIRE(e.manager->report(e.user.id, id).ok());
  CHECK(e.count(id, analytics::kSessionStart) == 1);
  CHECK(e.count(id, analytics::kSessionComplete) == 0);
}
