// Internal: the pieces roles.cpp assembles roles from — resume lines sorted into kinds and
// sections, and the splitting of "Title, Company" style text into a title and a company.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "resume/date_range.h"
#include "resume/profile.h"

namespace mockroom::resume::detail {

enum class LineKind { kBlank, kBullet, kHeading, kDated, kPlain };

struct ResumeLine {
  std::string text;  // trimmed, dashes turned into " - "
  LineKind kind = LineKind::kBlank;
  std::optional<DateRange> range;  // set for kDated
  bool may_hold_roles = true;      // false under "Education", "Projects", ...
};

std::vector<ResumeLine> classify_lines(std::string_view text);

// The line without a leading bullet mark ("- ", "• ", "▪", ...) and surrounding blanks.
std::string strip_bullet(std::string_view line);

// "Senior Engineer, Acme Corp, Inc. | Berlin" -> {"Senior Engineer", "Acme Corp, Inc.", "Berlin"}.
// Separators: | , ; @ " at " " - " tab, parentheses, bullets and runs of spaces.
std::vector<std::string> split_parts(std::string_view text);

// True when a part reads like prose rather than a title or a company name.
bool looks_like_prose(const std::string& part);

// How much a part reads like a job title rather than a company name (positive: title).
int title_bias(std::string_view part);

// Picks the title (the most title-like part, earliest on ties) and the company (the most
// company-like of the rest, earliest on ties). A lone part is the title unless it reads
// like a company.
Role assign_title_and_company(const std::vector<std::string>& parts);

// "BSc Computer Science", "Master of Arts", "PhD", ...
bool mentions_degree(const Role& role);

}  // namespace mockroom::resume::detail
