// A candidate's resume and prep packages in SQLite.
#include "store/sqlite_queries.h"

namespace mockroom::store::sql {
namespace {

constexpr const char* kPackageColumns =
    "id, user_id, kind, timezone, starts_at, ends_at, setup_json, plan_json, created_at";

PackageRecord read_package(const Stmt& s) {
  return {s.text(0), s.int64(1), s.text(2), s.text(3), s.int64(4),
          s.int64(5), s.text(6), s.text(7), s.int64(8)};
}

}  // namespace

void save_resume(Db& db, const ResumeRecord& r) {
  auto stmt = db.prepare(
      "INSERT INTO resumes(user_id, filename, content_type, text, profile_json, uploaded_at) "
      "VALUES(?,?,?,?,?,?) ON CONFLICT(user_id) DO UPDATE SET filename = excluded.filename, "
      "content_type = excluded.content_type, text = excluded.text, "
      "profile_json = excluded.profile_json, uploaded_at = excluded.uploaded_at");
  stmt.bind(1, r.user_id).bind(2, r.filename).bind(3, r.content_type).bind(4, r.text)
      .bind(5, r.profile_json).bind(6, r.uploaded_at);
  stmt.run();
}

Result<ResumeRecord> find_resume(Db& db, int64_t user_id) {
  auto stmt = db.prepare(
      "SELECT user_id, filename, content_type, text, profile_json, uploaded_at FROM resumes "
      "WHERE user_id = ?");
  stmt.bind(1, user_id);
  if (!stmt.step()) return not_found("no resume uploaded yet");
  return ResumeRecord{stmt.int64(0), stmt.text(1), stmt.text(2),
                      stmt.text(3),  stmt.text(4), stmt.int64(5)};
}

void create_package(Db& db, const PackageRecord& p) {
  auto stmt = db.prepare(std::string("INSERT INTO packages(") + kPackageColumns +
                         ") VALUES(?,?,?,?,?,?,?,?,?)");
  stmt.bind(1, p.id).bind(2, p.user_id).bind(3, p.kind).bind(4, p.timezone).bind(5, p.starts_at)
      .bind(6, p.ends_at).bind(7, p.setup_json).bind(8, p.plan_json).bind(9, p.created_at);
  stmt.run();
}

Result<PackageRecord> find_package(Db& db, const std::string& id) {
  auto stmt = db.prepare(std::string("SELECT ") + kPackageColumns + " FROM packages WHERE id = ?");
  stmt.bind(1, id);
  if (!stmt.step()) return not_found("package not found");
  return read_package(stmt);
}

std::vector<PackageRecord> list_packages(Db& db, int64_t user_id) {
  auto stmt = db.prepare(std::string("SELECT ") + kPackageColumns +
                         " FROM packages WHERE user_id = ? ORDER BY created_at DESC, id");
  stmt.bind(1, user_id);
  std::vector<PackageRecord> out;
  while (stmt.step()) out.push_back(read_package(stmt));
  return out;
}

Status update_package_plan(Db& db, const std::string& id, const std::string& plan_json) {
  auto stmt = db.prepare("UPDATE packages SET plan_json = ? WHERE id = ?");
  stmt.bind(1, plan_json).bind(2, id);
  stmt.run();
  if (db.changes() == 0) return not_found("package not found");
  return {};
}

}  // namespace mockroom::store::sql
