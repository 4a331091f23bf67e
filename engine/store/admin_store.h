// AdminStore: what the admin console keeps beside the interviews: the operators' provider
// settings, the audit log of staff changes, user listings and candidates' shared sessions.
// Reached through Store::admin(); implementations are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/result.h"

namespace mockroom::store {

// The provider an operator chose for one plugin kind. Secret config values (API keys,
// tokens) are never in config_json: they are sealed (util/secret_box.h) in sealed_secrets.
struct PluginSetting {
  std::string kind;            // "llm", "scorer", "runner", ...
  std::string use;             // the plugin's name
  std::string config_json;     // the plugin's config without its secrets
  std::string sealed_secrets;  // hex of the sealed {path: value} secrets, "" for none
  int64_t updated_by = 0;
  int64_t updated_at = 0;      // unix ms
};

// One change made by a coach, operator or admin.
struct AuditEntry {
  int64_t id = 0;
  int64_t at_ms = 0;
  int64_t actor_id = 0;
  std::string actor_email;
  std::string actor_role;
  std::string action;       // "plugin.activate", "user.role", "question.update", ...
  std::string target;       // what it was done to: "llm", "user:12", "question:two-sum"
  std::string detail_json;  // what changed (never a secret), "{}" for nothing more
};

inline constexpr int kMaxAuditPage = 500;

struct AuditQuery {
  int64_t actor_id = 0;        // 0 = anyone
  std::string action_prefix;   // "question." matches every question action; "" = all
  std::string target;          // exact; "" = all
  int64_t since_ms = 0;        // 0 = from the start
  int64_t until_ms = 0;        // 0 = until now
  int64_t before_id = 0;       // paging: entries older than this id; 0 = newest first
  int limit = 100;             // 1..kMaxAuditPage
};

inline constexpr int kMaxUserPage = 200;

struct UserQuery {
  std::string text;           // part of the email or name, "" = all
  std::optional<Role> role;   // only this role
  int limit = 50;             // 1..kMaxUserPage
  int offset = 0;
};

struct UserPage {
  std::vector<User> users;  // by id; password hashes left empty
  int64_t total = 0;        // matching the query, all pages
};

// A session its candidate chose to show to the admins.
struct SessionShare {
  std::string session_id;
  int64_t user_id = 0;
  int64_t shared_at = 0;  // unix ms
};

class AdminStore {
 public:
  virtual ~AdminStore() = default;

  // Provider settings, one per kind; saving replaces the kind's row.
  virtual Result<std::vector<PluginSetting>> list_plugin_settings() = 0;
  virtual Status save_plugin_setting(const PluginSetting& setting) = 0;

  // The audit log: appended, never changed; listed newest first.
  virtual Status append_audit(const AuditEntry& entry) = 0;
  virtual Result<std::vector<AuditEntry>> list_audit(const AuditQuery& query) = 0;

  // Accounts, for the users page.
  virtual Result<UserPage> list_users(const UserQuery& query) = 0;
  virtual Result<int64_t> count_users_with_role(Role role) = 0;
  // Changes `id`'s role unless that would leave no admin: a conflict then (checked and
  // written in one transaction, so two admins demoting each other cannot both succeed).
  virtual Status change_role(int64_t id, Role role) = 0;

  // Shared sessions: sharing twice keeps the first time; unsharing is a no-op when not shared.
  virtual Status share_session(const SessionShare& share) = 0;
  virtual Status unshare_session(const std::string& session_id) = 0;
  virtual Result<std::optional<SessionShare>> find_share(const std::string& session_id) = 0;
  virtual Result<std::vector<SessionShare>> list_shares(int limit, int offset) = 0;
};

}  // namespace mockroom::store
