// AdminStore in SQLite: provider settings, the audit log, users and shared sessions.
#include <algorithm>

#include "store/admin_store.h"
#include "store/sqlite_repositories.h"

namespace mockroom::store {
namespace {

class SqliteAdminStore final : public AdminStore {
 public:
  explicit SqliteAdminStore(const SqliteAccess& access) : db_(access) {}

  Result<std::vector<PluginSetting>> list_plugin_settings() override {
    return db_.read<Result<std::vector<PluginSetting>>>([](Db& db) {
      auto stmt = db.prepare(
          "SELECT kind, use, config_json, sealed_secrets, updated_by, updated_at FROM plugin_settings "
          "ORDER BY kind");
      std::vector<PluginSetting> out;
      while (stmt.step()) {
        out.push_back({stmt.text(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.int64(4), stmt.int64(5)});
      }
      return out;
    });
  }

  Status save_plugin_setting(const PluginSetting& s) override {
    return db_.write<Status>([&](Db& db) -> Status {
      auto stmt = db.prepare(
          "INSERT INTO plugin_settings(kind, use, config_json, sealed_secrets, updated_by, updated_at) "
          "VALUES(?,?,?,?,?,?) ON CONFLICT(kind) DO UPDATE SET use = excluded.use, "
          "config_json = excluded.config_json, sealed_secrets = excluded.sealed_secrets, "
          "updated_by = excluded.updated_by, updated_at = excluded.updated_at");
      stmt.bind(1, s.kind).bind(2, s.use).bind(3, s.config_json).bind(4, s.sealed_secrets)
          .bind(5, s.updated_by).bind(6, s.updated_at);
      stmt.run();
      return {};
    });
  }

  Status append_audit(const AuditEntry& e) override {
    return db_.write<Status>([&](Db& db) -> Status {
      auto stmt = db.prepare(
          "INSERT INTO audit_log(at_ms, actor_id, actor_email, actor_role, action, target, detail_json) "
          "VALUES(?,?,?,?,?,?,?)");
      stmt.bind(1, e.at_ms).bind(2, e.actor_id).bind(3, e.actor_email).bind(4, e.actor_role)
          .bind(5, e.action).bind(6, e.target).bind(7, e.detail_json);
      stmt.run();
      return {};
    });
  }

  Result<std::vector<AuditEntry>> list_audit(const AuditQuery& q) override {
    return db_.read<Result<std::vector<AuditEntry>>>([&](Db& db) {
      // One SQL text for every filter combination, so the statement stays compiled.
      auto stmt = db.prepare(
          "SELECT id, at_ms, actor_id, actor_email, actor_role, action, target, detail_json FROM audit_log "
          "WHERE (?1 = 0 OR actor_id = ?1) AND (?2 = '' OR substr(action, 1, length(?2)) = ?2) "
          "AND (?3 = '' OR target = ?3) AND (?4 = 0 OR at_ms >= ?4) AND (?5 = 0 OR at_ms <= ?5) "
          "AND (?6 = 0 OR id < ?6) ORDER BY id DESC LIMIT ?7");
      stmt.bind(1, q.actor_id).bind(2, q.action_prefix).bind(3, q.target).bind(4, q.since_ms)
          .bind(5, q.until_ms).bind(6, q.before_id)
          .bind(7, static_cast<int64_t>(std::clamp(q.limit, 1, kMaxAuditPage)));
      std::vector<AuditEntry> out;
      while (stmt.step()) {
        out.push_back({stmt.int64(0), stmt.int64(1), stmt.int64(2), stmt.text(3), stmt.text(4), stmt.text(5),
                       stmt.text(6), stmt.text(7)});
      }
      return out;
    });
  }

  Result<UserPage> list_users(const UserQuery& q) override {
    return db_.read<Result<UserPage>>([&](Db& db) {
      std::string like = "%" + q.text + "%";
      std::string role = q.role ? role_name(*q.role) : "";
      const char* where = " FROM users WHERE (?1 = '%%' OR email LIKE ?1 OR name LIKE ?1) AND (?2 = '' OR role = ?2)";
      UserPage page;
      auto count = db.prepare(std::string("SELECT count(*)") + where);
      count.bind(1, like).bind(2, role);
      count.step();
      page.total = count.int64(0);
      auto stmt = db.prepare(std::string("SELECT id, email, name, role, created_at") + where +
                             " ORDER BY id LIMIT ?3 OFFSET ?4");
      stmt.bind(1, like).bind(2, role).bind(3, static_cast<int64_t>(std::clamp(q.limit, 1, kMaxUserPage)))
          .bind(4, static_cast<int64_t>(std::max(0, q.offset)));
      while (stmt.step()) {
        User u;
        u.id = stmt.int64(0);
        u.email = stmt.text(1);
        u.name = stmt.text(2);
        u.role = parse_role(stmt.text(3)).value_or(Role::kCandidate);
        u.created_at = stmt.int64(4);
        page.users.push_back(std::move(u));
      }
      return page;
    });
  }

  Result<int64_t> count_users_with_role(Role role) override {
    return db_.read<Result<int64_t>>([&](Db& db) { return count_role(db, role); });
  }

  Status change_role(int64_t id, Role role) override {
    return db_.write<Status>([&](Db& db) -> Status {
      auto current = db.prepare("SELECT role FROM users WHERE id = ?");
      current.bind(1, id);
      if (!current.step()) return not_found("no user with id " + std::to_string(id));
      if (current.text(0) == role_name(Role::kAdmin) && role != Role::kAdmin && count_role(db, Role::kAdmin) <= 1) {
        return conflict("this is the last admin; make another admin first");
      }
      auto stmt = db.prepare("UPDATE users SET role = ? WHERE id = ?");
      stmt.bind(1, role_name(role)).bind(2, id);
      stmt.run();
      return {};
    });
  }

  Status share_session(const SessionShare& s) override {
    return db_.write<Status>([&](Db& db) -> Status {
      auto stmt = db.prepare(
          "INSERT INTO session_shares(session_id, user_id, shared_at) VALUES(?,?,?) "
          "ON CONFLICT(session_id) DO NOTHING");
      stmt.bind(1, s.session_id).bind(2, s.user_id).bind(3, s.shared_at);
      stmt.run();
      return {};
    });
  }

  Status unshare_session(const std::string& session_id) override {
    return db_.write<Status>([&](Db& db) -> Status {
      auto stmt = db.prepare("DELETE FROM session_shares WHERE session_id = ?");
      stmt.bind(1, session_id);
      stmt.run();
      return {};
    });
  }

  Result<std::optional<SessionShare>> find_share(const std::string& session_id) override {
    return db_.read<Result<std::optional<SessionShare>>>([&](Db& db) -> std::optional<SessionShare> {
      auto stmt = db.prepare("SELECT session_id, user_id, shared_at FROM session_shares WHERE session_id = ?");
      stmt.bind(1, session_id);
      if (!stmt.step()) return std::nullopt;
      return SessionShare{stmt.text(0), stmt.int64(1), stmt.int64(2)};
    });
  }

  Result<std::vector<SessionShare>> list_shares(int limit, int offset) override {
    return db_.read<Result<std::vector<SessionShare>>>([&](Db& db) {
      auto stmt = db.prepare(
          "SELECT session_id, user_id, shared_at FROM session_shares ORDER BY shared_at DESC, session_id "
          "LIMIT ? OFFSET ?");
      stmt.bind(1, static_cast<int64_t>(std::clamp(limit, 1, kMaxUserPage))).bind(2, static_cast<int64_t>(std::max(0, offset)));
      std::vector<SessionShare> out;
      while (stmt.step()) out.push_back({stmt.text(0), stmt.int64(1), stmt.int64(2)});
      return out;
    });
  }

 private:
  static int64_t count_role(Db& db, Role role) {
    auto stmt = db.prepare("SELECT count(*) FROM users WHERE role = ?");
    stmt.bind(1, role_name(role));
    stmt.step();
    return stmt.int64(0);
  }

  SqliteAccess db_;
};

}  // namespace

std::unique_ptr<AdminStore> make_sqlite_admin_store(const SqliteAccess& access) {
  return std::make_unique<SqliteAdminStore>(access);
}

}  // namespace mockroom::store
