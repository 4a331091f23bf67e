// The analytics dashboard (admins):
//   GET /api/admin/analytics?weeks=N                      -> the dashboard (analytics/dashboard.h)
//   GET /api/admin/analytics/export?weeks=N&table=weeks|ratings  -> the same as a CSV file
#include "analytics/dashboard.h"
#include "api/admin_router.h"

namespace mockroom::api {

namespace {

Result<nlohmann::json> dashboard_of(const AdminRequest& r) {
  auto weeks = query_int(r.http, "weeks", analytics::kDefaultDashboardWeeks, 1, analytics::kMaxDashboardWeeks);
  if (!weeks.ok()) return weeks.error();
  int64_t now = r.services.now_ms();
  return analytics::dashboard(r.services.store, analytics::last_weeks(static_cast<int>(*weeks), now), now);
}

HttpResponse show_dashboard(const AdminRequest& r) { return respond(dashboard_of(r)); }

HttpResponse export_dashboard(const AdminRequest& r) {
  std::string table = query_param(r.http, "table");
  if (table.empty()) table = "weeks";
  if (table != "weeks" && table != "ratings") return error_response(invalid("'table' must be weeks or ratings"));
  auto d = dashboard_of(r);
  if (!d.ok()) return error_response(d.error());
  HttpResponse out;
  out.content_type = "text/csv; charset=utf-8";
  out.body = table == "weeks" ? analytics::weekly_csv(*d) : analytics::ratings_csv(*d);
  out.headers.emplace_back("Content-Disposition", "attachment; filename=\"mockroom-" + table + ".csv\"");
  return out;
}

constexpr AdminRoute kRoutes[] = {
    {"GET", "analytics", Access::kAdmin, show_dashboard, "the analytics dashboard"},
    {"GET", "analytics/export", Access::kAdmin, export_dashboard, "exporting analytics"},
};

}  // namespace

std::span<const AdminRoute> analytics_routes() { return kRoutes; }

}  // namespace mockroom::api
