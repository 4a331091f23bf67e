#include "store/migrations.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>

namespace mockroom::store {
namespace {

constexpr std::array kMigrations = {
    // 1: accounts, formats, question bank, sessions and their event logs.
    R"sql(
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL DEFAULT 'candidate',
  created_at    INTEGER NOT NULL
);
CREATE TABLE auth_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX auth_tokens_user ON auth_tokens(user_id);
CREATE TABLE formats (
  id         TEXT NOT NULL,
  version    TEXT NOT NULL,
  chunk_name TEXT NOT NULL,
  source     TEXT NOT NULL,
  meta_json  TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (id, version)
);
CREATE TABLE questions (
  id         TEXT PRIMARY KEY,
  bank       TEXT NOT NULL,
  kind       TEXT NOT NULL,
  competency TEXT NOT NULL DEFAULT '',
  difficulty TEXT NOT NULL DEFAULT '',
  industries TEXT NOT NULL DEFAULT '[]',
  levels     TEXT NOT NULL DEFAULT '[]',
  text       TEXT NOT NULL,
  data_json  TEXT NOT NULL,
  retired    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX questions_kind ON questions(kind, retired);
CREATE TABLE sessions (
  id             TEXT PRIMARY KEY,
  user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  format_id      TEXT NOT NULL,
  format_version TEXT NOT NULL,
  setup_json     TEXT NOT NULL,
  status         TEXT NOT NULL,
  current_json   TEXT NOT NULL DEFAULT 'null',
  summary_json   TEXT NOT NULL DEFAULT 'null',
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id, created_at DESC);
CREATE TABLE session_events (
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  type       TEXT NOT NULL,
  payload    TEXT NOT NULL,
  at_ms      INTEGER NOT NULL,
  PRIMARY KEY (session_id, seq)
) WITHOUT ROWID;
)sql",
    // 2: bank tags and full-text search, per-candidate question history, the candidate's
    // own questions, resumes and prep packages.
    R"sql(
ALTER TABLE questions ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
ALTER TABLE questions ADD COLUMN hidden_json TEXT NOT NULL DEFAULT 'null';
ALTER TABLE formats ADD COLUMN libs_json TEXT NOT NULL DEFAULT '[]';
CREATE VIRTUAL TABLE questions_fts USING fts5(
  id UNINDEXED, text, concepts, tags, tokenize = 'porter unicode61'
);
CREATE TABLE question_history (
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  question_id TEXT NOT NULL,
  session_id  TEXT NOT NULL,
  asked_at    INTEGER NOT NULL,
  redo_at     INTEGER,
  PRIMARY KEY (user_id, question_id)
) WITHOUT ROWID;
CREATE TABLE user_questions (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  text       TEXT NOT NULL,
  competency TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX user_questions_user ON user_questions(user_id);
CREATE TABLE resumes (
  user_id      INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  text         TEXT NOT NULL,
  profile_json TEXT NOT NULL,
  uploaded_at  INTEGER NOT NULL
);
CREATE TABLE packages (
  id         TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  timezone   TEXT NOT NULL,
  starts_at  INTEGER NOT NULL,
  ends_at    INTEGER NOT NULL,
  setup_json TEXT NOT NULL,
  plan_json  TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX packages_user ON packages(user_id, created_at DESC);
)sql",
    // 3: session events in a rowid table. Clustered by (session_id, seq), every turn
    // rewrote its session's own leaf pages, and rows of a few hundred bytes split them
    // often; appended by rowid, one commit's events share pages and only the small
    // (session_id, seq) index entries land apart.
    R"sql(
CREATE TABLE session_events_v3 (
  id         INTEGER PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  type       TEXT NOT NULL,
  payload    TEXT NOT NULL,
  at_ms      INTEGER NOT NULL
);
INSERT INTO session_events_v3(session_id, seq, type, payload, at_ms)
  SELECT session_id, seq, type, payload, at_ms FROM session_events ORDER BY session_id, seq;
DROP TABLE session_events;
ALTER TABLE session_events_v3 RENAME TO session_events;
CREATE UNIQUE INDEX session_events_seq ON session_events(session_id, seq);
)sql",
    // 4: analytics. Funnel events (at most one of each type per session, which the unique
    // index enforces whichever path records it) and the candidates' ratings of sessions.
    R"sql(
CREATE TABLE funnel_events (
  id                       INTEGER PRIMARY KEY,
  type                     TEXT NOT NULL,
  user_id                  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  session_id               TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  model_version            TEXT NOT NULL,
  session_duration_seconds INTEGER NOT NULL,
  at_ms                    INTEGER NOT NULL
);
CREATE UNIQUE INDEX funnel_events_once ON funnel_events(session_id, type);
CREATE INDEX funnel_events_time ON funnel_events(type, at_ms);
CREATE TABLE ratings (
  session_id           TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  user_id              INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  model_version        TEXT NOT NULL,
  realism              INTEGER NOT NULL CHECK (realism BETWEEN 1 AND 5),
  ease_of_use          INTEGER NOT NULL CHECK (ease_of_use BETWEEN 1 AND 5),
  feedback_helpfulness INTEGER NOT NULL CHECK (feedback_helpfulness BETWEEN 1 AND 5),
  overall_satisfaction INTEGER NOT NULL CHECK (overall_satisfaction BETWEEN 1 AND 5),
  comment              TEXT NOT NULL DEFAULT '',
  rated_at_ms          INTEGER NOT NULL
);
CREATE INDEX ratings_time ON ratings(rated_at_ms);
)sql",
    // 5: what the interviewer draws on. The knowledge base, searched per turn with BM25
    // over title, body and tags; and coaches' prompt overrides per format.
    R"sql(
CREATE TABLE knowledge (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  formats    TEXT NOT NULL DEFAULT '[]',
  companies  TEXT NOT NULL DEFAULT '[]',
  questions  TEXT NOT NULL DEFAULT '[]',
  tags       TEXT NOT NULL DEFAULT '[]',
  origin     TEXT NOT NULL
);
CREATE INDEX knowledge_origin ON knowledge(origin);
CREATE VIRTUAL TABLE knowledge_fts USING fts5(
  id UNINDEXED, title, body, tags, tokenize = 'porter unicode61'
);
CREATE TABLE prompt_overrides (
  format_id  TEXT NOT NULL,
  name       TEXT NOT NULL,
  template   TEXT NOT NULL,
  updated_by INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (format_id, name)
) WITHOUT ROWID;
)sql",
    // 6: the knowledge base's scope as indexed rows, so that a search per turn finds the
    // entries for this format, company style and question without unpacking every entry's
    // JSON lists. '*' stands for "any" (an entry that names no format or company).
    R"sql(
