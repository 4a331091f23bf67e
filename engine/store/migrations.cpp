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
    // 8: the admin console's providers page and audit log. The operator's provider choice
    // per kind (secret config values sealed apart from the rest) and every change staff
    // make, appended and never rewritten.
    R"sql(
CREATE TABLE plugin_settings (
  kind           TEXT PRIMARY KEY,
  use            TEXT NOT NULL,
  config_json    TEXT NOT NULL DEFAULT '{}',
  sealed_secrets TEXT NOT NULL DEFAULT '',
  updated_by     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at_ms       INTEGER NOT NULL,
  actor_id    INTEGER NOT NULL,
  actor_email TEXT NOT NULL,
  actor_role  TEXT NOT NULL,
  action      TEXT NOT NULL,
  target      TEXT NOT NULL DEFAULT '',
  detail_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_actor ON audit_log(actor_id, id);
CREATE INDEX audit_log_target ON audit_log(target, id);
)sql",
    // 9: sessions a candidate shares with the admins (everything else stays private).
    R"sql(
CREATE TABLE session_shares (
  session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  shared_at  INTEGER NOT NULL
);
CREATE INDEX session_shares_time ON session_shares(shared_at);
)sql",
    // 10: coaches' authoring. Who owns each bank question (a coach's edit is never
    // overwritten by seeding the bundled files), rubric versions, and the format versions
    // coaches published (the formats table already keeps every version's source).
    R"sql(
ALTER TABLE questions ADD COLUMN origin TEXT NOT NULL DEFAULT 'bundled';
ALTER TABLE questions ADD COLUMN updated_by INTEGER NOT NULL DEFAULT 0;
ALTER TABLE questions ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX questions_bank ON questions(bank, id);
CREATE TABLE rubric_versions (
  id          TEXT NOT NULL,
  version     INTEGER NOT NULL,
  rubric_json TEXT NOT NULL,
  created_by  INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (id, version)
) WITHOUT ROWID;
CREATE TABLE format_publications (
  seq          INTEGER PRIMARY KEY,
  format_id    TEXT NOT NULL,
  version      TEXT NOT NULL,
  published_by INTEGER NOT NULL,
  published_at INTEGER NOT NULL
);
CREATE INDEX format_publications_format ON format_publications(format_id, seq);
)sql",
    // 11: pricing tiers as data (seeded with the product's price list; admins edit them),
    // the entitlements users hold, what each interview start drew on (the free interview of
    // the week, a credit, a package), and payment events handled once each.
    R"sql(
CREATE TABLE tiers (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('free', 'subscription', 'package', 'credits', 'internal')),
  description   TEXT NOT NULL DEFAULT '',
  price_cents   INTEGER NOT NULL DEFAULT 0,
  currency      TEXT NOT NULL DEFAULT 'usd',
  period_months INTEGER NOT NULL DEFAULT 0,
  valid_days    INTEGER NOT NULL DEFAULT 0,
  limits_json   TEXT NOT NULL DEFAULT '{}',
  features_json TEXT NOT NULL DEFAULT '{}',
  active        INTEGER NOT NULL DEFAULT 1,
  listed        INTEGER NOT NULL DEFAULT 1,
  sort          INTEGER NOT NULL DEFAULT 0,
  updated_by    INTEGER NOT NULL DEFAULT 0,
  updated_at    INTEGER NOT NULL DEFAULT 0
);
INSERT INTO tiers(id, name, kind, description, price_cents, period_months, valid_days, limits_json, features_json, listed, sort) VALUES
  ('free', 'Free', 'free', 'One 45-minute mock interview a week with a basic report.', 0, 0, 0,
   '{"interviewsPerWeek":1,"maxMinutes":45}',
   '{"report":"basic","fullLibrary":false,"companyPractice":false,"growthTracking":false}', 1, 0),
  ('premium_monthly', 'Premium (monthly)', 'subscription',
   'Unlimited mocks, the full question library, company practice and growth tracking.', 4000, 1, 0, '{}',
   '{"report":"full","fullLibrary":true,"companyPractice":true,"growthTracking":true}', 1, 10),
  ('premium_quarterly', 'Premium (quarterly)', 'subscription',
   'Premium billed every three months: $30 a month.', 9000, 3, 0, '{}',
   '{"report":"full","fullLibrary":true,"companyPractice":true,"growthTracking":true}', 1, 11),
  ('premium_yearly', 'Premium (yearly)', 'subscription',
   'Premium billed yearly: $24 a month.', 28800, 12, 0, '{}',
   '{"report":"full","fullLibrary":true,"companyPractice":true,"growthTracking":true}', 1, 12),
  ('weekend', 'Weekend package', 'package',
   'A weekend prep plan, Friday evening to Sunday night: a baseline, 3-4 full mocks, a resume session, the company question bank and a practice plan.',
   4900, 0, 30, '{"packages":1}',
   '{"report":"full","fullLibrary":false,"companyPractice":true,"growthTracking":false}', 1, 20),
  ('credit_1', 'One mock interview', 'credits', 'One interview of any format, with the full report.', 1500, 0, 365,
   '{"credits":1}', '{"report":"full","fullLibrary":false,"companyPractice":true,"growthTracking":false}', 1, 30),
  ('credit_3', 'Three mock interviews', 'credits', 'Three interviews of any format, with the full report.', 3900, 0, 365,
   '{"credits":3}', '{"report":"full","fullLibrary":false,"companyPractice":true,"growthTracking":false}', 1, 31),
  ('unlimited', 'Unlimited (not for sale)', 'internal',
   'No limits: for a private deployment, demos, tests and benchmarks (billing.defaultTier).', 0, 0, 0, '{}',
   '{"report":"full","fullLibrary":true,"companyPractice":true,"growthTracking":true}', 0, 90);
