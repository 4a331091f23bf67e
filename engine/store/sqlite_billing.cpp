// BillingStore in SQLite: tiers, entitlements, usage reservations and payment events.
#include "store/sqlite_repositories.h"

namespace mockroom::store {
namespace {

constexpr const char* kTierColumns =
    "id, name, kind, description, price_cents, currency, period_months, valid_days, limits_json, features_json, "
    "active, listed, sort, updated_by, updated_at, checkout_url";
constexpr const char* kEntitlementColumns =
    "id, user_id, tier_id, source, starts_at, ends_at, credits_total, credits_used, revoked_at, granted_by, "
    "payment_ref, note, created_at";
constexpr const char* kUsageColumns = "id, user_id, session_id, kind, entitlement_id, tier_id, at_ms";

// Free-plan interviews the user started at or after `since_ms`.
int count_free(Db& db, int64_t user_id, int64_t since_ms) {
  auto count = db.prepare("SELECT count(*) FROM usage WHERE user_id = ? AND kind = 'free' AND at_ms >= ?");
  count.bind(1, user_id).bind(2, since_ms);
  count.step();
  return static_cast<int>(count.int64(0));
}

Tier read_tier(const Stmt& s) {
  Tier t;
  t.id = s.text(0);
  t.name = s.text(1);
  t.kind = s.text(2);
  t.description = s.text(3);
  t.price_cents = s.int64(4);
  t.currency = s.text(5);
  t.period_months = static_cast<int>(s.int64(6));
  t.valid_days = static_cast<int>(s.int64(7));
  t.limits_json = s.text(8);
  t.features_json = s.text(9);
  t.active = s.int64(10) != 0;
  t.listed = s.int64(11) != 0;
  t.sort = static_cast<int>(s.int64(12));
  t.updated_by = s.int64(13);
  t.updated_at = s.int64(14);
  t.checkout_url = s.text(15);
  return t;
}

Entitlement read_entitlement(const Stmt& s) {
  Entitlement e;
  e.id = s.int64(0);
  e.user_id = s.int64(1);
  e.tier_id = s.text(2);
  e.source = s.text(3);
  e.starts_at = s.int64(4);
  e.ends_at = s.int64(5);
  e.credits_total = static_cast<int>(s.int64(6));
  e.credits_used = static_cast<int>(s.int64(7));
  e.revoked_at = s.int64(8);
  e.granted_by = s.int64(9);
  e.payment_ref = s.text(10);
  e.note = s.text(11);
  e.created_at = s.int64(12);
  return e;
}

Result<Entitlement> find_entitlement_in(Db& db, int64_t id) {
  auto stmt = db.prepare(std::string("SELECT ") + kEntitlementColumns + " FROM entitlements WHERE id = ?");
  stmt.bind(1, id);
  if (!stmt.step()) return not_found("no entitlement " + std::to_string(id));
  return read_entitlement(stmt);
}

Result<Entitlement> insert_entitlement(Db& db, const Entitlement& e) {
  auto stmt = db.prepare(
      "INSERT INTO entitlements(user_id, tier_id, source, starts_at, ends_at, credits_total, credits_used, "
      "revoked_at, granted_by, payment_ref, note, created_at) VALUES(?,?,?,?,?,?,0,0,?,?,?,?)");
  stmt.bind(1, e.user_id).bind(2, e.tier_id).bind(3, e.source).bind(4, e.starts_at).bind(5, e.ends_at)
      .bind(6, int64_t{e.credits_total}).bind(7, e.granted_by).bind(8, e.payment_ref).bind(9, e.note)
      .bind(10, e.created_at);
  stmt.run();
  return find_entitlement_in(db, db.last_insert_rowid());
}

class SqliteBillingStore final : public BillingStore {
 public:
  explicit SqliteBillingStore(const SqliteAccess& access) : db_(access) {}

  Result<std::vector<Tier>> list_tiers() override {
    return db_.read<Result<std::vector<Tier>>>([](Db& db) {
      auto stmt = db.prepare(std::string("SELECT ") + kTierColumns + " FROM tiers ORDER BY sort, id");
      std::vector<Tier> out;
      while (stmt.step()) out.push_back(read_tier(stmt));
      return out;
    });
  }

