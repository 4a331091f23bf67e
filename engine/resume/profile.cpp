#include "resume/profile.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include <nlohmann/json.hpp>

#include "resume/resume_text.h"
#include "resume/role_parts.h"
#include "resume/roles.h"
#include "resume/term_matcher.h"

namespace mockroom::resume {

namespace {

constexpr int kMaxStatedYears = 60;
constexpr std::size_t kMinHighlightBytes = 15;
constexpr std::size_t kMaxHighlightBytes = 200;

constexpr std::string_view kNumberWords[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty"};

constexpr std::string_view kAchievementVerbs[] = {
    "reduced", "cut", "increased", "grew", "improved", "boosted", "saved", "launched", "led",
    "built", "shipped", "scaled", "delivered", "migrated", "drove", "generated", "achieved",
    "raised", "decreased", "lowered", "doubled", "tripled", "accelerated", "automated",
    "optimized", "optimised", "won", "expanded", "closed", "sped", "eliminated", "halved"};

// "8+ years of experience", "over 10 years of professional experience", "five years experience".
// Matched against a short, lower-case, whitespace-collapsed window ending at "experience",
// so the backtracking regex engine never sees a long input.
const std::regex& stated_years_pattern() {
  static const std::regex re(
      "\\b(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
      "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty) ?\\+? ?(?:years?|yrs)\\.?"
      "(?: of)?(?: [a-z][a-z-]*){0,3}? experience$",
      std::regex::optimize);
  return re;
}

// Percentages, money, multipliers and counted things: "40%", "$2M", "3x", "12 engineers".
const std::regex& metric_pattern() {
  static const std::regex re(
      "\\d\\s*%|\\bpercent\\b|(?:\\$|\u20AC|\u00A3)\\s?\\d|\\b\\d+(?:\\.\\d+)?\\s?(?:x|\u00D7)(?!\\w)|"
      "\\b\\d[\\d,.]*\\+?\\s*(?:k|m|mm|bn|million|billion|thousand|users|customers|clients|"
      "engineers|developers|people|requests|rps|qps|ms|seconds|minutes|hours|days|weeks|"
      "countries|teams|services|servers|transactions|downloads|members|stores|tb|gb|pb)\\b",
      std::regex::icase | std::regex::optimize);
  return re;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int number_value(const std::string& token) {
  const auto word = std::find(std::begin(kNumberWords), std::end(kNumberWords), token);
  if (word != std::end(kNumberWords)) return static_cast<int>(word - std::begin(kNumberWords));
  return std::isdigit(static_cast<unsigned char>(token[0])) ? std::stoi(token) : 0;
}

// Runs of blanks and newlines become one space, so "5 years of\n experience" still reads.
std::string collapse_whitespace(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool blank = c == ' ' || c == '\t' || c == '\n';
    if (!blank) out += c;
    else if (!out.empty() && out.back() != ' ') out += ' ';
  }
  return out;
}

int stated_years(std::string_view text) {
  constexpr std::size_t kWindow = 80;
  constexpr std::string_view kWord = "experience";
  const std::string lower = to_lower(text);
  int best = 0;
  for (auto at = lower.find(kWord); at != std::string::npos; at = lower.find(kWord, at + 1)) {
    const std::size_t from = at > kWindow ? at - kWindow : 0;
    const std::string window = collapse_whitespace(std::string_view(lower).substr(from, at - from + kWord.size()));
    std::smatch m;
    if (!std::regex_search(window, m, stated_years_pattern())) continue;
    const int years = number_value(m[1].str());
    if (years <= kMaxStatedYears) best = std::max(best, years);
  }
  return best;
}

// A number that is not a year: "3" in "mentored 3 engineers", not "2019".
bool has_count(const std::string& line) {
  static const std::regex number("(^|[^\\w.])(\\d+(?:[.,]\\d+)?)(?![\\w.])");
  for (std::sregex_iterator it(line.begin(), line.end(), number), end; it != end; ++it) {
    const std::string n = (*it)[2].str();
    const bool year = n.size() == 4 && (n.starts_with("19") || n.starts_with("20"));
    if (!year) return true;
  }
  return false;
}

bool starts_with_achievement_verb(const std::string& line) {
  const std::string first = to_lower(line.substr(0, line.find(' ')));
  return std::find(std::begin(kAchievementVerbs), std::end(kAchievementVerbs), first) !=
         std::end(kAchievementVerbs);
}

bool is_highlight(const std::string& line) {
  if (line.size() < kMinHighlightBytes || line.size() > kMaxHighlightBytes) return false;
  if (std::regex_search(line, metric_pattern())) return true;
  return starts_with_achievement_verb(line) && has_count(line);
}

std::vector<std::string> find_highlights(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& line : detail::classify_lines(text)) {
    if (out.size() == kMaxHighlights) break;
    if (line.kind != detail::LineKind::kBullet && line.kind != detail::LineKind::kPlain) continue;
    std::string candidate = collapse_whitespace(detail::strip_bullet(line.text));
    if (is_highlight(candidate) && std::find(out.begin(), out.end(), candidate) == out.end()) {
      out.push_back(std::move(candidate));
    }
  }
  return out;
}

// text cut to the extraction cap without splitting a UTF-8 sequence.
std::string_view capped(std::string_view text) {
  if (text.size() <= kMaxResumeTextChars) return text;
  std::size_t cut = kMaxResumeTextChars;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

}  // namespace

Profile extract_profile(std::string_view full_text, int current_year) {
  const std::string_view text = capped(full_text);
  Profile profile;
  profile.skills = detail::find_terms(text, detail::skill_terms());
  profile.technologies = detail::find_terms(text, detail::technology_terms());
  auto roles = detail::find_roles(text, current_year);
  const int stated = stated_years(text);
  profile.years_experience = stated > 0 ? stated : detail::covered_months(roles) / 12;
  profile.roles = detail::most_recent_roles(std::move(roles));
  profile.highlights = find_highlights(text);
  return profile;
}

nlohmann::json to_json(const Profile& profile) {
  nlohmann::json roles = nlohmann::json::array();
  for (const Role& r : profile.roles) {
    roles.push_back({{"title", r.title},
                     {"company", r.company},
                     {"startYear", r.start_year},
                     {"endYear", r.end_year == 0 ? nlohmann::json(nullptr) : nlohmann::json(r.end_year)}});
  }
  return {{"skills", profile.skills},
          {"technologies", profile.technologies},
          {"yearsExperience", profile.years_experience},
          {"roles", std::move(roles)},
          {"highlights", profile.highlights}};
}

}  // namespace mockroom::resume
