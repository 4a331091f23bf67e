// AuthoringStore in SQLite: coach-owned questions beside the bundled ones, rubric versions
// and format publications.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "store/sqlite_queries.h"
#include "store/sqlite_repositories.h"

namespace mockroom::store {
namespace {

using nlohmann::json;

constexpr const char* kAuthoredColumns =
    "q.id, q.bank, q.kind, q.competency, q.difficulty, q.industries, q.levels, q.tags, q.text, q.data_json, "
    "q.hidden_json, q.origin, q.retired, q.updated_by, q.updated_at";

AuthoredQuestion read_authored(const Stmt& s) {
  AuthoredQuestion a;
  QuestionRecord& q = a.question;
  q.id = s.text(0);
  q.bank = s.text(1);
  q.kind = s.text(2);
  q.competency = s.text(3);
  q.difficulty = s.text(4);
  q.industries = json::parse(s.text(5)).get<std::vector<std::string>>();
  q.levels = json::parse(s.text(6)).get<std::vector<std::string>>();
  q.tags = json::parse(s.text(7)).get<std::vector<std::string>>();
  q.text = s.text(8);
  q.data_json = s.text(9);
  q.hidden_json = s.text(10);
  a.origin = s.text(11);
  a.retired = s.int64(12) != 0;
  a.updated_by = s.int64(13);
  a.updated_at = s.int64(14);
  return a;
}

// The WHERE clause every bank listing shares; ?1 is the FTS5 match ("" = none).
constexpr const char* kBankFilter =
    " WHERE (?1 = '' OR q.id IN (SELECT id FROM questions_fts WHERE questions_fts MATCH ?1))"
    " AND (?2 = '' OR q.kind = ?2) AND (?3 = '' OR q.bank = ?3)"
    " AND (?4 = '' OR EXISTS (SELECT 1 FROM json_each(q.tags) WHERE value = ?4))"
    " AND (?5 = '' OR q.difficulty = ?5)"
    " AND (?6 = '' OR EXISTS (SELECT 1 FROM json_each(q.levels) WHERE value = ?6))"
    " AND (?7 = '' OR q.origin = ?7) AND (?8 < 0 OR q.retired = ?8)";

void bind_filter(Stmt& stmt, const BankQuery& q, const std::string& match) {
  int64_t retired = q.retired == RetiredFilter::kAll ? -1 : q.retired == RetiredFilter::kRetired ? 1 : 0;
  stmt.bind(1, match).bind(2, q.kind).bind(3, q.bank).bind(4, q.tag).bind(5, q.difficulty).bind(6, q.level)
      .bind(7, q.origin).bind(8, retired);
}

std::vector<RubricVersion> read_rubrics(Stmt& stmt) {
  std::vector<RubricVersion> out;
  while (stmt.step()) {
    out.push_back({stmt.text(0), static_cast<int>(stmt.int64(1)), stmt.text(2), stmt.int64(3), stmt.int64(4)});
  }
  return out;
}

std::vector<Publication> read_publications(Stmt& stmt) {
  std::vector<Publication> out;
  while (stmt.step()) out.push_back({stmt.text(0), stmt.text(1), stmt.int64(2), stmt.int64(3)});
  return out;
}

class SqliteAuthoringStore final : public AuthoringStore {
 public:
  explicit SqliteAuthoringStore(const SqliteAccess& access) : db_(access) {}

  Result<BankPage> list_bank(const BankQuery& q) override {
    std::string match = q.text.empty() ? "" : sql::fts_query(q.text);
    if (!q.text.empty() && match.empty()) return invalid("type at least one word to search for");
    return db_.read<Result<BankPage>>([&](Db& db) {
      BankPage page;
      auto count = db.prepare(std::string("SELECT count(*) FROM questions q") + kBankFilter);
      bind_filter(count, q, match);
      count.step();
      page.total = count.int64(0);
      // Ranked by BM25 when searching (the rank of the row's FTS entry), else by bank and id.
      auto stmt = db.prepare(std::string("SELECT ") + kAuthoredColumns + " FROM questions q" + kBankFilter +
                             " ORDER BY CASE WHEN ?1 = '' THEN 0 ELSE (SELECT bm25(questions_fts, 0.0, 3.0, 2.0, 1.0)"
                             " FROM questions_fts WHERE questions_fts MATCH ?1 AND id = q.id) END, q.bank, q.id"
                             " LIMIT ?9 OFFSET ?10");
      bind_filter(stmt, q, match);
      stmt.bind(9, static_cast<int64_t>(std::clamp(q.limit, 1, kMaxBankPage)))
          .bind(10, static_cast<int64_t>(std::max(0, q.offset)));
      while (stmt.step()) page.rows.push_back(read_authored(stmt));
      return page;
    });
  }

  Result<AuthoredQuestion> find_authored(const std::string& id) override {
    return db_.read<Result<AuthoredQuestion>>([&](Db& db) -> Result<AuthoredQuestion> {
      auto stmt = db.prepare(std::string("SELECT ") + kAuthoredColumns + " FROM questions q WHERE q.id = ?");
      stmt.bind(1, id);
      if (!stmt.step()) return not_found("no question with id '" + id + "'");
      return read_authored(stmt);
    });
  }

