#include "resume/roles.h"

#include <algorithm>
#include <climits>
#include <optional>

#include "resume/role_parts.h"

namespace mockroom::resume::detail {

namespace {

constexpr int kEarliestYear = 1950;
constexpr std::size_t kMaxContextLines = 2;
constexpr std::size_t kMaxContextLineBytes = 100;

bool is_context(const ResumeLine& line) {
  if (line.kind != LineKind::kPlain || line.text.size() > kMaxContextLineBytes) return false;
  const auto parts = split_parts(line.text);
  return !parts.empty() && std::none_of(parts.begin(), parts.end(), looks_like_prose);
}

bool names_title_or_company(const std::string& text) {
  const auto parts = split_parts(text);
  return std::any_of(parts.begin(), parts.end(), [](const auto& p) { return title_bias(p) != 0; });
}

// The dated line without its date range.
std::string remainder(const ResumeLine& line) {
  std::string rest = line.text;
  rest.replace(line.range->pos, line.range->len, " | ");
  return rest;
}

std::optional<DatedRole> dated_role(const DateRange& r, int current_year) {
  if (r.start.year < kEarliestYear || r.start.year > current_year) return std::nullopt;
  if (r.end.year != 0 && (r.end.year < r.start.year || r.end.year > current_year + 1)) return std::nullopt;
  DatedRole d;
  d.role.start_year = r.start.year;
  d.role.end_year = r.end.year;
  d.first_month = r.start.year * 12 + std::max(r.start.month - 1, 0);
  d.end_month = r.end.year == 0 ? current_year * 12 : r.end.year * 12 + r.end.month;
  d.end_month = std::clamp(d.end_month, d.first_month, (current_year + 1) * 12);
  return d;
}

// Completes a dated line's title/company from the lines above it, else the one below.
void add_context(const std::vector<ResumeLine>& lines, std::size_t i, std::vector<std::string>& parts,
                 std::vector<bool>& used) {
  for (std::size_t back = 1; back <= kMaxContextLines && back <= i && parts.size() < 2; ++back) {
    const std::size_t j = i - back;
    if (used[j] || !is_context(lines[j])) break;
    const auto above = split_parts(lines[j].text);
    parts.insert(parts.begin(), above.begin(), above.end());
    used[j] = true;
  }
  const std::size_t next = i + 1;
  if (parts.size() < 2 && next < lines.size() && !used[next] && is_context(lines[next]) &&
      names_title_or_company(lines[next].text)) {
    const auto below = split_parts(lines[next].text);
    parts.insert(parts.end(), below.begin(), below.end());
    used[next] = true;
  }
}

std::optional<DatedRole> role_at(const std::vector<ResumeLine>& lines, std::size_t i, int current_year,
                                 std::vector<bool>& used) {
  auto dated = dated_role(*lines[i].range, current_year);
  if (!dated) return std::nullopt;
  auto parts = split_parts(remainder(lines[i]));
  if (std::any_of(parts.begin(), parts.end(), looks_like_prose)) return std::nullopt;
  used[i] = true;
  add_context(lines, i, parts, used);
  Role named = assign_title_and_company(parts);
  if ((named.title.empty() && named.company.empty()) || mentions_degree(named)) return std::nullopt;
  dated->role.title = std::move(named.title);
  dated->role.company = std::move(named.company);
  return dated;
}

bool same_role(const Role& a, const Role& b) {
  return a.title == b.title && a.company == b.company && a.start_year == b.start_year &&
         a.end_year == b.end_year;
}

}  // namespace

std::vector<DatedRole> find_roles(std::string_view text, int current_year) {
  const auto lines = classify_lines(text);
  std::vector<bool> used(lines.size(), false);
  std::vector<DatedRole> roles;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].kind != LineKind::kDated || !lines[i].may_hold_roles) continue;
    if (auto role = role_at(lines, i, current_year, used)) roles.push_back(std::move(*role));
  }
  return roles;
}

int covered_months(std::vector<DatedRole> roles) {
  std::sort(roles.begin(), roles.end(),
            [](const DatedRole& a, const DatedRole& b) { return a.first_month < b.first_month; });
  int total = 0;
  int covered_until = INT_MIN;
  for (const DatedRole& r : roles) {
    const int from = std::max(r.first_month, covered_until);
    if (r.end_month > from) total += r.end_month - from;
    covered_until = std::max(covered_until, r.end_month);
  }
  return total;
}

std::vector<Role> most_recent_roles(std::vector<DatedRole> roles) {
  const auto end_key = [](const DatedRole& r) { return r.role.end_year == 0 ? INT_MAX : r.end_month; };
  std::stable_sort(roles.begin(), roles.end(), [&](const DatedRole& a, const DatedRole& b) {
    if (end_key(a) != end_key(b)) return end_key(a) > end_key(b);
    return a.first_month > b.first_month;
  });
  std::vector<Role> out;
  for (DatedRole& r : roles) {
    if (out.size() == kMaxRoles) break;
    const bool seen = std::any_of(out.begin(), out.end(), [&](const Role& o) { return same_role(o, r.role); });
    if (!seen) out.push_back(std::move(r.role));
  }
  return out;
}

}  // namespace mockroom::resume::detail
