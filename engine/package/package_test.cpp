#include <doctest/doctest.h>

#include "package/package_service.h"
#include "package/window.h"
#include "tools/workbench.h"

namespace mockroom::package {
namespace {

using nlohmann::json;

// 2026-11-25 12:00:00 UTC, a Wednesday.
constexpr int64_t kWednesdayNoonUtc = 1795608000;
constexpr int64_t kHour = 3600, kDay = 24 * kHour;

}  // namespace

TEST_CASE("weekend window: Friday 18:00 to Sunday 23:59 in the candidate's zone") {
  auto w = weekend_window("UTC", kWednesdayNoonUtc);
  REQUIRE(w.ok());
  CHECK(local_time_label("UTC", w->starts_at) == "Fri 2026-11-27 18:00");
  CHECK(local_time_label("UTC", w->ends_at) == "Sun 2026-11-29 23:59");
  CHECK(w->ends_at - w->starts_at == 2 * kDay + 6 * kHour - 1);

  // Saturday: the current weekend, already open.
  auto sat = weekend_window("UTC", kWednesdayNoonUtc + 3 * kDay);
  REQUIRE(sat.ok());
  CHECK(sat->starts_at == w->starts_at);
  // Monday: the next weekend.
  auto mon = weekend_window("UTC", kWednesdayNoonUtc + 5 * kDay);
  REQUIRE(mon.ok());
  CHECK(mon->starts_at == w->starts_at + 7 * kDay);

  // The same instant in Tokyo is Wednesday 21:00; Friday 18:00 JST is 09:00 UTC.
  auto tokyo = weekend_window("Asia/Tokyo", kWednesdayNoonUtc);
  REQUIRE(tokyo.ok());
  CHECK(local_time_label("Asia/Tokyo", tokyo->starts_at) == "Fri 2026-11-27 18:00");
  CHECK(tokyo->starts_at == w->starts_at - 9 * kHour);
  // Sunday 20:00 in Los Angeles is already Monday in UTC, and still inside LA's window.
  auto la_sunday_evening = w->starts_at + 2 * kDay + 8 * kHour;  // Mon 02:00 UTC
  auto la = weekend_window("America/Los_Angeles", la_sunday_evening);
  REQUIRE(la.ok());
  CHECK(la->starts_at <= la_sunday_evening);
  CHECK(la_sunday_evening <= la->ends_at);
  CHECK_FALSE(weekend_window("Not/AZone", kWednesdayNoonUtc).ok());
}

TEST_CASE("weekend window follows daylight saving changes") {
  // Europe/Berlin leaves summer time on Sunday 2026-10-25: the window is an hour longer.
  int64_t thursday_oct_22 = 1792670400;  // 2026-10-22 12:00 UTC
  auto w = weekend_window("Europe/Berlin", thursday_oct_22);
  REQUIRE(w.ok());
  CHECK(local_time_label("Europe/Berlin", w->starts_at) == "Fri 2026-10-23 18:00");
  CHECK(local_time_label("Europe/Berlin", w->ends_at) == "Sun 2026-10-25 23:59");
  CHECK(w->ends_at - w->starts_at == 2 * kDay + 7 * kHour - 1);
}

TEST_CASE("a weekend package plans its sessions and opens only in its window") {
  tools::WorkbenchOptions o;
  o.interviews_dir = std::string(MOCKROOM_SOURCE_DIR) + "/interviews";
  o.plugin_dir = MOCKROOM_PLUGIN_DIR;
  auto wb = tools::Workbench::open(o);
  REQUIRE(wb.ok());
  int64_t now = kWednesdayNoonUtc;
  PackageService packages((*wb)->store(), (*wb)->sessions(), (*wb)->catalog(), [&] { return now; });
  const auto& user = (*wb)->candidate();

  auto mid = packages.create(user, {{"timezone", "UTC"}, {"roleLevel", "mid"}});
  REQUIRE_MESSAGE(mid.ok(), (mid.ok() ? "" : mid.error().message));
  CHECK((*mid)["plan"].size() == 5);  // baseline, 3 mocks, resume session
  auto senior = packages.create(user, {{"timezone", "UTC"}, {"roleLevel", "senior"}, {"company", "meta-style"}});
  REQUIRE(senior.ok());
  const json& plan = (*senior)["plan"];
  REQUIRE(plan.size() == 6);  // baseline, 4 mocks, resume session
  CHECK(plan[0]["key"] == "baseline");
  CHECK(plan[1]["format"] == "meta_style");
  CHECK(plan[5]["setup"]["ownQuestions"] == true);
  CHECK((*senior)["state"] == "upcoming");
  CHECK((*senior)["bankAccess"]["tag"] == "meta-style");
  CHECK(packages.has_bank_access(user.id, "meta-style"));
  CHECK_FALSE(packages.has_bank_access(user.id, "amazon-style"));

  std::string id = (*senior)["id"];
  auto early = packages.start_item(user, id, "baseline");
  REQUIRE_FALSE(early.ok());
  CHECK(early.error().message.find("opens Fri 2026-11-27 18:00") != std::string::npos);

  now += 3 * kDay;  // Saturday
  auto started = packages.start_item(user, id, "baseline");
  REQUIRE_MESSAGE(started.ok(), (started.ok() ? "" : started.error().message));
  CHECK_FALSE(packages.start_item(user, id, "baseline").ok());  // never two sessions for one item
  CHECK_FALSE(packages.start_item(user, id, "no-such-item").ok());
  CHECK_FALSE(packages.view(user.id + 1, id).ok());  // another candidate's package is not found

  // Finish the baseline: progress counts it; the summary waits for the plan or the window.
  std::string session = (*started)["id"];
  json q = (*started)["currentQuestion"];
  while (q.is_object()) {
    auto turn = (*wb)->sessions().answer(user.id, session, q["id"], "I led the migration and cut costs by 20 percent.");
    REQUIRE(turn.ok());
    q = (*turn)["nextQuestion"];
  }
  auto view = packages.view(user.id, id);
  REQUIRE(view.ok());
  CHECK((*view)["progress"]["completed"] == 1);
  CHECK((*view)["summary"].is_null());

  now += 2 * kDay;  // Monday: closed; the summary and practice plan are ready
  auto closed = packages.view(user.id, id);
  REQUIRE(closed.ok());
  CHECK((*closed)["state"] == "closed");
  const json& summary = (*closed)["summary"];
  CHECK(summary["sessionsScored"] == 1);
  CHECK(summary["practicePlan"].size() >= 2);
  CHECK(summary["weakest"].is_string());
  auto late = packages.start_item(user, id, "mock-coding");
  REQUIRE_FALSE(late.ok());
  CHECK(late.error().message.find("closed") != std::string::npos);

  CHECK_FALSE(packages.create(user, {{"timezone", "UTC"}, {"company", "acme"}}).ok());
  CHECK_FALSE(packages.create(user, {{"timezone", "UTC"}, {"colour", "blue"}}).ok());
  CHECK_FALSE(packages.create(user, json::object()).ok());
}

}  // namespace mockroom::package