  Result<Tier> find_tier(const std::string& id) override {
    return db_.read<Result<Tier>>([&](Db& db) -> Result<Tier> {
      auto stmt = db.prepare(std::string("SELECT ") + kTierColumns + " FROM tiers WHERE id = ?");
      stmt.bind(1, id);
      if (!stmt.step()) return not_found("no tier '" + id + "'");
      return read_tier(stmt);
    });
  }

  Status save_tier(const Tier& t) override {
    return db_.write<Status>([&](Db& db) -> Status {
      auto stmt = db.prepare(
          "INSERT INTO tiers(id, name, kind, description, price_cents, currency, period_months, valid_days, "
          "limits_json, features_json, active, listed, sort, updated_by, updated_at, checkout_url) "
          "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
          "kind = excluded.kind, description = excluded.description, price_cents = excluded.price_cents, "
          "currency = excluded.currency, period_months = excluded.period_months, valid_days = excluded.valid_days, "
          "limits_json = excluded.limits_json, features_json = excluded.features_json, active = excluded.active, "
          "listed = excluded.listed, sort = excluded.sort, updated_by = excluded.updated_by, "
          "updated_at = excluded.updated_at, checkout_url = excluded.checkout_url");
      stmt.bind(1, t.id).bind(2, t.name).bind(3, t.kind).bind(4, t.description).bind(5, t.price_cents)
          .bind(6, t.currency).bind(7, int64_t{t.period_months}).bind(8, int64_t{t.valid_days})
          .bind(9, t.limits_json).bind(10, t.features_json).bind(11, int64_t{t.active ? 1 : 0})
          .bind(12, int64_t{t.listed ? 1 : 0}).bind(13, int64_t{t.sort}).bind(14, t.updated_by).bind(15, t.updated_at)
          .bind(16, t.checkout_url);
      stmt.run();
      return {};
    });
  }

  Result<Entitlement> grant(const Entitlement& e) override {
    return db_.write<Result<Entitlement>>([&](Db& db) { return insert_entitlement(db, e); });
  }

  Status revoke(int64_t id, int64_t at_ms) override {
    return db_.write<Status>([&](Db& db) -> Status {
      auto found = find_entitlement_in(db, id);
      if (!found.ok()) return found.error();
      auto stmt = db.prepare("UPDATE entitlements SET revoked_at = ? WHERE id = ? AND revoked_at = 0");
      stmt.bind(1, at_ms).bind(2, id);
      stmt.run();
      return {};
    });
  }

  Result<Entitlement> find_entitlement(int64_t id) override {
    return db_.read<Result<Entitlement>>([&](Db& db) { return find_entitlement_in(db, id); });
  }

  Result<std::vector<Entitlement>> entitlements(int64_t user_id) override {
    return db_.read<Result<std::vector<Entitlement>>>([&](Db& db) {
      auto stmt = db.prepare(std::string("SELECT ") + kEntitlementColumns +
                             " FROM entitlements WHERE user_id = ? ORDER BY id DESC");
      stmt.bind(1, user_id);
      std::vector<Entitlement> out;
      while (stmt.step()) out.push_back(read_entitlement(stmt));
      return out;
    });
  }

  Result<int64_t> reserve(const UsageRequest& r) override {
    return db_.write<Result<int64_t>>([&](Db& db) -> Result<int64_t> {
      const Usage& u = r.usage;
      if (u.kind == "free") {
        if (count_free(db, u.user_id, r.since_ms) >= r.free_limit) return conflict("the free interviews of this week are used");
      } else if (u.kind == "credit" || u.kind == "package") {
        auto take = db.prepare(
            "UPDATE entitlements SET credits_used = credits_used + 1 WHERE id = ? AND user_id = ? "
            "AND revoked_at = 0 AND credits_used < credits_total");
        take.bind(1, u.entitlement_id).bind(2, u.user_id);
        take.run();
        if (db.changes() == 0) return conflict("entitlement " + std::to_string(u.entitlement_id) + " has no uses left");
      }
      auto stmt = db.prepare(
          "INSERT INTO usage(user_id, session_id, kind, entitlement_id, tier_id, at_ms) VALUES(?,?,?,?,?,?)");
      stmt.bind(1, u.user_id).bind(2, u.session_id).bind(3, u.kind).bind(4, u.entitlement_id).bind(5, u.tier_id)
          .bind(6, u.at_ms);
      stmt.run();
      return db.last_insert_rowid();
    });
  }

