// The payment webhook's signature check (Stripe-style HMAC-SHA256 over "t.payload").
#include <doctest/doctest.h>

#include "billing/payments.h"

using namespace mockroom;

namespace {
const std::string kSecret = "whsec_test_only_not_a_real_secret";
const std::string kPayload = R"({"id":"evt_1","type":"checkout.session.completed"})";
constexpr int64_t kNow = 1'760'000'000;
}  // namespace

TEST_CASE("a payload signed with the shared secret inside the window is accepted") {
  std::string header = billing::sign_payload(kPayload, kSecret, kNow - 10);
  CHECK(header.rfind("t=1759999990,v1=", 0) == 0);
  CHECK(billing::verify_signature(header, kPayload, kSecret, kNow, 300).ok());
}

TEST_CASE("a wrong secret, an altered payload or a broken header is refused") {
  std::string header = billing::sign_payload(kPayload, kSecret, kNow);
  CHECK_FALSE(billing::verify_signature(header, kPayload, "another secret", kNow, 300).ok());
  CHECK_FALSE(billing::verify_signature(header, kPayload + " ", kSecret, kNow, 300).ok());
  CHECK_FALSE(billing::verify_signature("", kPayload, kSecret, kNow, 300).ok());
  CHECK_FALSE(billing::verify_signature("v1=abc", kPayload, kSecret, kNow, 300).ok());
  CHECK_FALSE(billing::verify_signature("t=abc,v1=def", kPayload, kSecret, kNow, 300).ok());
  auto no_v1 = billing::verify_signature("t=" + std::to_string(kNow), kPayload, kSecret, kNow, 300);
  REQUIRE_FALSE(no_v1.ok());
  CHECK(no_v1.error().message.find("v1") != std::string::npos);
}

TEST_CASE("a signature made outside the tolerance window is refused as a replay") {
  std::string old = billing::sign_payload(kPayload, kSecret, kNow - 301);
  auto refused = billing::verify_signature(old, kPayload, kSecret, kNow, 300);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("tolerance") != std::string::npos);
  CHECK_FALSE(billing::verify_signature(billing::sign_payload(kPayload, kSecret, kNow + 301), kPayload, kSecret, kNow, 300).ok());
}

TEST_CASE("any one of several v1 signatures may match while a secret rotates") {
  std::string good = billing::sign_payload(kPayload, kSecret, kNow);
  std::string v1 = good.substr(good.find("v1="));
  std::string header = "t=" + std::to_string(kNow) + ",v1=" + std::string(64, '0') + "," + v1;
  CHECK(billing::verify_signature(header, kPayload, kSecret, kNow, 300).ok());
}
