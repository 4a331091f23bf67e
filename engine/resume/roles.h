// Internal: employment history read from the lines of a resume.
//
// A role is anchored on a line holding a date range. Title and company come from the rest
// of that line ("Senior Engineer, Acme — 2019 – Present", "Acme | Analyst | 2017-2019",
// "PM at Foo (2020 - 2023)") or, when it holds only one of them or none, from the short
// lines just above it (or, failing that, just below). Lines under headings such as
// "Education" or "Projects" and bullet points never start a role.
#pragma once

#include <string_view>
#include <vector>

#include "resume/profile.h"

namespace mockroom::resume::detail {

struct DatedRole {
  Role role;
  int first_month = 0;  // year * 12 + month - 1, the first month worked
  int end_month = 0;    // exclusive; "Present" ends at the start of current_year
};

// Roles in document order; ranges that start after current_year or end before they start
// are dropped.
std::vector<DatedRole> find_roles(std::string_view text, int current_year);

// Months in at least one role: overlapping roles are counted once.
int covered_months(std::vector<DatedRole> roles);

// Most recent first (current roles, then by end and start), duplicates removed, at most
// kMaxRoles.
std::vector<Role> most_recent_roles(std::vector<DatedRole> roles);

}  // namespace mockroom::resume::detail
