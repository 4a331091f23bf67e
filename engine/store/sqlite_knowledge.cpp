// What the interviewer draws on, in SQLite: the knowledge base (style guides, alternative
// solutions, company values, rubric notes) with its FTS5 index, searched by BM25 for each
// turn; and the coaches' prompt overrides per format.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string_view>

#include "store/sqlite_queries.h"

namespace mockroom::store::sql {
namespace {

using nlohmann::json;

constexpr const char* kKnowledgeColumns =
    "k.id, k.kind, k.title, k.body, k.formats, k.companies, k.questions, k.tags, k.origin";

// Words that say nothing about what an answer is about; the FTS5 query leaves them out so
// that BM25 ranks on the content words.
constexpr std::array<std::string_view, 64> kStopWords = {
    "about", "after", "again", "also", "and", "any", "are", "because", "been", "before",
    "but", "can", "could", "did", "does", "doing", "each", "for", "from", "had", "has",
    "have", "how", "into", "its", "just", "like", "more", "most", "not", "now", "only",
    "other", "our", "out", "over", "really", "should", "some", "such", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "very", "was",
    "were", "what", "when", "which", "while", "who", "why", "will", "with", "would",
    "you", "your"};

bool is_stop_word(std::string_view w) {
  return std::find(kStopWords.begin(), kStopWords.end(), w) != kStopWords.end();
}

std::vector<std::string> string_list(const std::string& text) {
  return json::parse(text).get<std::vector<std::string>>();
}

KnowledgeEntry read_entry(const Stmt& s) {
  KnowledgeEntry e;
  e.id = s.text(0);
  e.kind = s.text(1);
  e.title = s.text(2);
  e.text = s.text(3);
  e.formats = string_list(s.text(4));
  e.companies = string_list(s.text(5));
  e.questions = string_list(s.text(6));
  e.tags = string_list(s.text(7));
  e.origin = s.text(8);
  return e;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// The scope test shared by both queries: the entry applies to every format or names this
// one, and to every company style or names this one.
constexpr const char* kScope =
    " (k.formats = '[]' OR EXISTS (SELECT 1 FROM json_each(k.formats) WHERE value = ?1))"
    " AND (k.companies = '[]' OR EXISTS (SELECT 1 FROM json_each(k.companies) WHERE value = ?2))";

}  // namespace

void replace_knowledge(Db& db, const std::string& origin, const std::vector<KnowledgeEntry>& entries) {
  auto del_fts = db.prepare("DELETE FROM knowledge_fts WHERE id IN (SELECT id FROM knowledge WHERE origin = ?)");
  del_fts.bind(1, origin);
  del_fts.run();
  auto del = db.prepare("DELETE FROM knowledge WHERE origin = ?");
  del.bind(1, origin);
  del.run();
  auto ins = db.prepare(
      "INSERT INTO knowledge(id, kind, title, body, formats, companies, questions, tags, origin) "
      "VALUES(?,?,?,?,?,?,?,?,?)");
  auto ins_fts = db.prepare("INSERT INTO knowledge_fts(id, title, body, tags) VALUES(?,?,?,?)");
  for (const auto& e : entries) {
    ins.reset();
    ins.bind(1, e.id).bind(2, e.kind).bind(3, e.title).bind(4, e.text)
        .bind(5, json(e.formats).dump()).bind(6, json(e.companies).dump())
        .bind(7, json(e.questions).dump()).bind(8, json(e.tags).dump()).bind(9, origin);
    ins.run();
    ins_fts.reset();
    ins_fts.bind(1, e.id).bind(2, e.title).bind(3, e.text).bind(4, joined(e.tags) + " " + e.kind);
    ins_fts.run();
  }
}

Result<std::vector<KnowledgeEntry>> search_knowledge(Db& db, const KnowledgeQuery& q) {
  if (q.text.size() > kMaxKnowledgeQueryChars) {
    return invalid("knowledge search text is limited to " + std::to_string(kMaxKnowledgeQueryChars) +
                   " characters");
  }
  const int64_t limit = std::clamp(q.limit, 1, kMaxKnowledgeResults);
  std::vector<KnowledgeEntry> out;
  // Entries about this very question (an alternative solution to the problem on the
  // table) come first, whatever the words.
  if (!q.question_id.empty()) {
    auto stmt = db.prepare(std::string("SELECT ") + kKnowledgeColumns + " FROM knowledge k WHERE" + kScope +
                           " AND EXISTS (SELECT 1 FROM json_each(k.questions) WHERE value = ?3)"
                           " ORDER BY k.id LIMIT ?4");
    stmt.bind(1, q.format).bind(2, q.company).bind(3, q.question_id).bind(4, limit);
    while (stmt.step()) out.push_back(read_entry(stmt));
  }
  std::string match = store::knowledge_match(q.text);
  if (match.empty() || static_cast<int64_t>(out.size()) >= limit) return out;
  // Then the best BM25 matches among the entries not tied to a question.
  auto stmt = db.prepare(std::string("SELECT ") + kKnowledgeColumns +
                         " FROM knowledge_fts f JOIN knowledge k ON k.id = f.id"
                         " WHERE knowledge_fts MATCH ?3 AND k.questions = '[]' AND" + kScope +
                         " ORDER BY bm25(knowledge_fts, 0.0, 2.0, 1.0, 1.5) LIMIT ?4");
  stmt.bind(1, q.format).bind(2, q.company).bind(3, match)
      .bind(4, limit - static_cast<int64_t>(out.size()));
  while (stmt.step()) out.push_back(read_entry(stmt));
  return out;
}

std::vector<PromptOverride> list_prompt_overrides(Db& db) {
  auto stmt = db.prepare("SELECT format_id, name, template, updated_by, updated_at FROM prompt_overrides ORDER BY format_id, name");
  std::vector<PromptOverride> out;
  while (stmt.step()) out.push_back({stmt.text(0), stmt.text(1), stmt.text(2), stmt.int64(3), stmt.int64(4)});
  return out;
}

void save_prompt_override(Db& db, const PromptOverride& o) {
  auto stmt = db.prepare(
      "INSERT INTO prompt_overrides(format_id, name, template, updated_by, updated_at) VALUES(?,?,?,?,?) "
      "ON CONFLICT(format_id, name) DO UPDATE SET template = excluded.template, "
      "updated_by = excluded.updated_by, updated_at = excluded.updated_at");
  stmt.bind(1, o.format_id).bind(2, o.name).bind(3, o.text).bind(4, o.updated_by).bind(5, o.updated_at);
  stmt.run();
}

Status delete_prompt_override(Db& db, const std::string& format_id, const std::string& name) {
  auto stmt = db.prepare("DELETE FROM prompt_overrides WHERE format_id = ? AND name = ?");
  stmt.bind(1, format_id).bind(2, name);
  stmt.run();
  if (db.changes() == 0) return not_found("format " + format_id + " has no coach override of the " + name + " prompt");
  return {};
}

}  // namespace mockroom::store::sql

namespace mockroom::store {

std::string knowledge_match(std::string_view text) {
  std::vector<std::string> terms;
  std::set<std::string> seen;
  std::string word;
  auto flush = [&] {
    if (word.size() >= kMinKnowledgeTermChars && !sql::is_stop_word(word) &&
        terms.size() < kMaxKnowledgeQueryTerms && seen.insert(word).second) {
      terms.push_back('"' + word + '"');
    }
    word.clear();
  };
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80) {
      if (word.size() < kMaxKnowledgeTermChars) word += static_cast<char>(std::tolower(c));
    } else {
      flush();
    }
  }
  flush();
  std::string out;
  for (const auto& t : terms) out += (out.empty() ? "" : " OR ") + t;
  return out;
}

}  // namespace mockroom::store
