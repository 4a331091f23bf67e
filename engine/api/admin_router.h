// The admin console's routes under /api/admin: a table per area (admin_plugins.cpp, ...),
// each route with the roles that may call it. One dispatcher matches the path, answers 405
// for a known path with another method, 403 for a role the route does not admit, and hands
// the rest to the route's handler with the path's parameters.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api/api.h"
#include "api/console_services.h"

namespace mockroom::api {

// Who may call a route. Admins may call every route.
enum class Access {
  kStaff,     // coach, operator or admin
  kCoach,     // coach or admin: authoring
  kOperator,  // operator or admin: providers
  kAdmin,     // admin only: users, roles, tiers, entitlements, audit, analytics
};

bool allows(Access access, store::Role role);
// "coach or admin", for messages.
std::string access_name(Access access);

struct AdminRequest {
  const HttpRequest& http;
  const store::User& user;
  std::vector<std::string> params;  // the values of the pattern's ":name" segments, in order
  ConsoleServices& services;
};

using AdminHandler = HttpResponse (*)(const AdminRequest&);

struct AdminRoute {
  std::string_view method;   // "GET", "PUT", ...
  std::string_view pattern;  // below /api/admin/, e.g. "plugins/:kind"
  Access access;
  AdminHandler handler;
  std::string_view what;     // for the 403 message: "choosing providers"
};

// The areas' tables.
std::span<const AdminRoute> plugin_routes();  // admin_plugins.cpp
std::span<const AdminRoute> user_routes();    // admin_users.cpp
std::span<const AdminRoute> billing_routes(); // admin_billing.cpp
std::span<const AdminRoute> analytics_routes();  // admin_analytics.cpp
std::span<const AdminRoute> authoring_routes();  // admin_authoring.cpp

// Routes /api/admin/... (`parts` is the split path, "api", "admin", ...); nullopt when no
// route's pattern matches, so older handlers can take the request.
std::optional<HttpResponse> route_admin(const HttpRequest& request, const store::User& user,
                                        const std::vector<std::string>& parts, ConsoleServices& services);

// Query helpers shared by the handlers: the parameter or "" / the fallback; an integer
// parameter within [lo, hi] or a 400 naming it.
std::string query_param(const HttpRequest& request, const char* name);
Result<int64_t> query_int(const HttpRequest& request, const char* name, int64_t fallback, int64_t lo, int64_t hi);
// A numeric id from the path (users, entitlements): kNotFound "no <what> <text>" unless a
// positive whole number.
Result<int64_t> id_param(const std::string& text, const std::string& what);

}  // namespace mockroom::api
