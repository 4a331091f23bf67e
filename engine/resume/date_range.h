// Internal: employment date ranges such as "Jan 2019 – Present", "2017-2019",
// "03/2015 to 06/2018", "Summer 2020 - Fall 2021" or "since 2020".
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace mockroom::resume::detail {

struct YearMonth {
  int year = 0;   // 0 = present
  int month = 0;  // 1..12, 0 = not given
};

struct DateRange {
  YearMonth start;
  YearMonth end;
  std::size_t pos = 0;  // the range's place in the line searched
  std::size_t len = 0;
};

// The first date range in line, if any. En and em dashes must already be ASCII '-'.
// No plausibility checks (start before end, not in the future): callers know the year.
std::optional<DateRange> find_date_range(std::string_view line);

}  // namespace mockroom::resume::detail
