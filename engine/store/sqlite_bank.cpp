// The question bank in SQLite: rows, full-text search (FTS5 with BM25 ranking), each
// candidate's question history and their own questions.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "store/sqlite_queries.h"

namespace mockroom::store::sql {
namespace {

using nlohmann::json;

constexpr const char* kQuestionColumns =
    "q.id, q.bank, q.kind, q.competency, q.difficulty, q.industries, q.levels, q.tags, q.text, "
    "q.data_json";
constexpr std::size_t kMaxSearchQueryChars = 200;
constexpr int kMaxSearchResults = 100;

std::vector<std::string> string_list(const std::string& text) {
  return json::parse(text).get<std::vector<std::string>>();
}

QuestionRecord read_question(const Stmt& s) {
  QuestionRecord q;
  q.id = s.text(0);
  q.bank = s.text(1);
  q.kind = s.text(2);
  q.competency = s.text(3);
  q.difficulty = s.text(4);
  q.industries = string_list(s.text(5));
  q.levels = string_list(s.text(6));
  q.tags = string_list(s.text(7));
  q.text = s.text(8);
  q.data_json = s.text(9);
  return q;
}

std::string joined(const json& list) {
  std::string out;
  if (!list.is_array()) return out;
  for (const auto& item : list) {
    if (!item.is_string()) continue;
    if (!out.empty()) out += ", ";
    out += item.get<std::string>();
  }
  return out;
}

void index_question(Db& db, const QuestionRecord& q) {
  json data = json::parse(q.data_json, nullptr, false);
  auto del = db.prepare("DELETE FROM questions_fts WHERE id = ?");
  del.bind(1, q.id);
  del.run();
  auto ins = db.prepare("INSERT INTO questions_fts(id, text, concepts, tags) VALUES(?,?,?,?)");
  ins.bind(1, q.id).bind(2, q.text + " " + data.value("title", ""))
      .bind(3, data.is_object() ? joined(data.value("concepts", json::array())) : "")
      .bind(4, joined(json(q.tags)) + " " + q.competency);
  ins.run();
}

}  // namespace

std::string fts_query(const std::string& typed) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += '"' + word + "\"*";
    word.clear();
  };
  for (unsigned char c : typed) {
    if (std::isalnum(c) || c >= 0x80) {
      word += static_cast<char>(std::tolower(c));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

void upsert_questions(Db& db, const std::vector<QuestionRecord>& questions, Seeding seeding) {
  // A coach's question is theirs: seeding from the files leaves it (and its index) alone.
  auto stmt = db.prepare(
      "INSERT INTO questions(id, bank, kind, competency, difficulty, industries, levels, tags, "
      "text, data_json, hidden_json) VALUES(?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
      "bank=excluded.bank, kind=excluded.kind, competency=excluded.competency, "
      "difficulty=excluded.difficulty, industries=excluded.industries, levels=excluded.levels, "
      "tags=excluded.tags, text=excluded.text, data_json=excluded.data_json, "
      "hidden_json=excluded.hidden_json WHERE ?12 = 1 OR questions.origin = 'bundled'");
  for (const auto& q : questions) {
    stmt.reset();
    stmt.bind(1, q.id).bind(2, q.bank).bind(3, q.kind).bind(4, q.competency)
        .bind(5, q.difficulty).bind(6, json(q.industries).dump()).bind(7, json(q.levels).dump())
        .bind(8, json(q.tags).dump()).bind(9, q.text).bind(10, q.data_json).bind(11, q.hidden_json)
        .bind(12, int64_t{seeding == Seeding::kCoachEdit ? 1 : 0});
    stmt.run();
    if (db.changes() > 0) index_question(db, q);
  }
}

Result<QuestionRecord> find_question(Db& db, const std::string& id) {
  auto stmt = db.prepare(std::string("SELECT ") + kQuestionColumns + " FROM questions q WHERE id = ?");
  stmt.bind(1, id);
  if (!stmt.step()) return not_found("question " + id + " not found");
  return read_question(stmt);
}

Result<std::string> find_question_hidden(Db& db, const std::string& id) {
  auto stmt = db.prepare("SELECT hidden_json FROM questions WHERE id = ?");
  stmt.bind(1, id);
  if (!stmt.step()) return not_found("question " + id + " not found");
  return stmt.text(0);
}

std::vector<QuestionRecord> all_questions(Db& db) {
  auto stmt = db.prepare(std::string("SELECT ") + kQuestionColumns + " FROM questions q WHERE retired = 0 ORDER BY id");
  std::vector<QuestionRecord> out;
  while (stmt.step()) out.push_back(read_question(stmt));
  return out;
}

std::vector<QuestionRecord> filter_questions(const std::vector<QuestionRecord>& all,
                                             const QuestionFilter& f) {
  auto has = [](const std::vector<std::string>& list, const std::string& v) {
    return std::find(list.begin(), list.end(), v) != list.end();
  };
  auto any_of = [&](const std::vector<std::string>& list, const std::vector<std::string>& wanted) {
    return wanted.empty() || std::any_of(wanted.begin(), wanted.end(), [&](const auto& w) { return has(list, w); });
  };
  std::vector<QuestionRecord> out;
  for (const auto& q : all) {
    if (q.kind != f.kind || (!f.competency.empty() && q.competency != f.competency) ||
        (!f.difficulty.empty() && q.difficulty != f.difficulty) || (!f.bank.empty() && q.bank != f.bank) ||
        (!f.level.empty() && !has(q.levels, f.level)) || !any_of(q.industries, f.industries) ||
        !any_of(q.tags, f.tags)) {
      continue;
    }
    out.push_back(q);
  }
  return out;
}

int64_t count_questions(Db& db, const std::string& kind) {
  auto stmt = db.prepare("SELECT count(*) FROM questions WHERE kind = ? AND retired = 0");
  stmt.bind(1, kind);
  stmt.step();
  return stmt.int64(0);
}

Result<std::vector<QuestionRecord>> search_questions(Db& db, const QuestionSearch& s) {
  if (s.query.size() > kMaxSearchQueryChars) {
    return invalid("search text is limited to " + std::to_string(kMaxSearchQueryChars) + " characters");
  }
  std::string match = fts_query(s.query);
  if (match.empty()) return invalid("type at least one word to search for");
  auto stmt = db.prepare(std::string("SELECT ") + kQuestionColumns +
                         " FROM questions_fts f JOIN questions q ON q.id = f.id"
                         " WHERE questions_fts MATCH ?1 AND q.retired = 0"
                         " AND (?2 = '' OR q.kind = ?2)"
                         " AND (?3 = '' OR EXISTS (SELECT 1 FROM json_each(q.tags) WHERE value = ?3))"
                         " ORDER BY bm25(questions_fts, 0.0, 3.0, 2.0, 1.0) LIMIT ?4");
  stmt.bind(1, match).bind(2, s.kind).bind(3, s.tag)
      .bind(4, static_cast<int64_t>(std::clamp(s.limit, 1, kMaxSearchResults)));
  std::vector<QuestionRecord> out;
  while (stmt.step()) out.push_back(read_question(stmt));
  return out;
}

void record_asked(Db& db, const std::string& session_id, const std::vector<std::string>& ids,
                  int64_t at_ms) {
  auto stmt = db.prepare(
      "INSERT INTO question_history(user_id, question_id, session_id, asked_at, redo_at) "
      "SELECT user_id, ?2, id, ?3, NULL FROM sessions WHERE id = ?1 "
      "ON CONFLICT(user_id, question_id) DO UPDATE SET session_id = excluded.session_id, "
      "asked_at = excluded.asked_at, redo_at = NULL");
  for (const auto& id : ids) {
    stmt.reset();
    stmt.bind(1, session_id).bind(2, id).bind(3, at_ms);
    stmt.run();
  }
}

std::vector<QuestionSeen> question_history(Db& db, int64_t user_id) {
  auto stmt = db.prepare(
      "SELECT question_id, asked_at, redo_at FROM question_history WHERE user_id = ? "
      "ORDER BY asked_at DESC");
  stmt.bind(1, user_id);
  std::vector<QuestionSeen> out;
  while (stmt.step()) {
    QuestionSeen seen{stmt.text(0), stmt.int64(1), std::nullopt};
    if (!stmt.is_null(2)) seen.redo_at_ms = stmt.int64(2);
    out.push_back(std::move(seen));
  }
  return out;
}

Status schedule_redo(Db& db, int64_t user_id, const std::string& question_id, int64_t redo_at_ms) {
  auto stmt = db.prepare("UPDATE question_history SET redo_at = ? WHERE user_id = ? AND question_id = ?");
  stmt.bind(1, redo_at_ms).bind(2, user_id).bind(3, question_id);
  stmt.run();
  if (db.changes() == 0) return not_found("you have not been asked question " + question_id + " yet");
  return {};
}

std::vector<UserQuestion> add_user_questions(Db& db, int64_t user_id,
                                            const std::vector<UserQuestion>& questions) {
  auto stmt = db.prepare(
      "INSERT INTO user_questions(user_id, text, competency, created_at) "
      "VALUES(?,?,?,strftime('%s','now'))");
  for (const auto& q : questions) {
    stmt.reset();
    stmt.bind(1, user_id).bind(2, q.text).bind(3, q.competency);
    stmt.run();
  }
  return list_user_questions(db, user_id);
}

std::vector<UserQuestion> list_user_questions(Db& db, int64_t user_id) {
  auto stmt = db.prepare(
      "SELECT id, user_id, text, competency, created_at FROM user_questions WHERE user_id = ? "
      "ORDER BY id");
  stmt.bind(1, user_id);
  std::vector<UserQuestion> out;
  while (stmt.step()) {
    out.push_back({stmt.int64(0), stmt.int64(1), stmt.text(2), stmt.text(3), stmt.int64(4)});
  }
  return out;
}

}  // namespace mockroom::store::sql
