// Store: everything Mockroom persists, behind one interface so that an embedded SQLite
// file (SqliteStore) and, later, a shared PostgreSQL server can both serve it.
// Implementations are thread-safe. Expected failures (duplicate email, missing row) come
// back as Result errors; storage faults come back as kInternal errors with the reason.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"

namespace mockroom::store {

class AdminStore;      // store/admin_store.h
class AuthoringStore;  // store/authoring_store.h
class BillingStore;    // store/billing_store.h
class AnalyticsStore;  // store/analytics_store.h

enum class Role { kCandidate, kCoach, kOperator, kAdmin };
const char* role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

struct User {
  int64_t id = 0;
  std::string email;
  std::string name;
  std::string password_hash;
  Role role = Role::kCandidate;
  int64_t created_at = 0;  // unix seconds
};

// One loaded version of an interview format (a Lua script and its declared metadata).
struct FormatRecord {
  std::string id;
  std::string version;     // sha256 of the source: sessions pin the version they began with
  std::string chunk_name;  // "@interviews/behavioral.lua", for error messages
  std::string source;
  std::string meta_json;   // the script's `interview{...}` declaration as JSON
  int64_t created_at = 0;
  // The shared prelude (interviews/lib/*.lua) this version runs on top of, pinned with it:
  // a JSON list of {"chunk": "@interviews/lib/x.lua", "source": "..."}.
  std::string libs_json = "[]";
};

struct QuestionRecord {
  std::string id;
  std::string bank;
  std::string kind;
  std::string competency;
  std::string difficulty;
  std::vector<std::string> industries;
  std::vector<std::string> levels;
  std::vector<std::string> tags;  // technologies, company styles, topics
  std::string text;
  std::string data_json;  // the bank entry (concepts, hints, reference points, ...)
  // What only the engine may see, never a script or a client: a coding problem's hidden
  // tests and reference solution, {"tests": [...], "reference": {...}}; "null" otherwise.
  // Read only by find_question_hidden.
  std::string hidden_json = "null";
};

// Full-text search over the bank (FTS5, BM25 ranking).
struct QuestionSearch {
  std::string query;  // words typed by a person; matched as prefixes, all must occur
  std::string kind;   // empty = all
  std::string tag;    // empty = all
  int limit = 20;
};

// When a candidate last saw a bank question, and when it is scheduled to come back.
struct QuestionSeen {
  std::string question_id;
  int64_t asked_at_ms = 0;
  std::optional<int64_t> redo_at_ms;
};

// A question the candidate wrote themselves (for example from a job posting).
struct UserQuestion {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string text;
  std::string competency;
  int64_t created_at = 0;  // unix seconds
};

// The candidate's resume: the text we extracted and what we read from it.
struct ResumeRecord {
  int64_t user_id = 0;
  std::string filename;
  std::string content_type;
  std::string text;
  std::string profile_json;  // skills, technologies, yearsExperience, roles, highlights
  int64_t uploaded_at = 0;   // unix seconds
};

// A prep package (for example a weekend plan): a window of validity and a plan of sessions.
struct PackageRecord {
  std::string id;
  int64_t user_id = 0;
  std::string kind;          // "weekend"
  std::string timezone;      // IANA name, e.g. "Europe/Berlin"
  int64_t starts_at = 0;     // unix seconds
  int64_t ends_at = 0;       // unix seconds, inclusive end of the window
  std::string setup_json;    // what the candidate asked for (company, role, level, ...)
  std::string plan_json;     // the plan items, each with its session once started
  int64_t created_at = 0;
};

struct QuestionFilter {
  std::string kind;                     // required
  std::vector<std::string> industries;  // any of; empty = all
  std::string level;                    // empty = all
  std::string competency;               // empty = all
  std::string difficulty;               // empty = all
  std::vector<std::string> tags;        // any of; empty = all
  std::string bank;                     // empty = all
};

struct SessionRecord {
  std::string id;
  int64_t user_id = 0;
  std::string format_id;
  std::string format_version;
  std::string setup_json;
  std::string status;        // in_progress, paused, completed, ended, failed
  std::string current_json;  // the open question, or "null"
  std::string summary_json;  // {"overallScore", "hireSignal"} once reported, else "null"
  int64_t created_at = 0;    // unix ms
  int64_t updated_at = 0;
};

struct Event {
  int64_t seq = 0;  // 1-based, dense per session
  std::string type;
  std::string payload_json;
  int64_t at_ms = 0;
};

// A step of the candidate funnel: "session_start" (the first question was asked) or
// "session_complete" (the report of a completed interview was delivered). Each type is
// recorded at most once per session.
struct FunnelEvent {
  std::string type;
  int64_t user_id = 0;
  std::string session_id;
  std::string model_version;  // the LLM provider at the time, "llm_rules@1.0.0"
  int64_t session_duration_seconds = 0;  // from the session's creation to this step
  int64_t at_ms = 0;
};

// A candidate's rating of one finished session (1-5 each); one per session.
struct Rating {
  std::string session_id;
  int64_t user_id = 0;
  std::string model_version;  // the LLM provider the session ran with
  int realism = 0;
  int ease_of_use = 0;
  int feedback_helpfulness = 0;
  int overall_satisfaction = 0;
  std::string comment;
  int64_t rated_at_ms = 0;
};

// One entry of the interviewer's knowledge base (interviews/knowledge/*.json): a style
// guide, an alternative solution, company values or a rubric note, with where it applies.
struct KnowledgeEntry {
  std::string id;
  std::string kind;   // style_guide | alternative_solution | company_values | rubric_note
  std::string title;
  std::string text;
  std::vector<std::string> formats;    // format ids; empty = every format
  std::vector<std::string> companies;  // company styles ("amazon-style"); empty = any
  std::vector<std::string> questions;  // bank question ids it is about; empty = none in particular
  std::vector<std::string> tags;
  std::string origin = "bundled";      // who maintains it: "bundled" (the files)
};

// Limits of a knowledge search.
inline constexpr std::size_t kMaxKnowledgeQueryChars = 96 * 1024;  // an answer and its question
inline constexpr std::size_t kMaxKnowledgeQueryTerms = 24;        // words ranked on (the rarest)
inline constexpr std::size_t kMaxKnowledgeCandidateWords = 400;   // distinct words looked at
inline constexpr std::size_t kMaxCachedKnowledgeWords = 50000;    // word counts remembered
inline constexpr std::size_t kMinKnowledgeTermChars = 3;
inline constexpr std::size_t kMaxKnowledgeTermChars = 40;
inline constexpr int kMaxKnowledgeResults = 8;

struct KnowledgeQuery {
  std::string text;         // what the turn is about: the question and the answer
  std::string format;       // the interview's format id
  std::string company;      // its company style, "" for none
  std::string question_id;  // the bank question on the table, "" for none
  int limit = 3;
};

// The distinct content words of `text`, lower case, in order: no stop words, at least
// kMinKnowledgeTermChars long (cut at kMaxKnowledgeTermChars), at most
// kMaxKnowledgeCandidateWords. Anything else (FTS5 operators, quotes) is a separator.
std::vector<std::string> knowledge_words(std::string_view text);
// The FTS5 query for `words`: each quoted, OR-ed, so that BM25 ranks entries by how many of
// the words they share and how rare those are.
std::string knowledge_match(const std::vector<std::string>& words);

// A coach's wording of one interviewer prompt for one format.
struct PromptOverride {
  std::string format_id;
  std::string name;  // persona | followup | acknowledge
  std::string text;
  int64_t updated_by = 0;
  int64_t updated_at = 0;  // unix ms
};

// A candidate's onboarding: the profile they gave (role, level, target companies, weak
// areas, time until their interviews) and whether they have seen the first-time
// walkthrough. One row per user, made on first write.
struct AccountProfile {
  int64_t user_id = 0;
  std::string profile_json = "null";    // the validated profile, or "null" before one is saved
  int64_t profile_updated_at = 0;       // unix seconds, 0 before one is saved
  std::string walkthrough_outcome;      // "" (not seen yet), "completed" or "skipped"
  int walkthrough_step = 0;             // the step (1-3) the walkthrough was left at
  int64_t walkthrough_at = 0;           // unix seconds
};

// What a turn changes on the session row, written in the same transaction as its events.
struct SessionUpdate {
  std::string status;
  std::string current_json;
  std::optional<std::string> summary_json;
  // Bank questions asked in this turn: recorded in the candidate's history in the same
  // transaction, so that later sessions can avoid repeating them.
  std::vector<std::string> asked_question_ids;
  int64_t at_ms = 0;
  // Funnel steps this turn reached, committed with its events so that each is recorded
  // exactly when the log says it happened; a type already recorded is ignored.
  std::vector<FunnelEvent> funnel_events = {};
};

class Store {
 public:
  virtual ~Store() = default;