CREATE TABLE entitlements (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  tier_id       TEXT NOT NULL REFERENCES tiers(id),
  source        TEXT NOT NULL,
  starts_at     INTEGER NOT NULL,
  ends_at       INTEGER NOT NULL DEFAULT 0,
  credits_total INTEGER NOT NULL DEFAULT 0,
  credits_used  INTEGER NOT NULL DEFAULT 0,
  revoked_at    INTEGER NOT NULL DEFAULT 0,
  granted_by    INTEGER NOT NULL DEFAULT 0,
  payment_ref   TEXT NOT NULL DEFAULT '',
  note          TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL
);
CREATE INDEX entitlements_user ON entitlements(user_id, id);
CREATE INDEX entitlements_payment ON entitlements(payment_ref) WHERE payment_ref <> '';
CREATE INDEX entitlements_created ON entitlements(created_at);
CREATE TABLE usage (
  id             INTEGER PRIMARY KEY,
  user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  session_id     TEXT NOT NULL DEFAULT '',
  kind           TEXT NOT NULL,
  entitlement_id INTEGER NOT NULL DEFAULT 0,
  tier_id        TEXT NOT NULL DEFAULT '',
  at_ms          INTEGER NOT NULL
);
CREATE INDEX usage_user ON usage(user_id, kind, at_ms);
CREATE INDEX usage_session ON usage(session_id);
CREATE TABLE payment_events (
  event_id     TEXT PRIMARY KEY,
  type         TEXT NOT NULL,
  received_at  INTEGER NOT NULL,
  outcome_json TEXT NOT NULL DEFAULT '{}'
);
)sql",
    // 12: the analytics dashboard's weekly rollups, kept by triggers in the same transaction
    // as the rows they count, so each dashboard query reads a few rows per week however many
    // sessions there are (bench/analytics). A week is (ms - 345600000) / 604800000: weeks
    // since Monday 1970-01-05, UTC. Existing rows are rolled up here once.
    R"sql(
CREATE TABLE analytics_funnel_weeks (
  type   TEXT NOT NULL,
  week   INTEGER NOT NULL,
  events INTEGER NOT NULL,
  PRIMARY KEY (type, week)
) WITHOUT ROWID;
CREATE TABLE analytics_active_users (
  week    INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  PRIMARY KEY (week, user_id)
) WITHOUT ROWID;
CREATE TABLE analytics_first_start (
  user_id  INTEGER PRIMARY KEY,
  first_ms INTEGER NOT NULL
);
CREATE INDEX analytics_first_start_time ON analytics_first_start(first_ms);
CREATE INDEX funnel_events_user ON funnel_events(type, user_id, at_ms);
CREATE TABLE analytics_rating_weeks (
  week                 INTEGER NOT NULL,
  model_version        TEXT NOT NULL,
  ratings              INTEGER NOT NULL,
  realism              INTEGER NOT NULL,
  ease_of_use          INTEGER NOT NULL,
  feedback_helpfulness INTEGER NOT NULL,
  overall_satisfaction INTEGER NOT NULL,
  PRIMARY KEY (week, model_version)
) WITHOUT ROWID;
CREATE TABLE analytics_free_users (
  week    INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  PRIMARY KEY (week, user_id)
) WITHOUT ROWID;
CREATE TABLE analytics_user_marks (
  user_id       INTEGER PRIMARY KEY,
  first_free_ms INTEGER,
  first_paid_ms INTEGER
);
CREATE INDEX analytics_user_marks_paid ON analytics_user_marks(first_paid_ms);

CREATE TRIGGER analytics_on_funnel AFTER INSERT ON funnel_events BEGIN
  INSERT INTO analytics_funnel_weeks(type, week, events) VALUES (NEW.type, (NEW.at_ms - 345600000) / 604800000, 1)
    ON CONFLICT(type, week) DO UPDATE SET events = events + 1;
  INSERT OR IGNORE INTO analytics_active_users(week, user_id)
    SELECT (NEW.at_ms - 345600000) / 604800000, NEW.user_id WHERE NEW.type = 'session_start';
  INSERT OR IGNORE INTO analytics_first_start(user_id, first_ms)
    SELECT NEW.user_id, NEW.at_ms WHERE NEW.type = 'session_start';
  UPDATE analytics_first_start SET first_ms = NEW.at_ms
    WHERE NEW.type = 'session_start' AND user_id = NEW.user_id AND first_ms > NEW.at_ms;
