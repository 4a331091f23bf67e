// Pricing tiers and entitlements (admins):
//   GET    /api/admin/tiers                     -> {tiers}
//   PUT    /api/admin/tiers/:id                 tier fields -> the tier (created if new)
//   GET    /api/admin/users/:id/entitlements    -> {user, plan, entitlements, week}
//   POST   /api/admin/users/:id/entitlements    {tierId, days?, credits?, note?} -> 201 the entitlement
//   DELETE /api/admin/entitlements/:id          -> the entitlement, revoked
#include "api/admin_router.h"

namespace mockroom::api {

using nlohmann::json;

namespace {

HttpResponse list_tiers(const AdminRequest& r) {
  auto tiers = r.services.store.billing().list_tiers();
  if (!tiers.ok()) return error_response(tiers.error());
  json out = json::array();
  for (const auto& t : *tiers) out.push_back(billing::tier_json(t));
  return json_response(200, {{"tiers", out}, {"defaultTier", r.services.billing.config().default_tier}});
}

HttpResponse save_tier(const AdminRequest& r) {
  auto body = parse_body(r.http.body);
  if (!body.ok()) return error_response(body.error());
  const std::string& id = r.params[0];
  auto current = r.services.store.billing().find_tier(id);
  if (!current.ok() && current.error().code != ErrorCode::kNotFound) return error_response(current.error());
  auto tier = billing::parse_tier(id, *body, current.ok() ? &current.value() : nullptr);
  if (!tier.ok()) return error_response(tier.error());
  tier->updated_by = r.user.id;
  tier->updated_at = r.services.now_ms();
  if (auto st = r.services.store.billing().save_tier(*tier); !st.ok()) return error_response(st.error());
  json saved = billing::tier_json(*tier);
  (void)r.services.audit.record(r.user, current.ok() ? "tier.update" : "tier.create", "tier:" + id,
                                {{"before", current.ok() ? billing::tier_json(*current) : json(nullptr)}, {"after", saved}});
  return json_response(current.ok() ? 200 : 201, saved);
}

HttpResponse user_entitlements(const AdminRequest& r) {
  auto id = id_param(r.params[0], "user");
  if (!id.ok()) return error_response(id.error());
  auto user = r.services.store.find_user(*id);
  if (!user.ok()) return error_response(not_found("no user " + r.params[0]));
  auto account = r.services.billing.account(*user);
  if (!account.ok()) return error_response(account.error());
  (*account)["user"] = {{"id", user->id}, {"email", user->email}, {"name", user->name},
                        {"role", store::role_name(user->role)}};
  return json_response(200, *account);
}

HttpResponse grant_entitlement(const AdminRequest& r) {
  auto id = id_param(r.params[0], "user");
  if (!id.ok()) return error_response(id.error());
  auto body = parse_body(r.http.body);
  if (!body.ok()) return error_response(body.error());
  auto granted = r.services.billing.grant(*id, *body, r.user);
  if (!granted.ok()) return error_response(granted.error());
  json out = billing::entitlement_json(*granted, r.services.now_ms());
  (void)r.services.audit.record(r.user, "entitlement.grant", "user:" + std::to_string(*id), out);
  return json_response(201, out);
}

HttpResponse revoke_entitlement(const AdminRequest& r) {
  auto id = id_param(r.params[0], "entitlement");
  if (!id.ok()) return error_response(id.error());
  if (auto st = r.services.billing.revoke(*id); !st.ok()) return error_response(st.error());
  auto revoked = r.services.store.billing().find_entitlement(*id);
  if (!revoked.ok()) return error_response(revoked.error());
  json out = billing::entitlement_json(*revoked, r.services.now_ms());
  (void)r.services.audit.record(r.user, "entitlement.revoke", "user:" + std::to_string(revoked->user_id), out);
  return json_response(200, out);
}

constexpr AdminRoute kRoutes[] = {
    {"GET", "tiers", Access::kAdmin, list_tiers, "pricing tiers"},
    {"PUT", "tiers/:id", Access::kAdmin, save_tier, "editing pricing tiers"},
    {"GET", "users/:id/entitlements", Access::kAdmin, user_entitlements, "entitlements"},
    {"POST", "users/:id/entitlements", Access::kAdmin, grant_entitlement, "granting entitlements"},
    {"DELETE", "entitlements/:id", Access::kAdmin, revoke_entitlement, "revoking entitlements"},
};

}  // namespace

std::span<const AdminRoute> billing_routes() { return kRoutes; }

}  // namespace mockroom::api
