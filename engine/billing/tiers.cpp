#include "billing/tiers.h"

#include <regex>
#include <set>

namespace mockroom::billing {

using nlohmann::json;

namespace {

const std::set<std::string> kKinds = {"free", "subscription", "package", "credits", "internal"};
const std::regex kTierId("^[a-z0-9][a-z0-9_-]{0,39}$");
const std::regex kCurrency("^[a-z]{3}$");
// An https address with no spaces or quotes (it becomes a link in the client).
const std::regex kCheckoutUrl(R"(^https://[^\s"'<>]+$)");

json parsed(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  return j.is_object() ? j : json::object();
}

std::optional<int> optional_int(const json& obj, const char* key) {
  if (!obj.contains(key) || !obj[key].is_number_integer()) return std::nullopt;
  return obj[key].get<int>();
}

Status check_int(const json& body, const char* key, int64_t lo, int64_t hi) {
  if (!body.contains(key)) return {};
  if (!body[key].is_number_integer() || body[key].get<int64_t>() < lo || body[key].get<int64_t>() > hi) {
    return invalid(std::string("'") + key + "' must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  }
  return {};
}

Status check_text(const json& body, const char* key, std::size_t max_chars, bool required) {
  if (!body.contains(key)) return required ? invalid(std::string("missing field '") + key + "'") : Status{};
  if (!body[key].is_string()) return invalid(std::string("'") + key + "' must be text");
  const auto& text = body[key].get_ref<const std::string&>();
  if (required && text.find_first_not_of(" \t") == std::string::npos) return invalid(std::string("'") + key + "' is empty");
  if (text.size() > max_chars) return invalid(std::string("'") + key + "' is longer than " + std::to_string(max_chars) + " characters");
  return {};
}

// {interviewsPerWeek?, maxMinutes?, credits?, packages?}: whole numbers or null.
Result<json> parse_limits(const json& limits) {
  if (!limits.is_object()) return invalid("'limits' must be an object");
  json out = json::object();
  for (const auto& [key, value] : limits.items()) {
    int hi = key == "maxMinutes" ? 600 : key == "interviewsPerWeek" ? 100 : kMaxTierCredits;
    if (key != "interviewsPerWeek" && key != "maxMinutes" && key != "credits" && key != "packages") {
      return invalid("unknown limit 'limits." + key + "' (interviewsPerWeek, maxMinutes, credits, packages)");
    }
    if (value.is_null()) continue;
    if (!value.is_number_integer() || value.get<int>() < 0 || value.get<int>() > hi) {
      return invalid("'limits." + key + "' must be null or a whole number from 0 to " + std::to_string(hi));
    }
    out[key] = value;
  }
  return out;
}

// {report: basic|full, fullLibrary, companyPractice, growthTracking}.
Result<json> parse_features(const json& features) {
  if (!features.is_object()) return invalid("'features' must be an object");
  json out = {{"report", "full"}, {"fullLibrary", false}, {"companyPractice", false}, {"growthTracking", false}};
  for (const auto& [key, value] : features.items()) {
    if (key == "report") {
      if (value != "basic" && value != "full") return invalid("'features.report' must be \"basic\" or \"full\"");
    } else if (key == "fullLibrary" || key == "companyPractice" || key == "growthTracking") {
      if (!value.is_boolean()) return invalid("'features." + key + "' must be true or false");
    } else {
      return invalid("unknown feature 'features." + key + "' (report, fullLibrary, companyPractice, growthTracking)");
    }
    out[key] = value;
  }
  return out;
}

}  // namespace

Features features_of(const store::Tier& tier) {
  json f = parsed(tier.features_json);
  Features out;
  out.report = f.value("report", "full") == "basic" ? ReportLevel::kBasic : ReportLevel::kFull;
  out.full_library = f.value("fullLibrary", false);
  out.company_practice = f.value("companyPractice", false);
  out.growth_tracking = f.value("growthTracking", false);
  return out;
}

Limits limits_of(const store::Tier& tier) {
  json l = parsed(tier.limits_json);
  Limits out;
  out.interviews_per_week = optional_int(l, "interviewsPerWeek");
  out.max_minutes = optional_int(l, "maxMinutes");
  out.credits = optional_int(l, "credits").value_or(0);
  out.packages = optional_int(l, "packages").value_or(0);
  return out;
}

bool unlimited(const store::Tier& tier) { return tier.kind == "subscription" || tier.kind == "internal"; }

json tier_json(const store::Tier& t) {
  json out = {{"id", t.id},
              {"name", t.name},
              {"kind", t.kind},
              {"description", t.description},
              {"priceCents", t.price_cents},
              {"currency", t.currency},
              {"periodMonths", t.period_months},
              {"validDays", t.valid_days},
              {"limits", parsed(t.limits_json)},
              {"features", parsed(t.features_json)},
              {"active", t.active},
              {"listed", t.listed},
              {"sort", t.sort},
              {"updatedBy", t.updated_by ? json(t.updated_by) : json(nullptr)},
              {"updatedAt", t.updated_at ? json(t.updated_at) : json(nullptr)},
              {"checkoutUrl", t.checkout_url.empty() ? json(nullptr) : json(t.checkout_url)}};
  if (t.kind == "subscription" && t.period_months > 0) {
    out["pricePerMonthCents"] = (t.price_cents + t.period_months / 2) / t.period_months;
  }
  return out;
}

Result<store::Tier> parse_tier(const std::string& id, const json& body, const store::Tier* current) {
  if (!std::regex_match(id, kTierId)) return invalid("a tier id uses a-z, 0-9, '_' and '-' (at most 40 characters)");
  if (!body.is_object()) return invalid("the body must be a JSON object");
  static const std::set<std::string> kFields = {"name", "kind", "description", "priceCents", "currency", "periodMonths",
                                                "validDays", "limits", "features", "active", "listed", "sort",
                                                "checkoutUrl"};
  for (const auto& [key, value] : body.items()) {
    if (!kFields.count(key)) return invalid("unknown field '" + key + "'");
  }
  store::Tier t = current ? *current : store::Tier{};
  t.id = id;
  for (auto st : {check_text(body, "name", kMaxTierNameChars, !current),
                  check_text(body, "kind", 20, !current),
                  check_text(body, "description", kMaxTierDescriptionChars, false),
                  check_text(body, "currency", 3, false),
                  check_text(body, "checkoutUrl", kMaxCheckoutUrlChars, false),
                  check_int(body, "priceCents", 0, kMaxPriceCents),
                  check_int(body, "periodMonths", 0, 36),
                  check_int(body, "validDays", 0, 3660),
                  check_int(body, "sort", -1000, 1000)}) {
    if (!st.ok()) return st.error();
  }
  if (body.contains("name")) t.name = body["name"];
  if (body.contains("kind")) t.kind = body["kind"];
  if (!kKinds.count(t.kind)) return invalid("'kind' must be free, subscription, package, credits or internal");
  if (body.contains("description")) t.description = body["description"];
  if (body.contains("currency")) t.currency = body["currency"];
  if (!std::regex_match(t.currency, kCurrency)) return invalid("'currency' is a three-letter code in lower case, e.g. \"usd\"");
  if (body.contains("priceCents")) t.price_cents = body["priceCents"];
  if (body.contains("periodMonths")) t.period_months = body["periodMonths"];
  if (body.contains("validDays")) t.valid_days = body["validDays"];
  if (body.contains("sort")) t.sort = body["sort"];
  if (body.contains("checkoutUrl")) t.checkout_url = body["checkoutUrl"];
  if (!t.checkout_url.empty() && !std::regex_match(t.checkout_url, kCheckoutUrl)) {
    return invalid("'checkoutUrl' is an https:// address (or \"\" for none)");
  }
  for (const char* flag : {"active", "listed"}) {
    if (body.contains(flag) && !body[flag].is_boolean()) return invalid(std::string("'") + flag + "' must be true or false");
  }
  if (body.contains("active")) t.active = body["active"];
  if (body.contains("listed")) t.listed = body["listed"];
  if (body.contains("limits")) {
    auto limits = parse_limits(body["limits"]);
    if (!limits.ok()) return limits.error();
    t.limits_json = limits->dump();
  }
  if (body.contains("features")) {
    auto features = parse_features(body["features"]);
    if (!features.ok()) return features.error();
    t.features_json = features->dump();
  }
  // What each kind must say to mean anything.
  Limits l = limits_of(t);
  if (t.kind == "subscription" && t.period_months < 1) return invalid("a subscription needs 'periodMonths' (1, 3, 12, ...)");
  if (t.kind != "subscription" && t.period_months != 0) return invalid("only a subscription has 'periodMonths'");
  if (t.kind == "credits" && l.credits < 1) return invalid("a credit pack needs 'limits.credits' of at least 1");
  if (t.kind == "package" && l.packages < 1) return invalid("a package tier needs 'limits.packages' of at least 1");
  if (t.kind == "free" && t.price_cents != 0) return invalid("a free tier costs nothing ('priceCents' 0)");
  return t;
}

}  // namespace mockroom::billing
