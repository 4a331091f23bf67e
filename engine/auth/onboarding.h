// Onboarding: what a candidate tells us about their goals (the profile) and whether they
// have seen the first-time walkthrough. Validates what clients send and shapes what they
// read; the rows live in the store (AccountProfile). Pure functions, any thread.
#pragma once

#include <array>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "store/store.h"
#include "util/result.h"

namespace mockroom::auth {

inline constexpr std::size_t kMaxProfileRoleChars = 80;
inline constexpr std::size_t kMaxTargetCompanies = 10;
inline constexpr std::size_t kMaxTargetCompanyChars = 80;
inline constexpr std::size_t kMaxWeakAreas = 10;
inline constexpr std::size_t kMaxWeakAreaChars = 60;
inline constexpr int kWalkthroughSteps = 3;

// The levels of the formats' setup (interviews/lib/1_options.lua), so a profile's level
// can preselect the setup.
inline constexpr std::array<std::string_view, 4> kProfileLevels = {"entry", "mid", "senior", "staff"};
// How soon the candidate's real interviews are.
inline constexpr std::array<std::string_view, 4> kInterviewTimelines = {
    "this_week", "within_a_month", "within_three_months", "exploring"};

// A profile from a client: {role?, level?, targetCompanies?, weakAreas?, interviewTimeline?}.
// Every field is optional ("" or [] clears it); unknown fields, wrong types, control
// characters and values past the limits are refused naming the field. Returns the
// profile as stored: all five fields, strings trimmed, lists without blanks or repeats.
Result<nlohmann::json> parse_profile(const nlohmann::json& body);

struct WalkthroughUpdate {
  std::string outcome;  // "completed" or "skipped"
  int step = 0;         // 1..kWalkthroughSteps: where the candidate left it
};

// {outcome: "completed"|"skipped", step: 1-3}; a completed walkthrough is at the last step.
Result<WalkthroughUpdate> parse_walkthrough(const nlohmann::json& body);

// {profile: {role, level, targetCompanies, weakAreas, interviewTimeline, updatedAt},
//  walkthrough: {seen, outcome, step, at}}; an empty profile before one was saved.
nlohmann::json onboarding_json(const store::AccountProfile& account);

}  // namespace mockroom::auth