  // Users and tokens.
  virtual Result<User> create_user(const std::string& email, const std::string& name,
                                   const std::string& password_hash, Role role) = 0;
  virtual Result<User> find_user_by_email(const std::string& email) = 0;
  virtual Result<User> find_user(int64_t id) = 0;
  virtual Status set_user_role(int64_t id, Role role) = 0;
  virtual Status insert_token(const std::string& token_hash, int64_t user_id,
                              int64_t expires_at) = 0;
  virtual Result<User> find_user_by_token(const std::string& token_hash, int64_t now) = 0;
  // Revokes one token (logout); ok when it was already gone.
  virtual Status delete_token(const std::string& token_hash) = 0;

  // Onboarding (sqlite_account.cpp): the profile and the walkthrough's state, per user.
  // find_account_profile returns an empty AccountProfile for a user who saved nothing yet.
  virtual Result<AccountProfile> find_account_profile(int64_t user_id) = 0;
  virtual Status save_profile(int64_t user_id, const std::string& profile_json, int64_t at) = 0;
  virtual Status save_walkthrough(int64_t user_id, const std::string& outcome, int step,
                                  int64_t at) = 0;

  // Interview formats.
  virtual Status save_format(const FormatRecord& format) = 0;  // idempotent per version
  virtual Result<FormatRecord> find_format(const std::string& id,
                                           const std::string& version) = 0;

