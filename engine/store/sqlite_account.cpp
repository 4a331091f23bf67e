// Tokens being revoked and each candidate's onboarding (profile, walkthrough) in SQLite.
#include "store/sqlite_queries.h"

namespace mockroom::store::sql {

void delete_token(Db& db, const std::string& token_hash) {
  auto stmt = db.prepare("DELETE FROM auth_tokens WHERE token_hash = ?");
  stmt.bind(1, token_hash);
  stmt.run();
}

AccountProfile find_account_profile(Db& db, int64_t user_id) {
  auto stmt = db.prepare(
      "SELECT profile_json, profile_updated_at, walkthrough_outcome, walkthrough_step, "
      "walkthrough_at FROM account_profiles WHERE user_id = ?");
  stmt.bind(1, user_id);
  AccountProfile out;
  out.user_id = user_id;
  if (!stmt.step()) return out;
  out.profile_json = stmt.text(0);
  out.profile_updated_at = stmt.int64(1);
  out.walkthrough_outcome = stmt.text(2);
  out.walkthrough_step = static_cast<int>(stmt.int64(3));
  out.walkthrough_at = stmt.int64(4);
  return out;
}

void save_profile(Db& db, int64_t user_id, const std::string& profile_json, int64_t at) {
  auto stmt = db.prepare(
      "INSERT INTO account_profiles(user_id, profile_json, profile_updated_at) VALUES(?,?,?) "
      "ON CONFLICT(user_id) DO UPDATE SET profile_json = excluded.profile_json, "
      "profile_updated_at = excluded.profile_updated_at");
  stmt.bind(1, user_id).bind(2, profile_json).bind(3, at);
  stmt.run();
}

void save_walkthrough(Db& db, int64_t user_id, const std::string& outcome, int step, int64_t at) {
  auto stmt = db.prepare(
      "INSERT INTO account_profiles(user_id, walkthrough_outcome, walkthrough_step, walkthrough_at) "
      "VALUES(?,?,?,?) ON CONFLICT(user_id) DO UPDATE SET "
      "walkthrough_outcome = excluded.walkthrough_outcome, "
      "walkthrough_step = excluded.walkthrough_step, walkthrough_at = excluded.walkthrough_at");
  stmt.bind(1, user_id).bind(2, outcome).bind(3, int64_t{step}).bind(4, at);
  stmt.run();
}

}  // namespace mockroom::store::sql
