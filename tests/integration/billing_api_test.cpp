// Pricing over HTTP: the free plan's weekly interview (402 with the reason), entitlements
// granted and revoked by admins, the basic report, and the signed payment webhook.
#include <doctest/doctest.h>

#include <ctime>

#include "accounts.h"
#include "billing/payments.h"
#include "harness.h"

using namespace mockroom::testing;
using nlohmann::json;

namespace {

const std::string kSecret = "whsec_integration_test_only";

// An engine whose candidates start on the free tier, with a webhook secret.
EngineConfig free_tier() {
  return {{{"billing", {{"defaultTier", "free"}, {"webhookSecret", kSecret}, {"webhookToleranceSeconds", 300}}}}};
}

HttpResult start(uint16_t port, const std::string& token, json setup = {{"format", "behavioral"}, {"questionCount", 5}}) {
  return http(port, "POST", "/api/interviews", setup.dump(), token);
}

HttpResult webhook(uint16_t port, const std::string& payload, const std::string& signature) {
  return http(port, "POST", "/api/billing/webhook", payload, "", {{"Stripe-Signature", signature}});
}

std::string paid_event(const std::string& id, int64_t user, const std::string& tier) {
  return json{{"id", id}, {"type", "checkout.session.completed"},
              {"data", {{"object", {{"id", "cs_" + id}, {"payment_status", "paid"}, {"amount_total", 1500},
                                    {"metadata", {{"userId", std::to_string(user)}, {"tierId", tier}}}}}}}}.dump();
}

}  // namespace

TEST_CASE("the free plan gives one interview a week and refuses the next with 402 and the day") {
  EngineProcess engine(free_tier());
  auto port = engine.port();
  auto ada = candidate_token(port, "ada@example.com");
  auto first = start(port, ada);
  REQUIRE_MESSAGE(first.status == 201, first.body);
  auto second = start(port, ada);
  CHECK(second.status == 402);
  CHECK(second.json()["error"]["code"] == "payment_required");
  CHECK(second.json()["error"]["message"].get<std::string>().rfind("Free plan: next interview available Monday", 0) == 0);
  auto loop = start(port, candidate_token(port, "bob@example.com"), {{"format", "amazon_style"}});
  CHECK(loop.status == 402);
  CHECK(http(port, "GET", "/api/progress", "", ada).status == 402);
  auto account = http(port, "GET", "/api/me/entitlements", "", ada);
  REQUIRE(account.status == 200);
  CHECK(account.json()["plan"]["tier"]["id"] == "free");
}

TEST_CASE("an admin grants Premium and the candidate practises without limit until it is revoked") {
  EngineProcess engine(free_tier());
  auto port = engine.port();
  auto admin = admin_token(engine, "root@example.com");
  auto ada = candidate_token(port, "ada@example.com");
  auto ada_id = std::to_string(user_id(port, ada));
  auto granted = http(port, "POST", "/api/admin/users/" + ada_id + "/entitlements", R"({"tierId":"premium_monthly"})", admin);
  REQUIRE_MESSAGE(granted.status == 201, granted.body);
  for (int i = 0; i < 3; ++i) CHECK(start(port, ada).status == 201);
  CHECK(http(port, "GET", "/api/progress", "", ada).status == 200);
  auto revoked = http(port, "DELETE", "/api/admin/entitlements/" + std::to_string(granted.json()["id"].get<int64_t>()), "", admin);
  REQUIRE(revoked.status == 200);
  CHECK(revoked.json()["active"] == false);
  CHECK(start(port, ada).status == 201);  // the free one of the week
  CHECK(start(port, ada).status == 402);
  auto log = http(port, "GET", "/api/admin/audit?action=entitlement.", "", admin).json()["entries"];
  CHECK(log.size() == 2);
  CHECK(http(port, "POST", "/api/admin/users/" + ada_id + "/entitlements", R"({"tierId":"gold"})", admin).status == 400);
  CHECK(http(port, "POST", "/api/admin/users/" + ada_id + "/entitlements", R"({"tierId":"premium_monthly"})", ada).status == 403);
}