  // Question bank.
  virtual Status upsert_questions(const std::vector<QuestionRecord>& questions) = 0;
  virtual Result<QuestionRecord> find_question(const std::string& id) = 0;
  virtual Result<std::string> find_question_hidden(const std::string& id) = 0;
  virtual Result<std::vector<QuestionRecord>> find_questions(const QuestionFilter& filter) = 0;
  virtual Result<int64_t> count_questions(const std::string& kind) = 0;
  virtual Result<std::vector<QuestionRecord>> search_questions(const QuestionSearch& search) = 0;

  // What each candidate has seen, and redo scheduling (spaced repetition).
  virtual Result<std::vector<QuestionSeen>> question_history(int64_t user_id) = 0;
  virtual Status schedule_redo(int64_t user_id, const std::string& question_id,
                               int64_t redo_at_ms) = 0;

  // The candidate's own questions.
  virtual Result<std::vector<UserQuestion>> add_user_questions(
      int64_t user_id, const std::vector<UserQuestion>& questions) = 0;
  virtual Result<std::vector<UserQuestion>> list_user_questions(int64_t user_id) = 0;

  // Resumes (one per candidate; a new upload replaces the old one).
  virtual Status save_resume(const ResumeRecord& resume) = 0;
  virtual Result<ResumeRecord> find_resume(int64_t user_id) = 0;

  // Prep packages.
  virtual Status create_package(const PackageRecord& package) = 0;
  virtual Result<PackageRecord> find_package(const std::string& id) = 0;
  virtual Result<std::vector<PackageRecord>> list_packages(int64_t user_id) = 0;
  virtual Status update_package_plan(const std::string& id, const std::string& plan_json) = 0;

  // Sessions and their event logs.
  virtual Status create_session(const SessionRecord& session,
                                const std::vector<Event>& events) = 0;
  virtual Result<SessionRecord> find_session(const std::string& id) = 0;
  virtual Result<std::vector<SessionRecord>> list_sessions(int64_t user_id, int limit) = 0;
  // Appends events (their seq must continue the log) and updates the row, atomically.
  // Returns only once the transaction is committed.
  virtual Status append_events(const std::string& session_id, const std::vector<Event>& events,
                               const SessionUpdate& update) = 0;
  virtual Result<std::vector<Event>> load_events(const std::string& session_id) = 0;
  // Only the events of these types, in log order (progress reads questions and reports
  // without the rest of a long log).
  virtual Result<std::vector<Event>> load_events_of_types(const std::string& session_id,
                                                          const std::vector<std::string>& types) = 0;

  // Analytics: funnel events (written by append_events) and ratings.
  virtual Result<std::vector<FunnelEvent>> list_funnel_events(const std::string& session_id) = 0;
  // A conflict if the session has a rating already.
  virtual Status save_rating(const Rating& rating) = 0;
  virtual Result<Rating> find_rating(const std::string& session_id) = 0;

  // The interviewer's knowledge base: replace_knowledge swaps every entry of `origin` for
  // `entries` in one transaction; search_knowledge returns first the entries about the
  // query's question, then the best BM25 matches not tied to a question, all within the
  // query's format and company style.
  virtual Status replace_knowledge(const std::string& origin, const std::vector<KnowledgeEntry>& entries) = 0;
  virtual Result<std::vector<KnowledgeEntry>> search_knowledge(const KnowledgeQuery& query) = 0;

  // Coaches' prompt overrides (one per format and prompt name).
  virtual Result<std::vector<PromptOverride>> list_prompt_overrides() = 0;
  virtual Status save_prompt_override(const PromptOverride& override_) = 0;
  virtual Status delete_prompt_override(const std::string& format_id, const std::string& name) = 0;  // 404 if none

  // The admin console's repositories, each in its own header; they live as long as the store.
  virtual AdminStore& admin() = 0;
  virtual AuthoringStore& authoring() = 0;
  virtual BillingStore& billing() = 0;
  virtual AnalyticsStore& analytics() = 0;
};

// Opens (creating and migrating) the SQLite database at `path`. Throws on failure: the
// engine cannot start without its store.
std::unique_ptr<Store> open_sqlite_store(const std::string& path);

}  // namespace mockroom::store