  Status save_authored(const std::vector<QuestionRecord>& questions, int64_t by, int64_t at_ms) override {
    auto st = db_.write<Status>([&](Db& db) -> Status {
      sql::upsert_questions(db, questions, sql::Seeding::kCoachEdit);
      auto mark = db.prepare("UPDATE questions SET origin = 'coach', updated_by = ?, updated_at = ? WHERE id = ?");
      for (const auto& q : questions) {
        mark.reset();
        mark.bind(1, by).bind(2, at_ms).bind(3, q.id);
        mark.run();
      }
      return {};
    });
    if (st.ok()) db_.bank_changed();
    return st;
  }

  Status set_retired(const std::string& id, bool retired, int64_t by, int64_t at_ms) override {
    auto st = db_.write<Status>([&](Db& db) -> Status {
      // Retiring makes the row the coach's too, so seeding never brings it back.
      auto stmt = db.prepare(
          "UPDATE questions SET retired = ?, origin = 'coach', updated_by = ?, updated_at = ? WHERE id = ?");
      stmt.bind(1, int64_t{retired ? 1 : 0}).bind(2, by).bind(3, at_ms).bind(4, id);
      stmt.run();
      if (db.changes() == 0) return not_found("no question with id '" + id + "'");
      return {};
    });
    if (st.ok()) db_.bank_changed();
    return st;
  }

  Result<std::vector<QuestionRecord>> coach_questions() override {
    return db_.read<Result<std::vector<QuestionRecord>>>([&](Db& db) {
      auto stmt = db.prepare(std::string("SELECT ") + kAuthoredColumns + " FROM questions q WHERE q.origin = 'coach' ORDER BY q.id");
      std::vector<QuestionRecord> out;
      while (stmt.step()) out.push_back(read_authored(stmt).question);
      return out;
    });
  }

  Result<std::vector<std::string>> bank_names() override {
    return db_.read<Result<std::vector<std::string>>>([&](Db& db) {
      auto stmt = db.prepare("SELECT DISTINCT bank FROM questions ORDER BY bank");
      std::vector<std::string> out;
      while (stmt.step()) out.push_back(stmt.text(0));
      return out;
    });
  }

  Result<int> save_rubric(const std::string& id, const std::string& rubric_json, int64_t by, int64_t at_ms) override {
    return db_.write<Result<int>>([&](Db& db) -> Result<int> {
      auto next = db.prepare("SELECT coalesce(max(version), 0) + 1 FROM rubric_versions WHERE id = ?");
      next.bind(1, id);
      next.step();
      int version = static_cast<int>(next.int64(0));
      auto stmt = db.prepare(
          "INSERT INTO rubric_versions(id, version, rubric_json, created_by, created_at) VALUES(?,?,?,?,?)");
      stmt.bind(1, id).bind(2, int64_t{version}).bind(3, rubric_json).bind(4, by).bind(5, at_ms);
      stmt.run();
      return version;
    });
  }

  Result<std::vector<RubricVersion>> rubric_history(const std::string& id) override {
    return db_.read<Result<std::vector<RubricVersion>>>([&](Db& db) {
      auto stmt = db.prepare(
          "SELECT id, version, rubric_json, created_by, created_at FROM rubric_versions WHERE id = ? "
          "ORDER BY version DESC");
      stmt.bind(1, id);
      return read_rubrics(stmt);
    });
  }

  Result<std::vector<RubricVersion>> latest_rubrics() override {
    return db_.read<Result<std::vector<RubricVersion>>>([&](Db& db) {
      auto stmt = db.prepare(
          "SELECT r.id, r.version, r.rubric_json, r.created_by, r.created_at FROM rubric_versions r "
          "WHERE r.version = (SELECT max(version) FROM rubric_versions WHERE id = r.id) ORDER BY r.id");
      return read_rubrics(stmt);
    });
  }

  Status save_publication(const Publication& p) override {
    return db_.write<Status>([&](Db& db) -> Status {
      auto stmt = db.prepare(
          "INSERT INTO format_publications(format_id, version, published_by, published_at) VALUES(?,?,?,?)");
      stmt.bind(1, p.format_id).bind(2, p.version).bind(3, p.published_by).bind(4, p.published_at);
      stmt.run();
      return {};
    });
  }

  Result<std::vector<Publication>> latest_publications() override {
    return db_.read<Result<std::vector<Publication>>>([&](Db& db) {
      auto stmt = db.prepare(
          "SELECT p.format_id, p.version, p.published_by, p.published_at FROM format_publications p "
          "WHERE p.seq = (SELECT max(seq) FROM format_publications WHERE format_id = p.format_id) "
          "ORDER BY p.format_id");
      return read_publications(stmt);
    });
  }

  Result<std::vector<Publication>> publication_history(const std::string& format_id) override {
    return db_.read<Result<std::vector<Publication>>>([&](Db& db) {
      auto stmt = db.prepare(
          "SELECT format_id, version, published_by, published_at FROM format_publications WHERE format_id = ? "
          "ORDER BY seq DESC");
      stmt.bind(1, format_id);
      return read_publications(stmt);
    });
  }

 private:
  SqliteAccess db_;
};

}  // namespace

std::unique_ptr<AuthoringStore> make_sqlite_authoring_store(const SqliteAccess& access) {
  return std::make_unique<SqliteAuthoringStore>(access);
}

}  // namespace mockroom::store
