// A structured summary of a resume's text: skills, technologies, roles, experience and
// quantified achievements, used to tailor interview questions.
//
// Extraction is heuristic but deterministic: dictionaries of technologies and skills matched
// on word boundaries, role lines recognised from common resume layouts, date ranges read
// from month names or numbers. Pure functions; any thread may call them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace mockroom::resume {

struct Role {
  std::string title;
  std::string company;
  int start_year = 0;
  int end_year = 0;  // 0 = present
};

struct Profile {
  std::vector<std::string> skills;        // canonical soft skills, in order of first mention
  std::vector<std::string> technologies;  // canonical names ("PostgreSQL"), order of first mention
  int years_experience = 0;               // stated ("8+ years of experience") or from the roles
  std::vector<Role> roles;                // most recent first, at most kMaxRoles
  std::vector<std::string> highlights;    // at most kMaxHighlights lines with numbers
};

constexpr std::size_t kMaxRoles = 5;
constexpr std::size_t kMaxHighlights = 5;

// current_year resolves "Present" when counting years of experience and bounds plausible dates.
Profile extract_profile(std::string_view text, int current_year);

// {"skills":[],"technologies":[],"yearsExperience":N,
//  "roles":[{"title","company","startYear","endYear"|null}],"highlights":[]}
nlohmann::json to_json(const Profile& profile);

}  // namespace mockroom::resume
