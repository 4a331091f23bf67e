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

// The scope test shared by both queries: the entry applies to every format ('*') or names
// this one, and to every company style or names this one.
constexpr const char* kScope =
    " k.id IN (SELECT knowledge_id FROM knowledge_scope WHERE kind = 'format' AND value IN (?1, '*'))"
    " AND k.id IN (SELECT knowledge_id FROM knowledge_scope WHERE kind = 'company' AND value IN (?2, '*'))";

void insert_scope(Stmt& ins, const std::string& id, const char* kind, const std::vector<std::string>& values,
                  bool any_when_empty) {
  auto one = [&](const std::string& value) {
    ins.reset();
    ins.bind(1, kind).bind(2, value).bind(3, id);
    ins.run();
  };
  if (values.empty() && any_when_empty) one("*");
  for (const auto& v : values) one(v);
}

// The words of `text` worth ranking on, rarest first: those in no entry are left out (they
// cannot match), and so are those in more than half of the entries once a rarer one is
// there, since BM25 gives them no weight (FTS5 floors their IDF at ~0) while each one
// makes the search walk a long list. At most kMaxKnowledgeQueryTerms.
std::vector<std::string> ranking_words(Db& db, KnowledgeTermCounts& counts, std::string_view text) {
  std::vector<std::pair<int64_t, std::string>> present;
  for (std::string& w : knowledge_words(text)) {
    if (int64_t n = counts.entries_with(db, w); n > 0) present.emplace_back(n, std::move(w));
  }
  std::sort(present.begin(), present.end());
  const int64_t entries = counts.entries(db);
  if (!present.empty() && present.front().first * 2 <= entries) {
    std::erase_if(present, [&](const auto& p) { return p.first * 2 > entries; });
  }
  if (present.size() > kMaxKnowledgeQueryTerms) present.resize(kMaxKnowledgeQueryTerms);
  std::vector<std::string> out;
  for (auto& p : present) out.push_back(std::move(p.second));
  return out;
}

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
  auto ins_scope = db.prepare("INSERT OR IGNORE INTO knowledge_scope(kind, value, knowledge_id) VALUES(?,?,?)");
  for (const auto& e : entries) {
    ins.reset();
    ins.bind(1, e.id).bind(2, e.kind).bind(3, e.title).bind(4, e.text)
        .bind(5, json(e.formats).dump()).bind(6, json(e.companies).dump())
        .bind(7, json(e.questions).dump()).bind(8, json(e.tags).dump()).bind(9, origin);
    ins.run();
    ins_fts.reset();
    ins_fts.bind(1, e.id).bind(2, e.title).bind(3, e.text).bind(4, joined(e.tags) + " " + e.kind);
    ins_fts.run();
    insert_scope(ins_scope, e.id, "format", e.formats, true);
    insert_scope(ins_scope, e.id, "company", e.companies, true);
    insert_scope(ins_scope, e.id, "question", e.questions, false);
  }
}

Result<std::vector<KnowledgeEntry>> search_knowledge(Db& db, KnowledgeTermCounts& counts, const KnowledgeQuery& q) {
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
                           " AND k.id IN (SELECT knowledge_id FROM knowledge_scope"
                           " WHERE kind = 'question' AND value = ?3) ORDER BY k.id LIMIT ?4");
    stmt.bind(1, q.format).bind(2, q.company).bind(3, q.question_id).bind(4, limit);
    while (stmt.step()) out.push_back(read_entry(stmt));
  }
  if (static_cast<int64_t>(out.size()) >= limit) return out;
  std::string match = store::knowledge_match(ranking_words(db, counts, q.text));
  if (match.empty()) return out;
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

int64_t KnowledgeTermCounts::entries_with(Db& db, const std::string& word) {
  uint64_t generation = 0;
  {
    std::lock_guard lock(mu_);
    if (auto it = counts_.find(word); it != counts_.end()) return it->second;
    generation = generation_;
  }
  auto stmt = db.prepare("SELECT count(*) FROM knowledge_fts WHERE knowledge_fts MATCH ?");
  stmt.bind(1, store::knowledge_match({word}));
  int64_t n = stmt.step() ? stmt.int64(0) : 0;
  std::lock_guard lock(mu_);
  if (generation == generation_) {
    if (counts_.size() >= kMaxCachedKnowledgeWords) counts_.clear();
    counts_.emplace(word, n);
  }
  return n;
}

int64_t KnowledgeTermCounts::entries(Db& db) {
  uint64_t generation = 0;
  {
    std::lock_guard lock(mu_);
    if (entries_ >= 0) return entries_;
    generation = generation_;
  }
  auto stmt = db.prepare("SELECT count(*) FROM knowledge");
  int64_t n = stmt.step() ? stmt.int64(0) : 0;
  std::lock_guard lock(mu_);
  if (generation == generation_) entries_ = n;
  return n;
}

void KnowledgeTermCounts::clear() {
  std::lock_guard lock(mu_);
  ++generation_;
  counts_.clear();
  entries_ = -1;
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

std::vector<std::string> knowledge_words(std::string_view text) {
  std::vector<std::string> words;
  std::set<std::string> seen;
  std::string word;
  auto flush = [&] {
    if (word.size() >= kMinKnowledgeTermChars && !sql::is_stop_word(word) &&
        words.size() < kMaxKnowledgeCandidateWords && seen.insert(word).second) {
      words.push_back(word);
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
  return words;
}

std::string knowledge_match(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "\"" : " OR \"") + w + '"';
  return out;
}

}  // namespace mockroom::store
