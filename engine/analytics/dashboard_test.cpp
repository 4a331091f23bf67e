// The dashboard's figures from funnel events and ratings in a real store.
#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

#include "analytics/dashboard.h"

using namespace mockroom;
using nlohmann::json;

namespace {

constexpr int64_t kDay = 24LL * 3600 * 1000;
constexpr int64_t kMonday = 1'795'996'800'000;  // 2026-11-30

struct Fixture {
  std::filesystem::path dir;
  std::unique_ptr<store::Store> store;
  Fixture() {
    dir = std::filesystem::temp_directory_path() / ("mockroom-dashboard-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    store = store::open_sqlite_store((dir / "m.db").string());
  }
  ~Fixture() {
    store.reset();
    std::filesystem::remove_all(dir);
  }
  // A session of `user` that started at `at` and, if `complete`, completed an hour later.
  void session(const std::string& id, int64_t user, int64_t at, bool complete, int helpfulness = 0) {
    store::SessionRecord rec{id, user, "behavioral", "v1", "{}", "completed", "null", "null", at, at};
    REQUIRE(store->create_session(rec, {{1, "created", "{}", at}}).ok());
    std::vector<store::FunnelEvent> steps = {{"session_start", user, id, "llm_rules@1.0.0", 0, at}};
    if (complete) steps.push_back({"session_complete", user, id, "llm_rules@1.0.0", 3600, at + 3600 * 1000});
    store::SessionUpdate update{"completed", "null", std::nullopt, {}, at, steps};
    REQUIRE(store->append_events(id, {{2, "status", "{}", at}}, update).ok());
    if (helpfulness) {
      REQUIRE(store->save_rating({id, user, "llm_rules@1.0.0", 4, 4, helpfulness, 4, "", at + 2 * 3600 * 1000}).ok());
    }
  }
};

}  // namespace

TEST_CASE("the dashboard counts completions, active users, helpfulness and D7 repeats per week") {
  Fixture f;
  auto ada = *f.store->create_user("ada@example.com", "Ada", "x", store::Role::kCandidate);
  auto bob = *f.store->create_user("bob@example.com", "Bob", "x", store::Role::kCandidate);
  f.session("s1", ada.id, kMonday + kDay, true, 4);
  f.session("s2", ada.id, kMonday + 3 * kDay, true);  // Ada comes back within 7 days
  f.session("s3", bob.id, kMonday + 2 * kDay, false, 2);
  f.session("s4", bob.id, kMonday + 10 * kDay, true);  // Bob, the week after, too late for D7

  int64_t now = kMonday + 30 * kDay;
  auto d = analytics::dashboard(*f.store, analytics::last_weeks(6, now), now);
  REQUIRE_MESSAGE(d.ok(), d.error().message);
  json week;
  for (const auto& w : (*d)["weeks"]) {
    if (w["week"] == kMonday) week = w;
  }
  REQUIRE(week.is_object());
  CHECK(week["sessionsStarted"] == 3);
  CHECK(week["sessionsCompleted"] == 2);
  CHECK(week["completionRate"] == doctest::Approx(66.7));
  CHECK(week["activeUsers"] == 2);
  CHECK(week["helpfulness"]["average"] == doctest::Approx(3.0));
  CHECK(week["d7"]["users"] == 2);
  CHECK(week["d7"]["repeated"] == 1);
  CHECK(week["d7"]["rate"] == doctest::Approx(50.0));
  CHECK(week["d7"]["complete"] == true);
  CHECK((*d)["summary"]["sessionsCompleted"] == 3);
  CHECK((*d)["summary"]["completionRate"] == doctest::Approx(75.0));
  REQUIRE((*d)["ratingsByModel"].size() == 1);
  CHECK((*d)["ratingsByModel"][0]["modelVersion"] == "llm_rules@1.0.0");
  CHECK((*d)["ratingsByModel"][0]["feedbackHelpfulness"] == doctest::Approx(3.0));

  std::string csv = analytics::weekly_csv(*d);
  CHECK(csv.rfind("week,sessions_started,sessions_completed,completion_rate_pct", 0) == 0);
  CHECK(csv.find("2026-11-30,3,2,66.70,2,3.00,2,2,1,50.00,yes") != std::string::npos);
}
