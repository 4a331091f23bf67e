// Endpoints the admin console's areas add outside /api/admin, called from Api::route:
// the candidate's sharing of an interview, and (engine/api/billing_*.cpp) tiers,
// entitlements and the payment webhook.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/console_services.h"
#include "package/package_service.h"
#include "api/http_types.h"
#include "store/store.h"

namespace mockroom::api {

// GET/POST/DELETE /api/interviews/:id/share: whether the admins may see this interview.
HttpResponse share_interview(const HttpRequest& request, const store::User& user, const std::string& id,
                             ConsoleServices& services);

// Billing (engine/api/billing_api.cpp).
//   POST /api/interviews: the start, through the user's plan (402 with the reason when it
//   does not cover it); POST /api/packages likewise, drawing on a weekend package.
HttpResponse start_interview(const store::User& user, const std::string& format, const nlohmann::json& body,
                             ConsoleServices& services);
HttpResponse start_package(const store::User& user, const nlohmann::json& body, package::PackageService& packages,
                           ConsoleServices& services);
// The report as the session's plan shows it (basic for a free interview).
nlohmann::json visible_report(const std::string& session_id, nlohmann::json report, ConsoleServices& services);
//   GET /api/billing/tiers (public price list), POST /api/billing/webhook (signed events),
//   GET /api/me/entitlements (the caller's plan); nullopt for other paths.
std::optional<HttpResponse> route_billing(const HttpRequest& request, const std::vector<std::string>& parts,
                                          const Result<store::User>& caller, ConsoleServices& services);

}  // namespace mockroom::api
