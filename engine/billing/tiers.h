// Pricing tiers as data: what each tier allows (features) and limits, read from and
// written to the store's rows, and checked when an admin edits one. The seeded price list
// (store migration 11) is the product's: Free, Premium monthly/quarterly/yearly, the
// Weekend package, credit packs of 1 and 3 mocks, and "unlimited" (not for sale).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "store/billing_store.h"
#include "util/result.h"

namespace mockroom::billing {

enum class ReportLevel { kBasic, kFull };

struct Features {
  ReportLevel report = ReportLevel::kFull;
  bool full_library = true;      // browsing the whole question bank (GET /api/questions)
  bool company_practice = true;  // company-style formats and a target company
  bool growth_tracking = true;   // GET /api/progress
};

struct Limits {
  std::optional<int> interviews_per_week;  // free tier: 1
  std::optional<int> max_minutes;          // free tier: 45
  int credits = 0;                         // credit packs: interviews per purchase
  int packages = 0;                        // weekend package: prep packages per purchase
};

// Limits of what an admin may set.
inline constexpr int64_t kMaxPriceCents = 10'000'000;
inline constexpr int kMaxTierCredits = 1000;
inline constexpr std::size_t kMaxTierNameChars = 80;
inline constexpr std::size_t kMaxTierDescriptionChars = 1000;
inline constexpr std::size_t kMaxCheckoutUrlChars = 500;

Features features_of(const store::Tier& tier);
Limits limits_of(const store::Tier& tier);
// An unlimited tier: a subscription or an internal one (no weekly limit, no credits).
bool unlimited(const store::Tier& tier);

// {id, name, kind, description, priceCents, currency, periodMonths, pricePerMonthCents?,
//  validDays, limits, features, active, listed, sort, updatedBy, updatedAt}
nlohmann::json tier_json(const store::Tier& tier);

// An admin's edit of tier `id`: every field of tier_json but the computed ones, checked
// (kind, prices, periods, limits and features with their types and ranges; unknown keys
// refused). `current` is the tier as it is (null when new): fields left out keep its values.
Result<store::Tier> parse_tier(const std::string& id, const nlohmann::json& body, const store::Tier* current);

}  // namespace mockroom::billing