END;
CREATE TRIGGER analytics_on_rating AFTER INSERT ON ratings BEGIN
  INSERT INTO analytics_rating_weeks(week, model_version, ratings, realism, ease_of_use, feedback_helpfulness,
                                     overall_satisfaction)
    VALUES ((NEW.rated_at_ms - 345600000) / 604800000, NEW.model_version, 1, NEW.realism, NEW.ease_of_use,
            NEW.feedback_helpfulness, NEW.overall_satisfaction)
    ON CONFLICT(week, model_version) DO UPDATE SET ratings = ratings + 1, realism = realism + excluded.realism,
      ease_of_use = ease_of_use + excluded.ease_of_use,
      feedback_helpfulness = feedback_helpfulness + excluded.feedback_helpfulness,
      overall_satisfaction = overall_satisfaction + excluded.overall_satisfaction;
END;
CREATE TRIGGER analytics_on_free_use AFTER INSERT ON usage WHEN NEW.kind = 'free' BEGIN
  INSERT OR IGNORE INTO analytics_free_users(week, user_id) VALUES ((NEW.at_ms - 345600000) / 604800000, NEW.user_id);
  INSERT OR IGNORE INTO analytics_user_marks(user_id) VALUES (NEW.user_id);
  UPDATE analytics_user_marks SET first_free_ms = NEW.at_ms
    WHERE user_id = NEW.user_id AND (first_free_ms IS NULL OR first_free_ms > NEW.at_ms);
END;
-- A released reservation (its interview never started) did not use the plan.
CREATE TRIGGER analytics_on_free_release AFTER DELETE ON usage WHEN OLD.kind = 'free' BEGIN
  DELETE FROM analytics_free_users WHERE week = (OLD.at_ms - 345600000) / 604800000 AND user_id = OLD.user_id
    AND NOT EXISTS (SELECT 1 FROM usage WHERE user_id = OLD.user_id AND kind = 'free'
                    AND (at_ms - 345600000) / 604800000 = (OLD.at_ms - 345600000) / 604800000);
  UPDATE analytics_user_marks
    SET first_free_ms = (SELECT min(at_ms) FROM usage WHERE user_id = OLD.user_id AND kind = 'free')
    WHERE user_id = OLD.user_id;
END;
CREATE TRIGGER analytics_on_payment AFTER INSERT ON entitlements WHEN NEW.source = 'payment' BEGIN
  INSERT OR IGNORE INTO analytics_user_marks(user_id) VALUES (NEW.user_id);
  UPDATE analytics_user_marks SET first_paid_ms = NEW.starts_at
    WHERE user_id = NEW.user_id AND (first_paid_ms IS NULL OR first_paid_ms > NEW.starts_at);
END;

INSERT INTO analytics_funnel_weeks(type, week, events)
  SELECT type, (at_ms - 345600000) / 604800000, count(*) FROM funnel_events GROUP BY 1, 2;
INSERT OR IGNORE INTO analytics_active_users(week, user_id)
  SELECT (at_ms - 345600000) / 604800000, user_id FROM funnel_events WHERE type = 'session_start';
INSERT INTO analytics_first_start(user_id, first_ms)
  SELECT user_id, min(at_ms) FROM funnel_events WHERE type = 'session_start' GROUP BY user_id;
INSERT INTO analytics_rating_weeks(week, model_version, ratings, realism, ease_of_use, feedback_helpfulness,
                                   overall_satisfaction)
  SELECT (rated_at_ms - 345600000) / 604800000, model_version, count(*), sum(realism), sum(ease_of_use),
         sum(feedback_helpfulness), sum(overall_satisfaction) FROM ratings GROUP BY 1, 2;
INSERT OR IGNORE INTO analytics_free_users(week, user_id)
  SELECT (at_ms - 345600000) / 604800000, user_id FROM usage WHERE kind = 'free';
INSERT INTO analytics_user_marks(user_id, first_free_ms, first_paid_ms)
  SELECT user_id, min(free_ms), min(paid_ms) FROM (
    SELECT user_id, at_ms AS free_ms, NULL AS paid_ms FROM usage WHERE kind = 'free'
    UNION ALL SELECT user_id, NULL, starts_at FROM entitlements WHERE source = 'payment')
  GROUP BY user_id;
)sql",
    // 13: a tier's checkout link (e.g. a Stripe Payment Link whose payments carry the tier
    // in their metadata), where the client sends a candidate who wants to buy it.
    R"sql(
ALTER TABLE tiers ADD COLUMN checkout_url TEXT NOT NULL DEFAULT '';
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
