// The validity window of a weekend prep package: Friday 18:00 to Sunday 23:59 in the
// candidate's time zone (IANA names from the system tz database; DST-aware).
#pragma once

#include <cstdint>
#include <string>

#include "util/result.h"

namespace mockroom::package {

struct Window {
  int64_t starts_at = 0;  // unix seconds
  int64_t ends_at = 0;    // unix seconds, the last second of Sunday 23:59
};

// The weekend window containing `now` (Friday from 18:00 through Sunday), or else the
// next one. An unknown zone is an invalid-argument error naming it.
Result<Window> weekend_window(const std::string& timezone, int64_t now);

// "Fri 2026-11-27 18:00" in `timezone`, for messages.
std::string local_time_label(const std::string& timezone, int64_t at);

}  // namespace mockroom::package
