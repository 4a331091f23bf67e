#include <doctest/doctest.h>

#include "billing/tiers.h"

using namespace mockroom;
using nlohmann::json;

TEST_CASE("an admin's tier edit is checked field by field") {
  json premium = {{"name", "Premium"}, {"kind", "subscription"}, {"priceCents", 4000}, {"periodMonths", 1},
                  {"features", {{"report", "full"}, {"growthTracking", true}}}};
  auto ok = billing::parse_tier("premium_test", premium, nullptr);
  REQUIRE_MESSAGE(ok.ok(), ok.error().message);
  CHECK(billing::features_of(*ok).growth_tracking);
  CHECK(billing::tier_json(*ok)["pricePerMonthCents"] == 4000);

  auto refused = [&](json body) { return !billing::parse_tier("t", body, nullptr).ok(); };
  CHECK(refused({{"name", "X"}, {"kind", "subscription"}}));                        // no period
  CHECK(refused({{"name", "X"}, {"kind", "credits"}, {"limits", {{"credits", 0}}}}));  // no credits
  CHECK(refused({{"name", "X"}, {"kind", "gift"}}));
  CHECK(refused({{"name", "X"}, {"kind", "free"}, {"priceCents", 100}}));
  CHECK(refused({{"name", "X"}, {"kind", "internal"}, {"features", {{"report", "fancy"}}}}));
  CHECK(refused({{"name", "X"}, {"kind", "internal"}, {"limits", {{"perDay", 1}}}}));
  CHECK(refused({{"name", "X"}, {"kind", "internal"}, {"colour", "red"}}));
  CHECK(refused({{"name", "X"}, {"kind", "internal"}, {"priceCents", -1}}));
  CHECK_FALSE(billing::parse_tier("Bad Id", premium, nullptr).ok());
}

TEST_CASE("a checkout link is an https address, and an empty one takes it away") {
  json base = {{"name", "Premium"}, {"kind", "subscription"}, {"priceCents", 4000}, {"periodMonths", 1}};
  auto with = [&](json url) {
    json body = base;
    body["checkoutUrl"] = std::move(url);
    return billing::parse_tier("premium_test", body, nullptr);
  };
  auto sold = with("https://buy.stripe.com/test_abc123");
  REQUIRE_MESSAGE(sold.ok(), sold.error().message);
  CHECK(billing::tier_json(*sold)["checkoutUrl"] == "https://buy.stripe.com/test_abc123");
  for (const char* bad : {"http://pay.example.com/x", "javascript:alert(1)", "https://pay.example.com/a b",
                          "https://pay.example.com/\"onclick=\"x", "pay.example.com"}) {
    CHECK_MESSAGE(!with(bad).ok(), bad);
  }
  CHECK_FALSE(with(std::string(600, 'a')).ok());
  CHECK_FALSE(with(42).ok());
  auto cleared = billing::parse_tier("premium_test", {{"checkoutUrl", ""}}, &*sold);
  REQUIRE(cleared.ok());
  CHECK(billing::tier_json(*cleared)["checkoutUrl"].is_null());
}

TEST_CASE("fields left out of an edit keep the tier's values") {
  store::Tier current;
  current.id = "free";
  current.name = "Free";
  current.kind = "free";
  current.limits_json = R"({"interviewsPerWeek":1,"maxMinutes":45})";
  auto edited = billing::parse_tier("free", {{"limits", {{"interviewsPerWeek", 2}, {"maxMinutes", 45}}}}, &current);
  REQUIRE(edited.ok());
  CHECK(edited->name == "Free");
  CHECK(billing::limits_of(*edited).interviews_per_week == 2);
}
