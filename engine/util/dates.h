// Calendar dates of instants, in UTC.
#pragma once

#include <cstdint>
#include <string>

namespace mockroom::dates {

// "2026-12-07" for a unix time in milliseconds.
std::string utc_date(int64_t unix_ms);

}  // namespace mockroom::dates
