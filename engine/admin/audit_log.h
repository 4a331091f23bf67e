// AuditLog: who changed what, and when, for every change a coach, operator or admin makes
// through the console (provider choices, roles, the question bank, rubrics, formats,
// prompts, tiers, entitlements). Entries are appended after the change succeeded and never
// rewritten. Details never carry secrets: callers pass what changed, not credential values.
// Thread-safe (stateless over the store).
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "store/admin_store.h"
#include "store/store.h"
#include "util/result.h"

namespace mockroom::admin {

// The most detail kept per entry; larger details are replaced by a note saying so.
inline constexpr std::size_t kMaxAuditDetailBytes = 16 * 1024;

class AuditLog {
 public:
  AuditLog(store::Store& store, std::function<int64_t()> now_ms) : store_(store), now_ms_(std::move(now_ms)) {}

  // Appends one entry. A storage failure is logged as an error (the change it describes
  // has already happened) and returned.
  Status record(const store::User& actor, const std::string& action, const std::string& target,
                const nlohmann::json& detail = nlohmann::json::object());

  // {entries: [{id, at, actor: {id, email, role}, action, target, detail}], nextBefore}
  // newest first; nextBefore pages on (null at the end).
  Result<nlohmann::json> list(const store::AuditQuery& query);

 private:
  store::Store& store_;
  std::function<int64_t()> now_ms_;
};

}  // namespace mockroom::admin
