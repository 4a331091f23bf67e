// Plans, quotas and grants over a real store: what a start draws on and when it is refused.
#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

#include "billing/billing_service.h"
#include "billing/payments.h"

using namespace mockroom;
using nlohmann::json;

namespace {

// Wednesday 2026-12-02 10:00 UTC.
constexpr int64_t kWednesday = 1'796'205'600'000;
const json kBehavioral = {{"id", "behavioral"}, {"kind", "behavioral"}, {"minutes", 30}};
const json kSetup = {{"minutes", 30}, {"company", "none"}};

struct Fixture {
  std::filesystem::path dir;
  std::unique_ptr<store::Store> store;
  int64_t now = kWednesday;
  config::BillingConfig config;
  std::unique_ptr<billing::BillingService> billing;
  store::User ada, admin;

  Fixture() {
    dir = std::filesystem::temp_directory_path() / ("mockroom-billing-test-" + std::to_string(::getpid()) + "-" +
                                                    std::to_string(reinterpret_cast<uintptr_t>(this)));
    std::filesystem::create_directories(dir);
    store = store::open_sqlite_store((dir / "m.db").string());
    config.webhook_secret = "whsec_fixture";
    billing = std::make_unique<billing::BillingService>(*store, config, [this] { return now; });
    ada = *store->create_user("ada@example.com", "Ada", "x", store::Role::kCandidate);
    admin = *store->create_user("root@example.com", "Root", "x", store::Role::kAdmin);
  }
  ~Fixture() {
    billing.reset();
    store.reset();
    std::filesystem::remove_all(dir);
  }
  Result<billing::Reservation> start(const json& meta = kBehavioral, const json& setup = kSetup) {
    auto r = billing->reserve_interview(ada, meta, setup);
    if (r.ok()) billing->confirm(*r, "s-" + std::to_string(now));
    return r;
  }
};

}  // namespace

TEST_CASE("weeks start on Monday 00:00 UTC") {
  CHECK(billing::week_start(kWednesday) == 1'795'996'800'000);  // Monday 2026-11-30
  CHECK(billing::week_start(1'795'996'800'000) == 1'795'996'800'000);
  CHECK(billing::next_week_label(1'795'996'800'000) == "Monday (2026-12-07)");
}

TEST_CASE("the free plan allows one interview a week and says when the next one is") {
  Fixture f;
  auto first = f.start();
  REQUIRE_MESSAGE(first.ok(), first.error().message);
  CHECK(first->kind == "free");
  auto second = f.start();
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().code == ErrorCode::kPaymentRequired);
  CHECK(second.error().message.find("Free plan: next interview available Monday (2026-12-07)") == 0);
  f.now += 5 * 24 * 3600 * 1000LL;  // the next Monday
  CHECK(f.start().ok());
}

TEST_CASE("the account counts the free interviews used this week") {
  Fixture f;
  auto before = f.billing->account(f.ada);
  REQUIRE(before.ok());
  CHECK((*before)["week"]["limit"] == 1);
  CHECK((*before)["week"]["used"] == 0);
  REQUIRE(f.start().ok());
  CHECK((*f.billing->account(f.ada))["week"]["used"] == 1);
  f.now += 5 * 24 * 3600 * 1000LL;  // the next Monday: a new week
  CHECK((*f.billing->account(f.ada))["week"]["used"] == 0);
}

TEST_CASE("a start that never became an interview gives its allowance back") {
  Fixture f;
  auto r = f.billing->reserve_interview(f.ada, kBehavioral, kSetup);
  REQUIRE(r.ok());
  f.billing->release(*r);
  CHECK(f.start().ok());
}

TEST_CASE("the free plan refuses company practice and interviews longer than 45 minutes") {
  Fixture f;
  auto loop = f.start({{"id", "amazon_style"}, {"kind", "loop"}, {"minutes", 60}}, {{"company", "amazon-style"}});
  REQUIRE_FALSE(loop.ok());
  CHECK(loop.error().message.find("company-style practice") != std::string::npos);
  auto long_one = f.start(kBehavioral, {{"minutes", 60}});
  REQUIRE_FALSE(long_one.ok());
  CHECK(long_one.error().message.find("45 minutes") != std::string::npos);
  CHECK(f.start().ok());  // neither refusal used the week's interview
}