TEST_CASE("admins edit tiers as data; the public price list shows what is for sale") {
  EngineProcess engine(free_tier());
  auto port = engine.port();
  auto admin = admin_token(engine, "root@example.com");
  auto list = http(port, "GET", "/api/billing/tiers").json()["tiers"];
  std::vector<std::string> ids;
  for (const auto& t : list) ids.push_back(t["id"]);
  CHECK(ids == std::vector<std::string>{"free", "premium_monthly", "premium_quarterly", "premium_yearly", "weekend",
                                        "credit_1", "credit_3"});
  CHECK(list[2]["pricePerMonthCents"] == 3000);
  CHECK(list[3]["pricePerMonthCents"] == 2400);
  auto edited = http(port, "PUT", "/api/admin/tiers/free", R"({"limits":{"interviewsPerWeek":2,"maxMinutes":45}})", admin);
  REQUIRE_MESSAGE(edited.status == 200, edited.body);
  auto ada = candidate_token(port, "ada@example.com");
  CHECK(start(port, ada).status == 201);
  CHECK(start(port, ada).status == 201);
  CHECK(start(port, ada).status == 402);
  CHECK(http(port, "PUT", "/api/admin/tiers/free", R"({"priceCents":500})", admin).status == 400);
  // A checkout link is shown on the public price list, so a candidate can buy the tier.
  auto linked = http(port, "PUT", "/api/admin/tiers/premium_monthly", R"({"checkoutUrl":"https://pay.example.com/premium"})", admin);
  REQUIRE_MESSAGE(linked.status == 200, linked.body);
  CHECK(http(port, "GET", "/api/billing/tiers").json()["tiers"][1]["checkoutUrl"] == "https://pay.example.com/premium");
  CHECK(http(port, "PUT", "/api/admin/tiers/premium_monthly", R"j({"checkoutUrl":"javascript:alert(1)"})j", admin).status == 400);
  CHECK(http(port, "PUT", "/api/admin/tiers/free", R"({"limits":{"interviewsPerWeek":2}})", ada).status == 403);
}

TEST_CASE("a free interview's report is basic; an interview on a credit gets the full report") {
  EngineProcess engine(free_tier());
  auto port = engine.port();
  auto ada = candidate_token(port, "ada@example.com");
  auto created = start(port, ada);
  REQUIRE(created.status == 201);
  std::string id = created.json()["id"];
  REQUIRE(http(port, "POST", "/api/interviews/" + id + "/end", "", ada).status == 200);
  auto report = http(port, "GET", "/api/interviews/" + id + "/report", "", ada);
  REQUIRE_MESSAGE(report.status == 200, report.body);
  CHECK(report.json()["basic"] == true);
  CHECK_FALSE(report.json().contains("notes"));
  CHECK(http(port, "GET", "/api/interviews/" + id + "/report/export?format=markdown", "", ada).status == 402);
}

TEST_CASE("a signed payment grants its tier once; bad, altered and replayed events are refused") {
  EngineProcess engine(free_tier());
  auto port = engine.port();
  auto ada = candidate_token(port, "ada@example.com");
  int64_t ada_id = user_id(port, ada);
  REQUIRE(start(port, ada).status == 201);
  REQUIRE(start(port, ada).status == 402);

  std::string event = paid_event("evt_1", ada_id, "credit_1");
  int64_t now = static_cast<int64_t>(std::time(nullptr));
  std::string signature = mockroom::billing::sign_payload(event, kSecret, now);
  auto paid = webhook(port, event, signature);
  REQUIRE_MESSAGE(paid.status == 200, paid.body);
  CHECK(paid.json()["action"] == "granted");
  auto replay = webhook(port, event, signature);
  REQUIRE(replay.status == 200);
  CHECK(replay.json()["duplicate"] == true);

  CHECK(webhook(port, event, mockroom::billing::sign_payload(event, "not the secret", now)).status == 400);
  CHECK(webhook(port, paid_event("evt_2", ada_id, "premium_yearly"), signature).status == 400);  // signature of another body
  CHECK(webhook(port, event, "").status == 400);
  std::string old = paid_event("evt_3", ada_id, "premium_yearly");
  CHECK(webhook(port, old, mockroom::billing::sign_payload(old, kSecret, now - 3600)).status == 400);

  CHECK(start(port, ada).status == 201);  // the one credit paid for
  CHECK(start(port, ada).status == 402);
  auto account = http(port, "GET", "/api/me/entitlements", "", ada).json();
  CHECK(account["entitlements"].size() == 1);
  CHECK(account["entitlements"][0]["paymentRef"] == "cs_evt_1");
}

TEST_CASE("the webhook answers 503 until a secret is configured") {
  EngineProcess engine;
  std::string event = paid_event("evt_1", 1, "credit_1");
  auto r = webhook(engine.port(), event, mockroom::billing::sign_payload(event, kSecret, std::time(nullptr)));
  CHECK(r.status == 503);
}
