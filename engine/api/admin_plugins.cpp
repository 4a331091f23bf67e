// The operators' providers page:
//   GET /api/admin/plugins        every loaded plugin with its health, and each kind's provider
//   PUT /api/admin/plugins/:kind  {use, config} -> the kind's provider, applied at once
// Secret config values are write-only (config/provider_settings.h).
#include <filesystem>

#include "api/admin_router.h"

namespace mockroom::api {

using nlohmann::json;

namespace {

json recent_json(const plugin::RecentCalls& r) {
  return {{"calls", r.calls},
          {"failures", r.failures},
          {"fallbacks", r.fallbacks},
          {"errorRate", r.error_rate},
          {"latencyMs", {{"p50", r.p50_ms}, {"p95", r.p95_ms}, {"max", r.max_ms}}},
          {"failureStreak", r.failure_streak},
          {"lastCallAt", r.last_call_ms ? json(r.last_call_ms) : json(nullptr)},
          {"lastError", r.last_error.empty() ? json(nullptr) : json(r.last_error)}};
}

json provider_json(const config::ProviderView& v) {
  return {{"kind", v.kind},     {"use", v.use},         {"config", v.config}, {"secretsSet", v.secrets_set},
          {"origin", v.origin}, {"updatedBy", v.updated_by ? json(v.updated_by) : json(nullptr)},
          {"updatedAt", v.updated_at ? json(v.updated_at) : json(nullptr)}};
}

HttpResponse list_plugins(const AdminRequest& r) {
  json plugins = json::array();
  for (const auto& p : r.services.plugins.list()) {
    plugins.push_back({{"kind", p.kind},
                       {"name", p.name},
                       {"version", p.version},
                       {"description", p.description},
                       {"file", std::filesystem::path(p.path).filename().string()},
                       {"active", p.active},
                       {"fallback", p.fallback},
                       {"health", p.health},
                       {"calls", p.calls},
                       {"failures", p.failures},
                       {"fallbacks", p.fallbacks},
                       {"recent", recent_json(p.recent)}});
  }
  json providers = json::array();
  for (const auto& v : r.services.providers.views()) providers.push_back(provider_json(v));
  return json_response(200, {{"plugins", plugins},
                             {"providers", providers},
                             {"kinds", {"llm", "scorer", "stt", "tts", "runner"}},
                             {"window", {{"calls", plugin::kRecentCallWindow}, {"seconds", plugin::kRecentWindowMs / 1000}}}});
}

HttpResponse choose_provider(const AdminRequest& r) {
  auto body = parse_body(r.http.body);
  if (!body.ok()) return error_response(body.error());
  const std::string& kind = r.params[0];
  auto view = r.services.providers.apply(kind, *body, r.user, r.services.now_ms());
  if (!view.ok()) return error_response(view.error());
  // What changed, never a secret's value: the config without secrets and which are set.
  (void)r.services.audit.record(r.user, "plugin.activate", "plugins." + kind,
                                {{"use", view->use}, {"config", view->config}, {"secretsSet", view->secrets_set}});
  return json_response(200, provider_json(*view));
}

constexpr AdminRoute kRoutes[] = {
    {"GET", "plugins", Access::kOperator, list_plugins, "the plugins page"},
    {"PUT", "plugins/:kind", Access::kOperator, choose_provider, "choosing a provider"},
};

}  // namespace

std::span<const AdminRoute> plugin_routes() { return kRoutes; }

}  // namespace mockroom::api
