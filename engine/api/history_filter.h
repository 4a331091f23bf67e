// The filters of GET /api/interviews: which of a candidate's past interviews to list.
// Parsed from the query string (unknown keys and bad values refused with the reason) and
// applied to the history's JSON items. Pure functions, any thread.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"

namespace mockroom::api {

inline constexpr std::size_t kMaxHistoryTextFilterChars = 100;
inline constexpr std::size_t kMaxHistoryListFilterItems = 20;

struct HistoryFilter {
  std::vector<std::string> formats;   // format ids, any of; empty = all
  std::vector<std::string> statuses;  // any of; empty = all
  std::string company;                // setup.company ("amazon-style"); empty = any
  std::optional<int64_t> from_ms;     // createdAt >= from_ms
  std::optional<int64_t> to_ms;       // createdAt <= to_ms
  std::optional<int> min_score;       // summary.overallScore >= (unscored sessions drop out)
  std::optional<int> max_score;
  std::string text;                   // in the format title or setup.role, ignoring case
};

// Query keys: format and status (comma-separated lists), company, from and to (a day
// "2026-03-01" in UTC, inclusive, or unix milliseconds), minScore and maxScore (0-100), q.
Result<HistoryFilter> parse_history_filter(const std::map<std::string, std::string>& query);

// Whether one item of GET /api/interviews ({id, format, formatTitle, status, setup,
// summary, createdAt, ...}) passes the filter.
bool history_matches(const HistoryFilter& filter, const nlohmann::json& item);

}  // namespace mockroom::api
