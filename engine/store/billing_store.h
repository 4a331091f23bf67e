// BillingStore: pricing tiers, the entitlements users hold, what each interview start drew
// on, and the payment events already handled. Reached through Store::billing();
// implementations are thread-safe. What must not be granted or spent twice (a credit, the
// free interview of the week, a replayed payment event) is checked and written in one
// transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/result.h"

namespace mockroom::store {

// A pricing tier, edited by admins (billing/tiers.h reads its limits and features).
struct Tier {
  std::string id;           // "premium_monthly"
  std::string name;         // "Premium (monthly)"
  std::string kind;         // free | subscription | package | credits | internal
  std::string description;
  int64_t price_cents = 0;
  std::string currency = "usd";
  int period_months = 0;    // subscriptions: billed every 1, 3 or 12 months
  int valid_days = 0;       // packages and credit packs: usable this long after purchase; 0 = no end
  std::string limits_json = "{}";    // {interviewsPerWeek?, maxMinutes?, credits?, packages?}
  std::string features_json = "{}";  // {report, fullLibrary, companyPractice, growthTracking}
  bool active = true;       // can be granted and bought
  bool listed = true;       // shown on the public price list
  int sort = 0;
  int64_t updated_by = 0;
  int64_t updated_at = 0;
  std::string checkout_url;  // where a candidate buys it (https), or empty: not sold online
};

// A tier held by a user for a time, from an admin, a payment or the system.
struct Entitlement {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string tier_id;
  std::string source;        // admin | payment
  int64_t starts_at = 0;     // unix ms
  int64_t ends_at = 0;       // unix ms; 0 = no end
  int credits_total = 0;     // credit packs and packages: uses granted
  int credits_used = 0;
  int64_t revoked_at = 0;    // 0 = not revoked
  int64_t granted_by = 0;    // the admin, 0 for a payment
  std::string payment_ref;   // the provider's checkout id, "" for none
  std::string note;
  int64_t created_at = 0;
};

// What one interview start (or prep package) drew on.
struct Usage {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string session_id;     // "" until the session exists; a package id for packages
  std::string kind;           // free | credit | package | subscription | unlimited | staff
  int64_t entitlement_id = 0; // 0 for free, staff and the default tier
  std::string tier_id;
  int64_t at_ms = 0;
};

// A reservation: recorded only if the rule of its kind allows it at that moment.
struct UsageRequest {
  Usage usage;
  // kind "free": at most this many free usages since `since_ms` (the week's start).
  int free_limit = 0;
  int64_t since_ms = 0;
  // kind "credit" and "package": one use of usage.entitlement_id, which must have one left.
};

// A payment provider's event, handled once.
struct PaymentEvent {
  std::string event_id;
  std::string type;
  int64_t received_at = 0;
  std::string outcome_json = "{}";  // what was done, for the audit of payments
};

struct PaymentOutcome {
  bool duplicate = false;                 // the event was handled before: nothing done now
  std::optional<Entitlement> granted;     // the entitlement created
  int revoked = 0;                        // entitlements revoked
};

class BillingStore {
 public:
  virtual ~BillingStore() = default;

  virtual Result<std::vector<Tier>> list_tiers() = 0;  // by sort, then id
  virtual Result<Tier> find_tier(const std::string& id) = 0;
  virtual Status save_tier(const Tier& tier) = 0;  // creates or replaces

  virtual Result<Entitlement> grant(const Entitlement& entitlement) = 0;  // returns it with its id
  virtual Status revoke(int64_t id, int64_t at_ms) = 0;  // 404 if none; a no-op if revoked already
  virtual Result<Entitlement> find_entitlement(int64_t id) = 0;
  virtual Result<std::vector<Entitlement>> entitlements(int64_t user_id) = 0;  // newest first

  // Records the usage if its rule allows (see UsageRequest); a conflict naming the rule
  // otherwise. Returns the usage's id.
  virtual Result<int64_t> reserve(const UsageRequest& request) = 0;
  virtual Status attach_session(int64_t usage_id, const std::string& session_id) = 0;
  // Undoes a reservation whose interview did not start (its credit comes back).
  virtual Status release(int64_t usage_id) = 0;
  virtual Result<std::optional<Usage>> usage_of_session(const std::string& session_id) = 0;
  // How many free-plan interviews the user started at or after `since_ms`.
  virtual Result<int> free_usage_since(int64_t user_id, int64_t since_ms) = 0;

  // Handles a payment event once, in one transaction: records it and, unless it was seen
  // before, grants `grant` and revokes the entitlements paid by `revoke_payment_ref`.
  virtual Result<PaymentOutcome> apply_payment(const PaymentEvent& event, const std::optional<Entitlement>& grant,
                                               const std::string& revoke_payment_ref) = 0;
};

}  // namespace mockroom::store
