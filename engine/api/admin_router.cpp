#include "api/admin_router.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace mockroom::api {

namespace {

// The areas whose tables route_admin looks through, in order.
using RouteTable = std::span<const AdminRoute> (*)();
constexpr std::array<RouteTable, 5> kAreas = {plugin_routes, user_routes, billing_routes, analytics_routes,
                                              authoring_routes};

// Whether `pattern` ("plugins/:kind") matches the path parts after "api", "admin";
// collects the ":" segments' values.
bool matches(std::string_view pattern, const std::vector<std::string>& parts, std::vector<std::string>& params) {
  params.clear();
  std::size_t index = 2;
  std::size_t start = 0;
  while (start <= pattern.size()) {
    std::size_t slash = pattern.find('/', start);
    if (slash == std::string_view::npos) slash = pattern.size();
    std::string_view segment = pattern.substr(start, slash - start);
    if (index >= parts.size()) return false;
    if (segment.starts_with(':')) params.push_back(parts[index]);
    else if (segment != parts[index]) return false;
    ++index;
    start = slash + 1;
  }
  return index == parts.size();
}

}  // namespace

bool allows(Access access, store::Role role) {
  using store::Role;
  if (role == Role::kAdmin) return true;
  switch (access) {
    case Access::kStaff: return role == Role::kCoach || role == Role::kOperator;
    case Access::kCoach: return role == Role::kCoach;
    case Access::kOperator: return role == Role::kOperator;
    case Access::kAdmin: return false;
  }
  return false;
}

std::string access_name(Access access) {
  switch (access) {
    case Access::kStaff: return "a coach, operator or admin role";
    case Access::kCoach: return "the coach or admin role";
    case Access::kOperator: return "the operator or admin role";
    case Access::kAdmin: return "the admin role";
  }
  return "the admin role";
}

std::optional<HttpResponse> route_admin(const HttpRequest& request, const store::User& user,
                                        const std::vector<std::string>& parts, ConsoleServices& services) {
  std::vector<std::string> params;
  std::string allowed;
  for (RouteTable table : kAreas) {
    for (const AdminRoute& route : table()) {
      if (!matches(route.pattern, parts, params)) continue;
      if (route.method != request.method) {
        if (allowed.find(route.method) == std::string::npos) allowed += (allowed.empty() ? "" : ", ") + std::string(route.method);
        continue;
      }
      if (!allows(route.access, user.role)) {
        return error_response({ErrorCode::kForbidden, std::string(route.what) + " needs " + access_name(route.access)});
      }
      return route.handler(AdminRequest{request, user, params, services});
    }
  }
  if (!allowed.empty()) return method_not_allowed(allowed);
  return std::nullopt;
}

std::string query_param(const HttpRequest& request, const char* name) {
  auto it = request.query.find(name);
  return it == request.query.end() ? std::string() : it->second;
}

Result<int64_t> query_int(const HttpRequest& request, const char* name, int64_t fallback, int64_t lo, int64_t hi) {
  std::string text = query_param(request, name);
  if (text.empty()) return fallback;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < lo || value > hi) {
    return invalid("'" + std::string(name) + "' must be a whole number from " + std::to_string(lo) + " to " +
                   std::to_string(hi));
  }
  return value;
}

Result<int64_t> id_param(const std::string& text, const std::string& what) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return not_found("no " + what + " " + text);
  return id;
}

}  // namespace mockroom::api
