#include "admin/audit_log.h"

#include <spdlog/spdlog.h>

namespace mockroom::admin {

using nlohmann::json;

Status AuditLog::record(const store::User& actor, const std::string& action, const std::string& target,
                        const json& detail) {
  std::string text = detail.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > kMaxAuditDetailBytes) {
    text = json{{"truncated", true}, {"bytes", text.size()}}.dump();
  }
  store::AuditEntry entry{0, now_ms_(), actor.id, actor.email, store::role_name(actor.role), action, target, text};
  auto st = store_.admin().append_audit(entry);
  if (!st.ok()) {
    spdlog::error("audit log: cannot record {} on {} by user {}: {}", action, target, actor.id, st.error().message);
  }
  return st;
}

Result<json> AuditLog::list(const store::AuditQuery& query) {
  auto rows = store_.admin().list_audit(query);
  if (!rows.ok()) return rows.error();
  json entries = json::array();
  for (const auto& e : *rows) {
    entries.push_back({{"id", e.id},
                       {"at", e.at_ms},
                       {"actor", {{"id", e.actor_id}, {"email", e.actor_email}, {"role", e.actor_role}}},
                       {"action", e.action},
                       {"target", e.target},
                       {"detail", json::parse(e.detail_json, nullptr, false)}});
  }
  const bool more = static_cast<int>(rows->size()) == std::clamp(query.limit, 1, store::kMaxAuditPage);
  return json{{"entries", entries}, {"nextBefore", more && !rows->empty() ? json(rows->back().id) : json(nullptr)}};
}

}  // namespace mockroom::admin
