// BillingService: what a user's entitlements let them do, enforced where it matters. An
// interview start reserves what it draws on (a credit, the free interview of the week) or is
// refused with kPaymentRequired and a reason a candidate can act on ("Free plan: next
// interview available Monday"); features (the full report, company practice, growth
// tracking, the question library) follow the user's plan. Admins grant and revoke
// entitlements; payments grant them too (billing/payments.h).
//
// The plan of a user, best first: staff roles (coach, operator, admin) are never limited;
// then an active subscription or internal tier; then a credit pack with credits left; then
// the configured default tier (billing.defaultTier, "free" unless a deployment says
// otherwise). Weeks start on Monday 00:00 UTC.
//
// Thread-safe (stateless over the store; reservations are atomic there).
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "billing/tiers.h"
#include "config/config.h"
#include "store/billing_store.h"
#include "store/store.h"

namespace mockroom::billing {

inline constexpr int64_t kWeekMs = 7LL * 24 * 60 * 60 * 1000;
inline constexpr int kMaxGrantDays = 3660;

// What a user may do now.
struct Plan {
  std::string source;      // staff | subscription | internal | credits | default
  store::Tier tier;        // the tier that grants it
  Features features;
  Limits limits;
  int64_t entitlement_id = 0;  // the credit pack a start would draw on
  int credits_left = 0;
};

// What one start drew on; confirm() it with the session, or release() it if none started.
struct Reservation {
  int64_t usage_id = 0;  // 0: nothing was drawn (staff, unlimited)
  std::string kind;      // free | credit | package | subscription | unlimited | staff
};

// Monday 00:00 UTC of the week holding `ms`.
int64_t week_start(int64_t ms);

class BillingService {
 public:
  BillingService(store::Store& store, config::BillingConfig config, std::function<int64_t()> now_ms);

  // Logs an error when billing.defaultTier names no tier (every candidate start then fails
  // with a 500 until it is fixed).
  void check_config() const;
  const config::BillingConfig& config() const { return config_; }

  Result<Plan> plan(const store::User& user) const;

  // Before an interview of `format_meta` starts with `setup` (resolved): checks the plan's
  // limits (minutes, company practice, the week's quota) and reserves what it uses.
  Result<Reservation> reserve_interview(const store::User& user, const nlohmann::json& format_meta,
                                        const nlohmann::json& setup);
  // Before a prep package is made: a weekend package entitlement with a use left.
  Result<Reservation> reserve_package(const store::User& user);
  void confirm(const Reservation& reservation, const std::string& session_or_package_id);
  void release(const Reservation& reservation);

  // kPaymentRequired naming the plan that includes it, when `user`'s plan lacks it.
  Status require_growth_tracking(const store::User& user) const;
  Status require_full_library(const store::User& user) const;
  // How much of session `id`'s report its candidate sees: basic for a free interview.
  ReportLevel report_level(const std::string& session_id) const;

  // Admins: grant `tier_id` to `user_id` ({tierId, days?, credits?, note?}) and revoke.
  Result<store::Entitlement> grant(int64_t user_id, const nlohmann::json& body, const store::User& admin);
  Status revoke(int64_t entitlement_id);
  // A grant as a payment makes it: the tier's period (or validDays) from now, its credits.
  store::Entitlement paid_entitlement(int64_t user_id, const store::Tier& tier, const std::string& payment_ref) const;

  // {plan: {source, tier, features, limits, creditsLeft}, entitlements: [...],
  //  week: {start, used, limit, nextAvailableAt}}: what the candidate's account page shows.
  Result<nlohmann::json> account(const store::User& user) const;

 private:
  Result<store::Tier> default_tier() const;
  Status require(const store::User& user, bool Features::*feature, const std::string& what) const;

  store::Store& store_;
  config::BillingConfig config_;
  std::function<int64_t()> now_ms_;
};

// {id, tierId, source, startsAt, endsAt, creditsTotal, creditsUsed, revokedAt, grantedBy,
//  paymentRef, note, active}
nlohmann::json entitlement_json(const store::Entitlement& e, int64_t now_ms);
// Whether `e` is in force at `now_ms` (not revoked, started, not ended).
bool in_force(const store::Entitlement& e, int64_t now_ms);
// "Monday (2026-12-07)": the day a week starting at `week_start_ms` is followed by.
std::string next_week_label(int64_t week_start_ms);
// A report with only what a basic plan shows: scores, hire signal, summary and next step.
nlohmann::json basic_report(const nlohmann::json& report);

}  // namespace mockroom::billing