TEST_CASE("credits are drawn one per interview before the free allowance") {
  Fixture f;
  auto pack = f.billing->grant(f.ada.id, {{"tierId", "credit_3"}}, f.admin);
  REQUIRE_MESSAGE(pack.ok(), pack.error().message);
  CHECK(pack->credits_total == 3);
  for (int i = 0; i < 3; ++i) {
    auto r = f.start({{"id", "amazon_style"}, {"kind", "loop"}, {"minutes", 60}}, {{"minutes", 60}});
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r->kind == "credit");
  }
  CHECK(f.start()->kind == "free");
  CHECK_FALSE(f.start().ok());
  CHECK(f.store->billing().find_entitlement(pack->id)->credits_used == 3);
}

TEST_CASE("a subscription is unlimited until it is revoked") {
  Fixture f;
  auto premium = f.billing->grant(f.ada.id, {{"tierId", "premium_monthly"}}, f.admin);
  REQUIRE(premium.ok());
  CHECK(premium->ends_at > f.now);
  for (int i = 0; i < 5; ++i) CHECK(f.start()->kind == "subscription");
  CHECK(f.billing->require_growth_tracking(f.ada).ok());
  REQUIRE(f.billing->revoke(premium->id).ok());
  CHECK(f.billing->require_growth_tracking(f.ada).error().code == ErrorCode::kPaymentRequired);
  CHECK(f.start()->kind == "free");
}

TEST_CASE("staff roles and the unlimited default tier are never limited") {
  Fixture f;
  for (int i = 0; i < 3; ++i) CHECK(f.billing->reserve_interview(f.admin, kBehavioral, {{"minutes", 60}})->kind == "staff");
  f.config.default_tier = "unlimited";
  billing::BillingService open(*f.store, f.config, [&] { return f.now; });
  for (int i = 0; i < 3; ++i) CHECK(open.reserve_interview(f.ada, kBehavioral, kSetup).ok());
}

TEST_CASE("a free interview's report is basic; a paid one's is full") {
  Fixture f;
  REQUIRE(f.start().ok());
  CHECK(f.billing->report_level("s-" + std::to_string(f.now)) == billing::ReportLevel::kBasic);
  CHECK(f.billing->report_level("never-billed") == billing::ReportLevel::kFull);
  json basic = billing::basic_report({{"overallScore", 70}, {"hireSignal", "Hire"}, {"notes", json::array({"x"})},
                                      {"categories", {{{"name", "Communication"}, {"assessed", true}, {"score", 72},
                                                       {"examples", json::array()}},
                                                      {{"name", "Confidence"}, {"assessed", true}, {"extra", true},
                                                       {"score", 64}}}}});
  CHECK(basic["overallScore"] == 70);
  CHECK_FALSE(basic.contains("notes"));
  CHECK_FALSE(basic["categories"][0].contains("examples"));
  CHECK_FALSE(basic["categories"][0].contains("extra"));
  CHECK(basic["categories"][1]["extra"] == true);  // still marked as outside the overall
}

TEST_CASE("a paid event grants its tier once; a replay grants nothing more") {
  Fixture f;
  billing::Payments payments(*f.store, *f.billing, [&] { return f.now; });
  std::string event = json{{"id", "evt_42"}, {"type", "checkout.session.completed"},
                           {"data", {{"object", {{"id", "cs_42"}, {"payment_status", "paid"},
                                                 {"metadata", {{"userId", std::to_string(f.ada.id)}, {"tierId", "credit_1"}}}}}}}}.dump();
  std::string signature = billing::sign_payload(event, f.config.webhook_secret, f.now / 1000);
  auto first = payments.handle(signature, event);
  REQUIRE_MESSAGE(first.ok(), first.error().message);
  CHECK((*first)["action"] == "granted");
  auto replay = payments.handle(signature, event);
  REQUIRE(replay.ok());
  CHECK((*replay)["duplicate"] == true);
  CHECK(f.store->billing().entitlements(f.ada.id)->size() == 1);
  CHECK_FALSE(payments.handle(signature, event + " ").ok());
}
