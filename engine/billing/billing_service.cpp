#include "billing/billing_service.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "util/dates.h"

namespace mockroom::billing {

using nlohmann::json;

namespace {

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

Error payment_required(std::string message) { return {ErrorCode::kPaymentRequired, std::move(message)}; }

store::Tier staff_tier() {
  store::Tier t;
  t.id = "staff";
  t.name = "Staff";
  t.kind = "internal";
  t.features_json = R"({"report":"full","fullLibrary":true,"companyPractice":true,"growthTracking":true})";
  return t;
}

// Whether an interview of `meta` with `setup` is company practice: a company loop, or a
// target company style.
bool company_practice(const json& meta, const json& setup) {
  if (meta.value("kind", "") == "loop") return true;
  if (!setup.contains("company") || !setup["company"].is_string()) return false;
  const std::string& company = setup["company"].get_ref<const std::string&>();
  return !company.empty() && company != "none";
}

int minutes_of(const json& meta, const json& setup) {
  if (setup.contains("minutes") && setup["minutes"].is_number()) return setup["minutes"].get<int>();
  return meta.contains("minutes") && meta["minutes"].is_number() ? meta["minutes"].get<int>() : 0;
}

}  // namespace

int64_t week_start(int64_t ms) {
  int64_t day = ms >= 0 ? ms / kDayMs : (ms - kDayMs + 1) / kDayMs;
  int64_t monday = day - ((day + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
  return monday * kDayMs;
}

std::string next_week_label(int64_t week_start_ms) { return "Monday (" + dates::utc_date(week_start_ms + kWeekMs) + ")"; }

bool in_force(const store::Entitlement& e, int64_t now_ms) {
  return e.revoked_at == 0 && e.starts_at <= now_ms && (e.ends_at == 0 || now_ms < e.ends_at);
}

json entitlement_json(const store::Entitlement& e, int64_t now_ms) {
  auto optional_ms = [](int64_t v) { return v ? json(v) : json(nullptr); };
  return {{"id", e.id},
          {"tierId", e.tier_id},
          {"source", e.source},
          {"startsAt", e.starts_at},
          {"endsAt", optional_ms(e.ends_at)},
          {"creditsTotal", e.credits_total},
          {"creditsUsed", e.credits_used},
          {"revokedAt", optional_ms(e.revoked_at)},
          {"grantedBy", optional_ms(e.granted_by)},
          {"paymentRef", e.payment_ref.empty() ? json(nullptr) : json(e.payment_ref)},
          {"note", e.note},
          {"active", in_force(e, now_ms)}};
}

json basic_report(const json& report) {
  json out = json::object();
  for (const char* key : {"overallScore", "hireSignal", "summary", "nextStep", "scorer"}) {
    if (report.contains(key)) out[key] = report[key];
  }
  json categories = json::array();
  for (const auto& c : report.value("categories", json::array())) {
    json category = {{"name", c.value("name", "")}, {"assessed", c.value("assessed", false)},
                     {"score", c.value("score", json(nullptr))}};
    if (c.value("extra", false)) category["extra"] = true;  // shown, but not in the overall score
    categories.push_back(std::move(category));
  }
  out["categories"] = categories;
  out["basic"] = true;
  out["upgrade"] = "The full report (examples quoted from your answers, notes, strengths, improvements and a "
                   "practice plan) comes with Premium or a mock interview credit.";
  return out;
}

BillingService::BillingService(store::Store& store, config::BillingConfig config, std::function<int64_t()> now_ms)
    : store_(store), config_(std::move(config)), now_ms_(std::move(now_ms)) {}

void BillingService::check_config() const {
  auto tier = default_tier();
  if (!tier.ok()) spdlog::error("billing.defaultTier: {}", tier.error().message);
  else spdlog::info("billing: users without an entitlement are on {} ({})", tier->id, tier->name);
}

Result<store::Tier> BillingService::default_tier() const {
  auto tier = store_.billing().find_tier(config_.default_tier);
  if (!tier.ok()) {
    return internal("billing.defaultTier is '" + config_.default_tier + "', which names no tier; fix the config");
  }
  return tier;
}

Result<Plan> BillingService::plan(const store::User& user) const {
  if (user.role != store::Role::kCandidate) {
    store::Tier staff = staff_tier();
    return Plan{"staff", staff, features_of(staff), limits_of(staff), 0, 0};
  }
  const int64_t now = now_ms_();
  auto held = store_.billing().entitlements(user.id);
  if (!held.ok()) return held.error();
  std::optional<Plan> credits;
  for (const auto& e : *held) {
    if (!in_force(e, now)) continue;
    auto tier = store_.billing().find_tier(e.tier_id);
    if (!tier.ok()) continue;
    if (unlimited(*tier)) return Plan{tier->kind, *tier, features_of(*tier), limits_of(*tier), e.id, 0};
    if (tier->kind == "credits" && e.credits_used < e.credits_total && !credits) {
      credits = Plan{"credits", *tier, features_of(*tier), limits_of(*tier), e.id, e.credits_total - e.credits_used};
    }
  }
  if (credits) return *credits;
  auto tier = default_tier();
  if (!tier.ok()) return tier.error();
  return Plan{"default", *tier, features_of(*tier), limits_of(*tier), 0, 0};
}

Result<Reservation> BillingService::reserve_interview(const store::User& user, const json& meta, const json& setup) {
  auto p = plan(user);
  if (!p.ok()) return p.error();
  if (p->source == "staff") return Reservation{0, "staff"};
  const std::string who = p->tier.name + " plan";
  if (company_practice(meta, setup) && !p->features.company_practice) {
    return payment_required(who + ": company-style practice comes with Premium, the Weekend package or a mock "
                                  "interview credit");
  }
  if (p->limits.max_minutes && minutes_of(meta, setup) > *p->limits.max_minutes) {
    return payment_required(who + ": interviews up to " + std::to_string(*p->limits.max_minutes) +
                            " minutes; choose a shorter length or upgrade to Premium");
  }
  const int64_t now = now_ms_();
  store::UsageRequest request;
  request.usage = {0, user.id, "", "", 0, p->tier.id, now};
  if (p->source == "credits") {
    request.usage.kind = "credit";
    request.usage.entitlement_id = p->entitlement_id;
  } else if (unlimited(p->tier)) {
    request.usage.kind = p->source == "default" ? "unlimited" : p->tier.kind;
    request.usage.entitlement_id = p->entitlement_id;
  } else if (p->limits.interviews_per_week) {
    request.usage.kind = "free";
    request.free_limit = *p->limits.interviews_per_week;
    request.since_ms = week_start(now);
  } else {
    request.usage.kind = "unlimited";
  }
  auto id = store_.billing().reserve(request);
  if (!id.ok()) {
    if (id.error().code != ErrorCode::kConflict) return id.error();
    if (request.usage.kind == "free") {
      return payment_required(who + ": next interview available " + next_week_label(week_start(now)) +
                              ". Premium or a mock interview credit lets you practise now.");
    }
    return payment_required("your mock interview credits are used up; buy more or upgrade to Premium");
  }
  return Reservation{*id, request.usage.kind};
}

Result<Reservation> BillingService::reserve_package(const store::User& user) {
  auto p = plan(user);
  if (!p.ok()) return p.error();
  if (p->source == "staff" || p->tier.kind == "internal") return Reservation{0, "staff"};
  const int64_t now = now_ms_();
  auto held = store_.billing().entitlements(user.id);
  if (!held.ok()) return held.error();
  for (const auto& e : *held) {
    if (!in_force(e, now) || e.credits_used >= e.credits_total) continue;
    auto tier = store_.billing().find_tier(e.tier_id);
    if (!tier.ok() || tier->kind != "package") continue;
    store::UsageRequest request;
    request.usage = {0, user.id, "", "package", e.id, tier->id, now};
    auto id = store_.billing().reserve(request);
    if (id.ok()) return Reservation{*id, "package"};
    if (id.error().code != ErrorCode::kConflict) return id.error();
  }
  return payment_required("a weekend prep package comes with the Weekend package purchase");
}

void BillingService::confirm(const Reservation& r, const std::string& id) {
  if (r.usage_id == 0) return;
  if (auto st = store_.billing().attach_session(r.usage_id, id); !st.ok()) {
    spdlog::error("billing: cannot tie usage {} to {}: {}", r.usage_id, id, st.error().message);
  }
}

void BillingService::release(const Reservation& r) {
  if (r.usage_id == 0) return;
  if (auto st = store_.billing().release(r.usage_id); !st.ok()) {
    spdlog::error("billing: cannot release usage {}: {}", r.usage_id, st.error().message);
  }
}

Status BillingService::require(const store::User& user, bool Features::*feature, const std::string& what) const {
  auto p = plan(user);
  if (!p.ok()) return p.error();
  if (p->features.*feature) return {};
  return payment_required(p->tier.name + " plan: " + what + " comes with Premium");
}

Status BillingService::require_growth_tracking(const store::User& user) const {
  return require(user, &Features::growth_tracking, "growth tracking across interviews");
}

Status BillingService::require_full_library(const store::User& user) const {
  return require(user, &Features::full_library, "browsing the question library");
}

ReportLevel BillingService::report_level(const std::string& session_id) const {
  auto usage = store_.billing().usage_of_session(session_id);
  if (!usage.ok() || !*usage) return ReportLevel::kFull;  // staff, packages, sessions from before billing
  auto tier = store_.billing().find_tier((*usage)->tier_id);
  return tier.ok() ? features_of(*tier).report : ReportLevel::kFull;
}

store::Entitlement BillingService::paid_entitlement(int64_t user_id, const store::Tier& tier,
                                                    const std::string& payment_ref) const {
  const int64_t now = now_ms_();
  store::Entitlement e;
  e.user_id = user_id;
  e.tier_id = tier.id;
  e.source = "payment";
  e.starts_at = now;
  // A month is counted as 31 days: a renewal that comes a day late never leaves a gap.
  if (tier.period_months > 0) e.ends_at = now + tier.period_months * 31LL * kDayMs;
  else if (tier.valid_days > 0) e.ends_at = now + tier.valid_days * kDayMs;
  Limits l = limits_of(tier);
  e.credits_total = tier.kind == "package" ? l.packages : l.credits;
  e.payment_ref = payment_ref;
  e.created_at = now;
  return e;
}

Result<store::Entitlement> BillingService::grant(int64_t user_id, const json& body, const store::User& admin) {
  if (!body.is_object()) return invalid("the body must be a JSON object {tierId, days?, credits?, note?}");
  for (const auto& [key, value] : body.items()) {
    if (key != "tierId" && key != "days" && key != "credits" && key != "note") {
      return invalid("unknown field '" + key + "'; send {tierId, days?, credits?, note?}");
    }
  }
  if (!body.contains("tierId") || !body["tierId"].is_string()) return invalid("field 'tierId' must name a tier");
  auto user = store_.find_user(user_id);
  if (!user.ok()) return not_found("no user " + std::to_string(user_id));
  auto tier = store_.billing().find_tier(body["tierId"].get<std::string>());
  if (!tier.ok()) return invalid("no tier '" + body["tierId"].get<std::string>() + "'");
  if (!tier->active) return invalid("tier '" + tier->id + "' is not active");
  store::Entitlement e = paid_entitlement(user_id, *tier, "");
  e.source = "admin";
  e.granted_by = admin.id;
  if (body.contains("days")) {
    if (!body["days"].is_number_integer() || body["days"].get<int>() < 1 || body["days"].get<int>() > kMaxGrantDays) {
      return invalid("'days' must be a whole number from 1 to " + std::to_string(kMaxGrantDays));
    }
    e.ends_at = e.starts_at + body["days"].get<int64_t>() * kDayMs;
  }
  if (body.contains("credits")) {
    if (!body["credits"].is_number_integer() || body["credits"].get<int>() < 1 || body["credits"].get<int>() > kMaxTierCredits) {
      return invalid("'credits' must be a whole number from 1 to " + std::to_string(kMaxTierCredits));
    }
    e.credits_total = body["credits"].get<int>();
  }
  if (body.contains("note")) {
    if (!body["note"].is_string() || body["note"].get<std::string>().size() > 500) return invalid("'note' is text up to 500 characters");
    e.note = body["note"].get<std::string>();
  }
  return store_.billing().grant(e);
}

Status BillingService::revoke(int64_t entitlement_id) { return store_.billing().revoke(entitlement_id, now_ms_()); }

Result<json> BillingService::account(const store::User& user) const {
  auto p = plan(user);
  if (!p.ok()) return p.error();
  const int64_t now = now_ms_();
  auto held = store_.billing().entitlements(user.id);
  if (!held.ok()) return held.error();
  json entitlements = json::array();
  for (const auto& e : *held) entitlements.push_back(entitlement_json(e, now));
  json week = {{"start", week_start(now)}, {"nextStart", week_start(now) + kWeekMs}};
  if (p->limits.interviews_per_week) {
    week["limit"] = *p->limits.interviews_per_week;
    auto used = store_.billing().free_usage_since(user.id, week_start(now));
    if (!used.ok()) return used.error();
    week["used"] = *used;
  }
  return json{{"plan", {{"source", p->source}, {"tier", tier_json(p->tier)}, {"creditsLeft", p->credits_left}}},
              {"entitlements", entitlements},
              {"week", week}};
}

}  // namespace mockroom::billing