CREATE TABLE knowledge_scope (
  kind         TEXT NOT NULL CHECK (kind IN ('format', 'company', 'question')),
  value        TEXT NOT NULL,
  knowledge_id TEXT NOT NULL REFERENCES knowledge(id) ON DELETE CASCADE,
  PRIMARY KEY (kind, value, knowledge_id)
) WITHOUT ROWID;
CREATE INDEX knowledge_scope_entry ON knowledge_scope(knowledge_id);
INSERT OR IGNORE INTO knowledge_scope(kind, value, knowledge_id)
  SELECT 'format', CASE WHEN k.formats = '[]' THEN '*' ELSE j.value END, k.id
  FROM knowledge k LEFT JOIN json_each(k.formats) j;
INSERT OR IGNORE INTO knowledge_scope(kind, value, knowledge_id)
  SELECT 'company', CASE WHEN k.companies = '[]' THEN '*' ELSE j.value END, k.id
  FROM knowledge k LEFT JOIN json_each(k.companies) j;
INSERT OR IGNORE INTO knowledge_scope(kind, value, knowledge_id)
  SELECT 'question', j.value, k.id FROM knowledge k JOIN json_each(k.questions) j;
)sql",
    // 7: onboarding, per user: the profile a candidate gives (role, level, target
    // companies, weak areas, time until interviews) and whether they have seen the
    // first-time walkthrough, so it is shown once per user on any device.
    R"sql(
CREATE TABLE account_profiles (
  user_id             INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  profile_json        TEXT NOT NULL DEFAULT 'null',
  profile_updated_at  INTEGER NOT NULL DEFAULT 0,
  walkthrough_outcome TEXT NOT NULL DEFAULT ''
                      CHECK (walkthrough_outcome IN ('', 'completed', 'skipped')),
  walkthrough_step    INTEGER NOT NULL DEFAULT 0,
  walkthrough_at      INTEGER NOT NULL DEFAULT 0
);
)sql",
};

}  // namespace

int latest_schema_version() { return static_cast<int>(kMigrations.size()); }

void migrate(Db& db, int target) {
  int current = 0;
  {  // a statement still open would keep DROP TABLE in a migration from running
    auto stmt = db.prepare("PRAGMA user_version");
    stmt.step();
    current = static_cast<int>(stmt.int64(0));
  }
  if (current > latest_schema_version()) {
    throw std::runtime_error("database schema version " + std::to_string(current) +
                             " is newer than this build understands (" +
                             std::to_string(latest_schema_version()) + ")");
  }
  for (int v = current + 1; v <= std::min(target, latest_schema_version()); ++v) {
    Transaction tx(db);
    db.exec(kMigrations[static_cast<size_t>(v - 1)]);
    db.exec("PRAGMA user_version = " + std::to_string(v));
    tx.commit();
    spdlog::info("database migrated to schema version {}", v);
  }
}

}  // namespace mockroom::store
