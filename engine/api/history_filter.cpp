#include "api/history_filter.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <string_view>

namespace mockroom::api {

using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 8> kKeys = {"format", "status", "company", "from", "to",
                                                    "minScore", "maxScore", "q"};
constexpr std::array<std::string_view, 5> kStatuses = {"in_progress", "paused", "completed", "ended",
                                                       "failed"};
constexpr std::size_t kMaxIdChars = 64;
constexpr int64_t kMsPerDay = 86'400'000;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_id(std::string_view s) {
  return !s.empty() && s.size() <= kMaxIdChars && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '_' || c == '-';
  });
}

bool all_digits(std::string_view s) {
  return !s.empty() && s.size() <= 15 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

Result<std::vector<std::string>> id_list(const std::string& key, const std::string& value) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= value.size()) {
    auto comma = value.find(',', start);
    if (comma == std::string::npos) comma = value.size();
    std::string item = value.substr(start, comma - start);
    if (!is_id(item)) return invalid(key + " must be a comma-separated list of ids such as behavioral,coding");
    out.push_back(item);
    start = comma + 1;
  }
  if (out.size() > kMaxHistoryListFilterItems) {
    return invalid(key + " may list at most " + std::to_string(kMaxHistoryListFilterItems) + " values");
  }
  return out;
}

// "2026-03-01" (the first or, with `end_of_day`, the last millisecond of that UTC day) or
// unix milliseconds.
Result<int64_t> instant(const std::string& key, const std::string& value, bool end_of_day) {
  if (all_digits(value)) return static_cast<int64_t>(std::stoll(value));
  const std::string problem = key + " must be a day such as 2026-03-01 or unix milliseconds";
  if (value.size() != 10 || value[4] != '-' || value[7] != '-' ||
      !all_digits(value.substr(0, 4)) || !all_digits(value.substr(5, 2)) || !all_digits(value.substr(8, 2))) {
    return invalid(problem);
  }
  std::chrono::year_month_day day{std::chrono::year{std::stoi(value.substr(0, 4))},
                                  std::chrono::month{static_cast<unsigned>(std::stoi(value.substr(5, 2)))},
                                  std::chrono::day{static_cast<unsigned>(std::stoi(value.substr(8, 2)))}};
  if (!day.ok()) return invalid(problem);
  int64_t start = std::chrono::sys_days{day}.time_since_epoch().count() * kMsPerDay;
  return end_of_day ? start + kMsPerDay - 1 : start;
}

Result<int> score(const std::string& key, const std::string& value) {
  if (!all_digits(value) || value.size() > 3 || std::stoi(value) > 100) {
    return invalid(key + " must be a whole number from 0 to 100");
  }
  return std::stoi(value);
}

}  // namespace

Result<HistoryFilter> parse_history_filter(const std::map<std::string, std::string>& query) {
  HistoryFilter f;
  for (const auto& [key, value] : query) {
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
      return invalid("unknown filter '" + key + "'; use format, status, company, from, to, minScore, maxScore, q");
    }
    if (value.empty()) continue;
    if (key == "format" || key == "status") {
      auto list = id_list(key, value);
      if (!list.ok()) return list.error();
      if (key == "status") {
        for (const auto& s : *list) {
          if (std::find(kStatuses.begin(), kStatuses.end(), s) == kStatuses.end()) {
            return invalid("status must be among in_progress, paused, completed, ended, failed");
          }
        }
        f.statuses = *list;
      } else {
        f.formats = *list;
      }
    } else if (key == "company") {
      if (!is_id(value)) return invalid("company must be a company style such as amazon-style");
      f.company = value;
    } else if (key == "from" || key == "to") {
      auto at = instant(key, value, key == "to");
      if (!at.ok()) return at.error();
      (key == "from" ? f.from_ms : f.to_ms) = *at;
    } else if (key == "minScore" || key == "maxScore") {
      auto s = score(key, value);
      if (!s.ok()) return s.error();
      (key == "minScore" ? f.min_score : f.max_score) = *s;
    } else {  // q
      if (value.size() > kMaxHistoryTextFilterChars) {
        return invalid("q must be at most " + std::to_string(kMaxHistoryTextFilterChars) + " characters");
      }
      f.text = lower(value);
    }
  }
  return f;
}

bool history_matches(const HistoryFilter& f, const json& item) {
  auto text_of = [](const json& obj, const char* key) {
    return obj.is_object() && obj.contains(key) && obj[key].is_string() ? obj[key].get<std::string>() : std::string();
  };
  auto listed = [](const std::vector<std::string>& list, const std::string& value) {
    return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
  };
  if (!listed(f.formats, text_of(item, "format")) || !listed(f.statuses, text_of(item, "status"))) return false;
  const json setup = item.value("setup", json::object());
  if (!f.company.empty() && text_of(setup, "company") != f.company) return false;
  const int64_t created = item.value("createdAt", int64_t{0});
  if ((f.from_ms && created < *f.from_ms) || (f.to_ms && created > *f.to_ms)) return false;
  if (f.min_score || f.max_score) {
    const json summary = item.value("summary", json());
    if (!summary.is_object() || !summary.contains("overallScore") || !summary["overallScore"].is_number()) return false;
    const double s = summary["overallScore"].get<double>();
    if ((f.min_score && s < *f.min_score) || (f.max_score && s > *f.max_score)) return false;
  }
  if (!f.text.empty()) {
    const std::string haystack = lower(text_of(item, "formatTitle") + "\n" + text_of(setup, "role"));
    if (haystack.find(f.text) == std::string::npos) return false;
  }
  return true;
}

}  // namespace mockroom::api
