#include "auth/onboarding.h"

#include <algorithm>
#include <cctype>
#include <span>
#include <vector>

namespace mockroom::auth {

using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 5> kProfileFields = {
    "role", "level", "targetCompanies", "weakAreas", "interviewTimeline"};

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

bool has_control_characters(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// One line of text, at most `max_chars` bytes after trimming.
Result<std::string> one_line(const json& value, const std::string& where, std::size_t max_chars) {
  if (!value.is_string()) return invalid(where + " must be text");
  std::string text = trim(value.get<std::string>());
  if (has_control_characters(text)) return invalid(where + " must be one line of text");
  if (text.size() > max_chars) {
    return invalid(where + " must be at most " + std::to_string(max_chars) + " characters");
  }
  return text;
}

Result<std::string> one_of(const json& body, const char* key, std::span<const std::string_view> allowed) {
  if (!body.contains(key) || body[key].is_null()) return std::string();
  if (!body[key].is_string()) return invalid(std::string(key) + " must be text");
  std::string value = body[key].get<std::string>();
  if (value.empty()) return value;
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return value;
  std::string choices;
  for (auto a : allowed) choices += (choices.empty() ? "" : ", ") + std::string(a);
  return invalid(std::string(key) + " must be one of " + choices);
}

// A list of one-line texts: blanks dropped, repeats (ignoring case) kept once.
Result<json> text_list(const json& body, const char* key, std::size_t max_items, std::size_t max_chars) {
  json out = json::array();
  if (!body.contains(key) || body[key].is_null()) return out;
  if (!body[key].is_array()) return invalid(std::string(key) + " must be a list of texts");
  if (body[key].size() > max_items) {
    return invalid(std::string(key) + " may hold at most " + std::to_string(max_items) + " entries");
  }
  std::vector<std::string> seen;
  for (std::size_t i = 0; i < body[key].size(); ++i) {
    auto item = one_line(body[key][i], std::string(key) + "[" + std::to_string(i) + "]", max_chars);
    if (!item.ok()) return item.error();
    if (item->empty()) continue;
    std::string folded = lower(*item);
    if (std::find(seen.begin(), seen.end(), folded) != seen.end()) continue;
    seen.push_back(folded);
    out.push_back(*item);
  }
  return out;
}

json empty_profile() {
  return {{"role", ""}, {"level", ""}, {"targetCompanies", json::array()},
          {"weakAreas", json::array()}, {"interviewTimeline", ""}};
}

}  // namespace

Result<json> parse_profile(const json& body) {
  if (!body.is_object()) return invalid("the profile must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    if (std::find(kProfileFields.begin(), kProfileFields.end(), key) == kProfileFields.end()) {
      return invalid("unknown profile field '" + key +
                     "'; use role, level, targetCompanies, weakAreas, interviewTimeline");
    }
  }
  json out = empty_profile();
  if (body.contains("role") && !body["role"].is_null()) {
    auto role = one_line(body["role"], "role", kMaxProfileRoleChars);
    if (!role.ok()) return role.error();
    out["role"] = *role;
  }
  auto level = one_of(body, "level", kProfileLevels);
  if (!level.ok()) return level.error();
  out["level"] = *level;
  auto timeline = one_of(body, "interviewTimeline", kInterviewTimelines);
  if (!timeline.ok()) return timeline.error();
  out["interviewTimeline"] = *timeline;
  auto companies = text_list(body, "targetCompanies", kMaxTargetCompanies, kMaxTargetCompanyChars);
  if (!companies.ok()) return companies.error();
  out["targetCompanies"] = *companies;
  auto weak = text_list(body, "weakAreas", kMaxWeakAreas, kMaxWeakAreaChars);
  if (!weak.ok()) return weak.error();
  out["weakAreas"] = *weak;
  return out;
}

Result<WalkthroughUpdate> parse_walkthrough(const json& body) {
  if (!body.is_object()) return invalid("send {\"outcome\": \"completed\" or \"skipped\", \"step\": 1-3}");
  for (const auto& [key, value] : body.items()) {
    if (key != "outcome" && key != "step") return invalid("unknown field '" + key + "'; use outcome and step");
  }
  WalkthroughUpdate out;
  if (!body.contains("outcome") || !body["outcome"].is_string() ||
      (body["outcome"] != "completed" && body["outcome"] != "skipped")) {
    return invalid("outcome must be \"completed\" or \"skipped\"");
  }
  out.outcome = body["outcome"].get<std::string>();
  out.step = kWalkthroughSteps;
  if (body.contains("step")) {
    const json& step = body["step"];
    if (!step.is_number_integer() || step.get<int64_t>() < 1 || step.get<int64_t>() > kWalkthroughSteps) {
      return invalid("step must be a whole number from 1 to " + std::to_string(kWalkthroughSteps));
    }
    out.step = step.get<int>();
  }
  if (out.outcome == "completed" && out.step != kWalkthroughSteps) {
    return invalid("a completed walkthrough ends at step " + std::to_string(kWalkthroughSteps));
  }
  return out;
}

json onboarding_json(const store::AccountProfile& account) {
  json profile = json::parse(account.profile_json, nullptr, false);
  if (!profile.is_object()) profile = empty_profile();
  profile["updatedAt"] = account.profile_updated_at > 0 ? json(account.profile_updated_at) : json(nullptr);
  const bool seen = !account.walkthrough_outcome.empty();
  json walkthrough = {{"seen", seen},
                      {"outcome", seen ? json(account.walkthrough_outcome) : json(nullptr)},
                      {"step", account.walkthrough_step},
                      {"at", seen ? json(account.walkthrough_at) : json(nullptr)}};
  return {{"profile", profile}, {"walkthrough", walkthrough}};
}

}  // namespace mockroom::auth
