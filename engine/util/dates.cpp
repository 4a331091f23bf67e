#include "util/dates.h"

#include <chrono>
#include <cstdio>

namespace mockroom::dates {

std::string utc_date(int64_t unix_ms) {
  using namespace std::chrono;
  year_month_day d{floor<days>(sys_time<milliseconds>(milliseconds(unix_ms)))};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buffer;
}

}  // namespace mockroom::dates
