#include "billing/payments.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <vector>

#include "util/crypto.h"

namespace mockroom::billing {

using nlohmann::json;

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A user id from metadata: a number or a string of digits.
int64_t user_id_of(const json& value) {
  if (value.is_number_integer()) return value.get<int64_t>();
  if (!value.is_string()) return 0;
  const std::string& s = value.get_ref<const std::string&>();
  int64_t id = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  return ec == std::errc() && end == s.data() + s.size() ? id : 0;
}

std::string text_of(const json& obj, const char* key) {
  return obj.is_object() && obj.contains(key) && obj[key].is_string() ? obj[key].get<std::string>() : "";
}

}  // namespace

std::string sign_payload(std::string_view payload, std::string_view secret, int64_t t) {
  std::string signed_text = std::to_string(t) + "." + std::string(payload);
  return "t=" + std::to_string(t) + ",v1=" + crypto::hmac_sha256_hex(secret, signed_text);
}

Status verify_signature(std::string_view header, std::string_view payload, std::string_view secret, int64_t now_s,
                        int tolerance_s) {
  if (header.empty()) return invalid("the Stripe-Signature header is missing");
  if (header.size() > kMaxSignatureHeaderBytes) return invalid("the Stripe-Signature header is too long");
  std::string_view timestamp;
  std::vector<std::string_view> signatures;
  while (!header.empty()) {
    std::size_t comma = header.find(',');
    std::string_view item = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
    if (key == "t") timestamp = value;
    else if (key == "v1") signatures.push_back(value);
  }
  int64_t t = 0;
  auto [end, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), t);
  if (timestamp.empty() || ec != std::errc() || end != timestamp.data() + timestamp.size()) {
    return invalid("the Stripe-Signature header has no timestamp (t=...)");
  }
  if (signatures.empty()) return invalid("the Stripe-Signature header has no v1 signature");
  if (t < now_s - tolerance_s || t > now_s + tolerance_s) {
    return invalid("the event's signature timestamp is outside the " + std::to_string(tolerance_s) +
                   " s tolerance (a replayed or delayed event)");
  }
  std::string expected = crypto::hmac_sha256_hex(secret, std::string(timestamp) + "." + std::string(payload));
  for (std::string_view s : signatures) {
    if (crypto::constant_time_equal(s, expected)) return {};
  }
  return invalid("no signature in the Stripe-Signature header matches the payload");
}

Payments::Payments(store::Store& store, BillingService& billing, std::function<int64_t()> now_ms)
    : store_(store), billing_(billing), now_ms_(std::move(now_ms)) {}

Result<json> Payments::handle(std::string_view signature_header, std::string_view payload) {
  const auto& config = billing_.config();
  if (config.webhook_secret.empty()) return unavailable("payments are not configured (billing.webhookSecret)");
  const int64_t now = now_ms_();
  if (auto st = verify_signature(signature_header, payload, config.webhook_secret, now / 1000,
                                 config.webhook_tolerance_seconds);
      !st.ok()) {
    spdlog::warn("payment webhook refused: {}", st.error().message);
    return st.error();
  }
  json event = json::parse(payload, nullptr, false);
  if (!event.is_object()) return invalid("the event is not a JSON object");
  std::string id = text_of(event, "id"), type = text_of(event, "type");
  if (id.empty() || id.size() > kMaxEventIdBytes) return invalid("the event has no id");
  if (type.empty()) return invalid("the event has no type");
  const json object = event.contains("data") && event["data"].is_object() ? event["data"].value("object", json::object())
                                                                           : json::object();
  const json metadata = object.is_object() ? object.value("metadata", json::object()) : json::object();

  std::optional<store::Entitlement> grant;
  std::string revoke_ref;
  json outcome = {{"action", "ignored"}};
  if (type == "checkout.session.completed" || type == "invoice.paid") {
    if (text_of(object, "payment_status") == "unpaid") {
      outcome["reason"] = "not paid yet";
    } else {
      int64_t user_id = user_id_of(metadata.value("userId", json(nullptr)));
      if (!user_id && object.is_object()) user_id = user_id_of(object.value("client_reference_id", json(nullptr)));
      std::string tier_id = text_of(metadata, "tierId");
      std::string payment_ref = text_of(object, "id");
      if (!user_id || tier_id.empty() || payment_ref.empty()) {
        return invalid("a " + type + " event needs data.object.id and metadata {userId, tierId}");
      }
      if (!store_.find_user(user_id).ok()) return invalid("the event names user " + std::to_string(user_id) + ", who does not exist");
      auto tier = store_.billing().find_tier(tier_id);
      if (!tier.ok()) return invalid("the event names tier '" + tier_id + "', which does not exist");
      grant = billing_.paid_entitlement(user_id, *tier, payment_ref);
      outcome = {{"action", "granted"}, {"userId", user_id}, {"tierId", tier_id}, {"paymentRef", payment_ref}};
    }
  } else if (type == "charge.refunded") {
    revoke_ref = text_of(metadata, "paymentRef");
    if (revoke_ref.empty()) return invalid("a charge.refunded event needs metadata.paymentRef");
    outcome = {{"action", "revoked"}, {"paymentRef", revoke_ref}};
  }
  auto applied = store_.billing().apply_payment({id, type, now, outcome.dump()}, grant, revoke_ref);
  if (!applied.ok()) return applied.error();
  json out = {{"received", true}, {"id", id}, {"duplicate", applied->duplicate}, {"action", outcome["action"]}};
  if (applied->duplicate) {
    out["action"] = "none";
    return out;
  }
  if (applied->granted) {
    out["entitlementId"] = applied->granted->id;
    spdlog::info("payment {}: granted {} to user {}", id, applied->granted->tier_id, applied->granted->user_id);
  }
  if (!revoke_ref.empty()) out["revoked"] = applied->revoked;
  return out;
}

}  // namespace mockroom::billing
