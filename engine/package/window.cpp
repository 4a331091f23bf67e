#include "package/window.h"

#include <date/tz.h>

namespace mockroom::package {

namespace {

const date::time_zone* find_zone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace

Result<Window> weekend_window(const std::string& timezone, int64_t now) {
  using namespace std::chrono;
  const date::time_zone* zone = find_zone(timezone);
  if (!zone) return invalid("unknown time zone '" + timezone + "'; use an IANA name like Europe/Berlin");
  auto local = zone->to_local(date::sys_seconds{seconds{now}});
  auto today = date::floor<date::days>(local);
  // Days since the last Friday: Fri 0, Sat 1, Sun 2, Mon 3 ... Thu 6.
  auto since_friday = (date::weekday{today} - date::Friday).count();
  date::local_days friday = since_friday <= 2 ? today - date::days{since_friday}
                                              : today + date::days{7 - since_friday};
  auto start = zone->to_sys(friday + hours{18}, date::choose::earliest);
  auto end = zone->to_sys(friday + date::days{2} + hours{23} + minutes{59} + seconds{59},
                          date::choose::latest);
  return Window{duration_cast<seconds>(start.time_since_epoch()).count(),
                duration_cast<seconds>(end.time_since_epoch()).count()};
}

std::string local_time_label(const std::string& timezone, int64_t at) {
  const date::time_zone* zone = find_zone(timezone);
  if (!zone) return std::to_string(at);
  auto local = zone->to_local(date::sys_seconds{std::chrono::seconds{at}});
  return date::format("%a %Y-%m-%d %H:%M", date::floor<std::chrono::minutes>(local));
}

}  // namespace mockroom::package