  Status attach_session(int64_t usage_id, const std::string& session_id) override {
    return db_.write<Status>([&](Db& db) -> Status {
      auto stmt = db.prepare("UPDATE usage SET session_id = ? WHERE id = ?");
      stmt.bind(1, session_id).bind(2, usage_id);
      stmt.run();
      return {};
    });
  }

  Status release(int64_t usage_id) override {
    return db_.write<Status>([&](Db& db) -> Status {
      auto find = db.prepare("SELECT kind, entitlement_id FROM usage WHERE id = ?");
      find.bind(1, usage_id);
      if (!find.step()) return {};
      std::string kind = find.text(0);
      int64_t entitlement = find.int64(1);
      if ((kind == "credit" || kind == "package") && entitlement) {
        auto give_back = db.prepare("UPDATE entitlements SET credits_used = credits_used - 1 WHERE id = ? AND credits_used > 0");
        give_back.bind(1, entitlement);
        give_back.run();
      }
      auto drop = db.prepare("DELETE FROM usage WHERE id = ?");
      drop.bind(1, usage_id);
      drop.run();
      return {};
    });
  }

  Result<int> free_usage_since(int64_t user_id, int64_t since_ms) override {
    return db_.read<Result<int>>([&](Db& db) -> Result<int> { return count_free(db, user_id, since_ms); });
  }

  Result<std::optional<Usage>> usage_of_session(const std::string& session_id) override {
    return db_.read<Result<std::optional<Usage>>>([&](Db& db) -> std::optional<Usage> {
      auto stmt = db.prepare(std::string("SELECT ") + kUsageColumns + " FROM usage WHERE session_id = ? LIMIT 1");
      stmt.bind(1, session_id);
      if (!stmt.step()) return std::nullopt;
      return Usage{stmt.int64(0), stmt.int64(1), stmt.text(2), stmt.text(3), stmt.int64(4), stmt.text(5), stmt.int64(6)};
    });
  }

  Result<PaymentOutcome> apply_payment(const PaymentEvent& ev, const std::optional<Entitlement>& grant,
                                       const std::string& revoke_payment_ref) override {
    return db_.write<Result<PaymentOutcome>>([&](Db& db) -> Result<PaymentOutcome> {
      PaymentOutcome out;
      auto seen = db.prepare(
          "INSERT INTO payment_events(event_id, type, received_at, outcome_json) VALUES(?,?,?,?) "
          "ON CONFLICT(event_id) DO NOTHING");
      seen.bind(1, ev.event_id).bind(2, ev.type).bind(3, ev.received_at).bind(4, ev.outcome_json);
      seen.run();
      if (db.changes() == 0) {
        out.duplicate = true;
        return out;
      }
      if (grant) {
        auto granted = insert_entitlement(db, *grant);
        if (!granted.ok()) return granted.error();
        out.granted = *granted;
      }
      if (!revoke_payment_ref.empty()) {
        auto revoke = db.prepare("UPDATE entitlements SET revoked_at = ? WHERE payment_ref = ? AND revoked_at = 0");
        revoke.bind(1, ev.received_at).bind(2, revoke_payment_ref);
        revoke.run();
        out.revoked = db.changes();
      }
      return out;
    });
  }

 private:
  SqliteAccess db_;
};

}  // namespace

std::unique_ptr<BillingStore> make_sqlite_billing_store(const SqliteAccess& access) {
  return std::make_unique<SqliteBillingStore>(access);
}

}  // namespace mockroom::store
