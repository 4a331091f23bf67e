// Billing for candidates and the payment provider:
//   GET  /api/billing/tiers       the public price list
//   GET  /api/me/entitlements     the caller's plan, entitlements and this week's window
//   POST /api/billing/webhook     signed payment events (billing/payments.h)
// and the plan's say in interview starts, prep packages and reports.
#include "api/api.h"
#include "api/console_routes.h"

namespace mockroom::api {

using nlohmann::json;

HttpResponse start_interview(const store::User& user, const std::string& format, const json& body,
                             ConsoleServices& services) {
  // An unknown format or a bad setup is the session manager's to report, as before.
  const script::FormatEntry* entry = services.catalog.format(format);
  if (!entry) return respond(services.sessions.create(user, format, body), 201);
  auto setup = script::resolve_setup(entry->meta, body);
  if (!setup.ok()) return error_response(setup.error());
  auto reservation = services.billing.reserve_interview(user, entry->meta, *setup);
  if (!reservation.ok()) return error_response(reservation.error());
  auto created = services.sessions.create(user, format, body);
  if (!created.ok()) {
    services.billing.release(*reservation);
    return error_response(created.error());
  }
  services.billing.confirm(*reservation, (*created)["id"].get<std::string>());
  return json_response(201, *created);
}

HttpResponse start_package(const store::User& user, const json& body, package::PackageService& packages,
                           ConsoleServices& services) {
  auto reservation = services.billing.reserve_package(user);
  if (!reservation.ok()) return error_response(reservation.error());
  auto created = packages.create(user, body);
  if (!created.ok()) {
    services.billing.release(*reservation);
    return error_response(created.error());
  }
  services.billing.confirm(*reservation, (*created)["id"].get<std::string>());
  return json_response(201, *created);
}

json visible_report(const std::string& session_id, json report, ConsoleServices& services) {
  if (services.billing.report_level(session_id) == billing::ReportLevel::kBasic) return billing::basic_report(report);
  return report;
}

std::optional<HttpResponse> route_billing(const HttpRequest& req, const std::vector<std::string>& parts,
                                          const Result<store::User>& caller, ConsoleServices& services) {
  if (parts.size() == 3 && parts[1] == "billing" && parts[2] == "tiers") {
    if (req.method != "GET") return method_not_allowed("GET");
    auto tiers = services.store.billing().list_tiers();
    if (!tiers.ok()) return error_response(tiers.error());
    json out = json::array();
    for (const auto& t : *tiers) {
      if (t.active && t.listed) out.push_back(billing::tier_json(t));
    }
    return json_response(200, {{"tiers", out}});
  }
  if (parts.size() == 3 && parts[1] == "billing" && parts[2] == "webhook") {
    if (req.method != "POST") return method_not_allowed("POST");
    return respond(services.payments.handle(req.header("stripe-signature"), req.body));
  }
  if (parts.size() == 3 && parts[1] == "me" && parts[2] == "entitlements") {
    if (!caller.ok()) return error_response(caller.error());
    if (req.method != "GET") return method_not_allowed("GET");
    return respond(services.billing.account(*caller));
  }
  return std::nullopt;
}

}  // namespace mockroom::api
