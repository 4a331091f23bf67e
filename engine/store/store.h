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
};

struct QuestionRecord {
  std::string id;
  std::string bank;
  std::string kind;
  std::string competency;
  std::string difficulty;
  std::vector<std::string> industries;
  std::vector<std::string> levels;
  std::string text;
  std::string data_json;  // the full bank entry (concepts, hints, reference points, ...)
};

struct QuestionFilter {
  std::string kind;                     // required
  std::vector<std::string> industries;  // any of; empty = all
  std::string level;                    // empty = all
  std::string competency;               // empty = all
  std::string difficulty;               // empty = all
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

// What a turn changes on the session row, written in the same transaction as its events.
struct SessionUpdate {
  std::string status;
  std::string current_json;
  std::optional<std::string> summary_json;
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

  // Interview formats.
  virtual Status save_format(const FormatRecord& format) = 0;  // idempotent per version
  virtual Result<FormatRecord> find_format(const std::string& id,
                                           const std::string& version) = 0;

  // Question bank.
  virtual Status upsert_questions(const std::vector<QuestionRecord>& questions) = 0;
  virtual Result<QuestionRecord> find_question(const std::string& id) = 0;
  virtual Result<std::vector<QuestionRecord>> find_questions(const QuestionFilter& filter) = 0;
  virtual Result<int64_t> count_questions(const std::string& kind) = 0;

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
};

// Opens (creating and migrating) the SQLite database at `path`. Throws on failure: the
// engine cannot start without its store.
std::unique_ptr<Store> open_sqlite_store(const std::string& path);

}  // namespace mockroom::store
