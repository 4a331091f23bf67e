#include "resume/date_range.h"

#include <cctype>
#include <regex>
#include <string>

namespace mockroom::resume::detail {

namespace {

// One date: capture groups (month name, numeric month, year).
const std::string kDate =
    "(?:(january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?,?\\s+|"
    "(?:spring|summer|fall|autumn|winter)\\s+|(\\d{1,2})[/.])?((?:19|20)\\d{2})";
const std::string kPresent = "(present|current|currently|now|today|ongoing|to date|date)";
const std::string kSeparator = "\\s*(?:-|to|until|till|through|thru|~)\\s*";

const std::regex& range_pattern() {
  static const std::regex re("\\b" + kDate + kSeparator + "(?:" + kDate + "|" + kPresent + ")(?!\\w)",
                             std::regex::icase | std::regex::optimize);
  return re;
}

const std::regex& since_pattern() {
  static const std::regex re("\\bsince\\s+" + kDate + "(?!\\w)", std::regex::icase | std::regex::optimize);
  return re;
}

int month_number(const std::string& name, const std::string& digits) {
  static const std::string kMonths = "janfebmaraprmayjunjulaugsepoctnovdec";
  if (!digits.empty()) {
    const int m = std::stoi(digits);
    return m >= 1 && m <= 12 ? m : 0;
  }
  if (name.size() < 3) return 0;
  std::string prefix = name.substr(0, 3);
  for (char& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto at = kMonths.find(prefix);
  return at == std::string::npos || at % 3 != 0 ? 0 : static_cast<int>(at / 3) + 1;
}

// The date whose (month name, numeric month, year) groups start at index first.
YearMonth date_at(const std::smatch& m, int first) {
  if (!m[first + 2].matched) return {};
  return {std::stoi(m[first + 2].str()), month_number(m[first].str(), m[first + 1].str())};
}

DateRange range_from(const std::smatch& m, YearMonth start, YearMonth end) {
  return {start, end, static_cast<std::size_t>(m.position(0)), static_cast<std::size_t>(m.length(0))};
}

}  // namespace

std::optional<DateRange> find_date_range(std::string_view line) {
  const std::string s(line);
  std::smatch m;
  if (std::regex_search(s, m, range_pattern())) return range_from(m, date_at(m, 1), date_at(m, 4));
  if (std::regex_search(s, m, since_pattern())) return range_from(m, date_at(m, 1), YearMonth{});
  return std::nullopt;
}

}  // namespace mockroom::resume::detail
