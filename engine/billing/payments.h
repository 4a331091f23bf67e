// Payments: the payment provider's webhook. Events are signed Stripe-style: the header
//   Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
// (several v1 entries are allowed while a secret rotates). An event is believed only with a
// valid signature made within the tolerance window, and is acted on once: a replay of an
// event id already handled changes nothing and is answered as a duplicate.
//
// Events acted on (anything else is recorded and ignored):
//   checkout.session.completed, invoice.paid: data.object.metadata {userId, tierId} (or
//     client_reference_id for the user) grants the tier, paid by data.object.id;
//   charge.refunded: data.object.metadata.paymentRef revokes what that payment granted.
// Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "billing/billing_service.h"
#include "store/store.h"

namespace mockroom::billing {

inline constexpr std::size_t kMaxSignatureHeaderBytes = 1024;
inline constexpr std::size_t kMaxEventIdBytes = 255;

// Checks `header` against `payload` signed with `secret` at a time within `tolerance_s` of
// `now_s`. The error says what is wrong (missing, malformed, too old, no matching signature).
Status verify_signature(std::string_view header, std::string_view payload, std::string_view secret, int64_t now_s,
                        int tolerance_s);
// The header a sender makes for `payload` at `t` (fixtures and tests).
std::string sign_payload(std::string_view payload, std::string_view secret, int64_t t);

class Payments {
 public:
  Payments(store::Store& store, BillingService& billing, std::function<int64_t()> now_ms);

  // The webhook: 200 {received, duplicate, action, entitlementId?}; kUnavailable when no
  // secret is configured, kInvalidArgument for a bad signature or an event it cannot act on.
  Result<nlohmann::json> handle(std::string_view signature_header, std::string_view payload);

 private:
  store::Store& store_;
  BillingService& billing_;
  std::function<int64_t()> now_ms_;
};

}  // namespace mockroom::billing
