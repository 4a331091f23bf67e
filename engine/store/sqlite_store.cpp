// SqliteStore: the embedded Store, one SQLite file in WAL mode. Three connections:
//  - the writer (behind write_mu_), fed session events by GroupCommit so concurrent turns
//    share one transaction; other writes (accounts, formats, bank) use it directly;
//  - kReaderConnections readers (ReaderPool), so lookups never wait for a commit nor, a
//    knowledge search or a history read being slower, for each other;
//  - the checkpointer's, which copies the WAL back into the database in the background,
//    so no commit ever pays for a checkpoint (wal_autocheckpoint is off).
// synchronous=NORMAL: a committed transaction survives a crash of the process (kill -9),
// though not a power cut before the next checkpoint.
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <sqlite3.h>
#include <thread>
#include <vector>

#include "store/db.h"
#include "store/group_commit.h"
#include "store/migrations.h"
#include "store/reader_pool.h"
#include "store/sqlite_queries.h"
#include "store/sqlite_repositories.h"
#include "store/store.h"

namespace mockroom::store {
namespace {

using nlohmann::json;

// Runs `body`, turning a storage exception into an internal error. R is a Result<T> or a
// Status.
template <typename R, typename F>
R caught(F&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    spdlog::error("store: {}", e.what());
    return internal(std::string("storage error: ") + e.what());
  }
}

// The same under `mu`.
template <typename R, typename F>
R guarded_as(std::mutex& mu, F&& body) {
  std::lock_guard lock(mu);
  return caught<R>(std::forward<F>(body));
}

template <typename T, typename F>
Result<T> guarded(std::mutex& mu, F&& body) {
  return guarded_as<Result<T>>(mu, std::forward<F>(body));
}

template <typename F>
Status guarded_status(std::mutex& mu, F&& body) {
  return guarded_as<Status>(mu, std::forward<F>(body));
}


User read_user(const Stmt& s) {
  User u;
  u.id = s.int64(0);
  u.email = s.text(1);
  u.name = s.text(2);
  u.password_hash = s.text(3);
  u.role = parse_role(s.text(4)).value_or(Role::kCandidate);
  u.created_at = s.int64(5);
  return u;
}

constexpr const char* kUserColumns = "id, email, name, password_hash, role, created_at";

SessionRecord read_session(const Stmt& s) {
  SessionRecord r;
  r.id = s.text(0);
  r.user_id = s.int64(1);
  r.format_id = s.text(2);
  r.format_version = s.text(3);
  r.setup_json = s.text(4);
  r.status = s.text(5);
  r.current_json = s.text(6);
  r.summary_json = s.text(7);
  r.created_at = s.int64(8);
  r.updated_at = s.int64(9);
  return r;
}

constexpr const char* kSessionColumns =
    "id, user_id, format_id, format_version, setup_json, status, current_json, summary_json, "
    "created_at, updated_at";

void insert_events(Db& db, const std::string& session_id, const std::vector<Event>& events) {
  auto stmt = db.prepare(
      "INSERT INTO session_events(session_id, seq, type, payload, at_ms) VALUES(?,?,?,?,?)");
  for (const auto& e : events) {
    stmt.reset();
    stmt.bind(1, session_id).bind(2, e.seq).bind(3, e.type).bind(4, e.payload_json).bind(5, e.at_ms);
    stmt.run();
  }
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::string& path)
      : writer_(prepared_writer(path)), readers_(path), commits_(writer_, write_mu_),
        checkpointer_([this, path] { checkpoint_loop(path); }) {
    {
      std::lock_guard lock(write_mu_);
      writer_.exec("PRAGMA synchronous=NORMAL");
      writer_.exec("PRAGMA wal_autocheckpoint=0");
      writer_.exec("PRAGMA journal_size_limit=67108864");
    }
    SqliteAccess access{write_mu_, writer_,
                        [this](const std::function<void(Db&)>& fn) { readers_.with([&](Db& db) { fn(db); }); },
                        [this] { forget_bank(); }};
    admin_ = make_sqlite_admin_store(access);
    authoring_ = make_sqlite_authoring_store(access);
    billing_ = make_sqlite_billing_store(access);
    analytics_ = make_sqlite_analytics_store(access);
  }

  AdminStore& admin() override { return *admin_; }
  AuthoringStore& authoring() override { return *authoring_; }
  BillingStore& billing() override { return *billing_; }
  AnalyticsStore& analytics() override { return *analytics_; }

  // Runs body(reader) on one of the read connections.
  template <typename T, typename F>
  Result<T> read(F&& body) {
    return readers_.with([&](Db& reader) { return caught<Result<T>>([&] { return body(reader); }); });
  }

  ~SqliteStore() override {
    {
      std::lock_guard lock(checkpoint_mu_);
      stopping_ = true;
    }
    checkpoint_cv_.notify_all();
    checkpointer_.join();
  }

  Result<User> create_user(const std::string& email, const std::string& name,
                           const std::string& password_hash, Role role) override {
    return guarded<User>(write_mu_, [&]() -> Result<User> {
      auto exists = writer_.prepare("SELECT 1 FROM users WHERE email = ?");
      exists.bind(1, email);
      if (exists.step()) return conflict("an account with this email already exists");
      auto stmt = writer_.prepare(
          "INSERT INTO users(email, name, password_hash, role, created_at) "
          "VALUES(?,?,?,?,strftime('%s','now'))");
      stmt.bind(1, email).bind(2, name).bind(3, password_hash).bind(4, role_name(role));
      stmt.run();
      return find_user_locked(writer_, writer_.last_insert_rowid());
    });
  }

  Result<User> find_user_by_email(const std::string& email) override {
    return read<User>([&](Db& reader) -> Result<User> {
      auto stmt = reader.prepare(std::string("SELECT ") + kUserColumns +
                              " FROM users WHERE email = ?");
      stmt.bind(1, email);
      if (!stmt.step()) return not_found("no account with this email");
      return read_user(stmt);
    });
  }

  Result<User> find_user(int64_t id) override {
    return read<User>([&](Db& reader) { return find_user_locked(reader, id); });
  }

  Status set_user_role(int64_t id, Role role) override {
    return guarded_status(write_mu_, [&]() -> Status {
      auto stmt = writer_.prepare("UPDATE users SET role = ? WHERE id = ?");
      stmt.bind(1, role_name(role)).bind(2, id);
      stmt.run();
      if (writer_.changes() == 0) return not_found("no such user");
      return {};
    });
  }

  Status insert_token(const std::string& token_hash, int64_t user_id,
                      int64_t expires_at) override {
    return guarded_status(write_mu_, [&]() -> Status {
      auto stmt = writer_.prepare(
          "INSERT INTO auth_tokens(token_hash, user_id, created_at, expires_at) "
          "VALUES(?,?,strftime('%s','now'),?)");
      stmt.bind(1, token_hash).bind(2, user_id).bind(3, expires_at);
      stmt.run();
      return {};
    });
  }

  Result<User> find_user_by_token(const std::string& token_hash, int64_t now) override {
    return read<User>([&](Db& reader) -> Result<User> {
      auto stmt = reader.prepare(
          "SELECT u.id, u.email, u.name, u.password_hash, u.role, u.created_at "
          "FROM auth_tokens t JOIN users u ON u.id = t.user_id "
          "WHERE t.token_hash = ? AND t.expires_at > ?");
      stmt.bind(1, token_hash).bind(2, now);
      if (!stmt.step()) return Error{ErrorCode::kUnauthorized, "invalid or expired token"};
      return read_user(stmt);
    });
  }

  Status delete_token(const std::string& token_hash) override {
    return guarded_status(write_mu_, [&]() -> Status {
      sql::delete_token(writer_, token_hash);
      return {};
    });
  }

  // Onboarding: SQL in sqlite_account.cpp.
  Result<AccountProfile> find_account_profile(int64_t user_id) override {
    return read<AccountProfile>([&](Db& reader) -> Result<AccountProfile> {
      return sql::find_account_profile(reader, user_id);
    });
  }
  Status save_profile(int64_t user_id, const std::string& profile_json, int64_t at) override {
    return guarded_status(write_mu_, [&]() -> Status {
      sql::save_profile(writer_, user_id, profile_json, at);
      return {};
    });
  }
  Status save_walkthrough(int64_t user_id, const std::string& outcome, int step, int64_t at) override {
    return guarded_status(write_mu_, [&]() -> Status {
      sql::save_walkthrough(writer_, user_id, outcome, step, at);
      return {};
    });
  }

  Status save_format(const FormatRecord& f) override {
    return guarded_status(write_mu_, [&]() -> Status {
      auto stmt = writer_.prepare(
          "INSERT OR IGNORE INTO formats(id, version, chunk_name, source, meta_json, created_at, "
          "libs_json) VALUES(?,?,?,?,?,?,?)");
      stmt.bind(1, f.id).bind(2, f.version).bind(3, f.chunk_name).bind(4, f.source)
          .bind(5, f.meta_json).bind(6, f.created_at).bind(7, f.libs_json);
      stmt.run();
      return {};
    });
  }

  Result<FormatRecord> find_format(const std::string& id, const std::string& version) override {
    return read<FormatRecord>([&](Db& reader) -> Result<FormatRecord> {
      auto stmt = reader.prepare(
          "SELECT id, version, chunk_name, source, meta_json, created_at, libs_json FROM formats "
          "WHERE id = ? AND version = ?");
      stmt.bind(1, id).bind(2, version);
      if (!stmt.step()) return not_found("format " + id + " version " + version + " not found");
      return FormatRecord{stmt.text(0), stmt.text(1),  stmt.text(2), stmt.text(3),
                          stmt.text(4), stmt.int64(5), stmt.text(6)};
    });
  }

  // The question bank, history and the candidate's own data: SQL in sqlite_bank.cpp and
  // sqlite_candidate.cpp; here only which connection and lock each uses.
  Status upsert_questions(const std::vector<QuestionRecord>& questions) override {
    return guarded_status(write_mu_, [&]() -> Status {
      Transaction tx(writer_);
      sql::upsert_questions(writer_, questions);
      tx.commit();
      forget_bank();
      return {};
    });
  }
  Result<QuestionRecord> find_question(const std::string& id) override {
    return read<QuestionRecord>([&](Db& reader) { return sql::find_question(reader, id); });
  }
  Result<std::string> find_question_hidden(const std::string& id) override {
    return read<std::string>([&](Db& reader) { return sql::find_question_hidden(reader, id); });
  }
  // Picks run on every new interview: they filter an in-memory copy of the bank, loaded on
  // first use and dropped whenever the bank changes, instead of querying and parsing rows.
  Result<std::vector<QuestionRecord>> find_questions(const QuestionFilter& f) override {
    auto bank = question_cache();
    if (!bank.ok()) return bank.error();
    return sql::filter_questions(**bank, f);
  }
  Result<int64_t> count_questions(const std::string& kind) override {
    return read<int64_t>([&](Db& reader) { return sql::count_questions(reader, kind); });
  }
  Result<std::vector<QuestionRecord>> search_questions(const QuestionSearch& search) override {
    return read<std::vector<QuestionRecord>>([&](Db& reader) { return sql::search_questions(reader, search); });
  }
  Result<std::vector<QuestionSeen>> question_history(int64_t user_id) override {
    return read<std::vector<QuestionSeen>>([&](Db& reader) { return sql::question_history(reader, user_id); });
  }
  Status schedule_redo(int64_t user_id, const std::string& question_id, int64_t redo_at_ms) override {
    return guarded_status(write_mu_, [&] { return sql::schedule_redo(writer_, user_id, question_id, redo_at_ms); });
  }
  Result<std::vector<UserQuestion>> add_user_questions(int64_t user_id,
                                                       const std::vector<UserQuestion>& questions) override {
    return guarded<std::vector<UserQuestion>>(write_mu_, [&] {
      Transaction tx(writer_);
      auto out = sql::add_user_questions(writer_, user_id, questions);
      tx.commit();
      return out;
    });
  }
  Result<std::vector<UserQuestion>> list_user_questions(int64_t user_id) override {
    return read<std::vector<UserQuestion>>([&](Db& reader) { return sql::list_user_questions(reader, user_id); });
  }
  Status save_resume(const ResumeRecord& resume) override {
    return guarded_status(write_mu_, [&]() -> Status {
      sql::save_resume(writer_, resume);
      return {};
    });
  }
  Result<ResumeRecord> find_resume(int64_t user_id) override {
    return read<ResumeRecord>([&](Db& reader) { return sql::find_resume(reader, user_id); });
  }
  Status create_package(const PackageRecord& package) override {
    return guarded_status(write_mu_, [&]() -> Status {
      sql::create_package(writer_, package);
      return {};
    });
  }
  Result<PackageRecord> find_package(const std::string& id) override {
    return read<PackageRecord>([&](Db& reader) { return sql::find_package(reader, id); });
  }
  Result<std::vector<PackageRecord>> list_packages(int64_t user_id) override {
    return read<std::vector<PackageRecord>>([&](Db& reader) { return sql::list_packages(reader, user_id); });
  }
  Status update_package_plan(const std::string& id, const std::string& plan_json) override {
    return guarded_status(write_mu_, [&] { return sql::update_package_plan(writer_, id, plan_json); });
  }

  Status create_session(const SessionRecord& s, const std::vector<Event>& events) override {
    return guarded_status(write_mu_, [&]() -> Status {
      Transaction tx(writer_);
      auto stmt = writer_.prepare(
          "INSERT INTO sessions(id, user_id, format_id, format_version, setup_json, status, "
          "current_json, summary_json, created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?)");
      stmt.bind(1, s.id).bind(2, s.user_id).bind(3, s.format_id).bind(4, s.format_version)
          .bind(5, s.setup_json).bind(6, s.status).bind(7, s.current_json)
          .bind(8, s.summary_json).bind(9, s.created_at).bind(10, s.updated_at);
      stmt.run();
      insert_events(writer_, s.id, events);
      tx.commit();
      return {};
    });
  }

  Result<SessionRecord> find_session(const std::string& id) override {
    return read<SessionRecord>([&](Db& reader) -> Result<SessionRecord> {
      auto stmt = reader.prepare(std::string("SELECT ") + kSessionColumns +
                              " FROM sessions WHERE id = ?");
      stmt.bind(1, id);
      if (!stmt.step()) return not_found("interview not found");
      return read_session(stmt);
    });
  }

  Result<std::vector<SessionRecord>> list_sessions(int64_t user_id, int limit) override {
    return read<std::vector<SessionRecord>>([&](Db& reader) {
      auto stmt = reader.prepare(std::string("SELECT ") + kSessionColumns +
                              " FROM sessions WHERE user_id = ? ORDER BY created_at DESC, id "
                              "LIMIT ?");
      stmt.bind(1, user_id).bind(2, static_cast<int64_t>(limit));
      std::vector<SessionRecord> out;
      while (stmt.step()) out.push_back(read_session(stmt));
      return out;
    });
  }

  Status append_events(const std::string& session_id, const std::vector<Event>& events,
                       const SessionUpdate& update) override {
    return commits_.run([&](Db& db) {
      insert_events(db, session_id, events);
      auto stmt = db.prepare(
          "UPDATE sessions SET status = ?, current_json = ?, "
          "summary_json = coalesce(?, summary_json), "
          "updated_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE id = ?");
      stmt.bind(1, update.status).bind(2, update.current_json).bind_opt(3, update.summary_json)
          .bind(4, session_id);
      stmt.run();
      if (db.changes() == 0) throw std::runtime_error("no session " + session_id);
      sql::record_asked(db, session_id, update.asked_question_ids, update.at_ms);
      sql::record_funnel_events(db, update.funnel_events);
    });
  }

  Result<std::vector<Event>> load_events(const std::string& session_id) override {
    return read<std::vector<Event>>([&](Db& reader) {
      auto stmt = reader.prepare(
          "SELECT seq, type, payload, at_ms FROM session_events WHERE session_id = ? "
          "ORDER BY seq");
      stmt.bind(1, session_id);
      std::vector<Event> out;
      while (stmt.step()) out.push_back({stmt.int64(0), stmt.text(1), stmt.text(2), stmt.int64(3)});
      return out;
    });
  }

  Result<std::vector<Event>> load_events_of_types(const std::string& session_id,
                                                  const std::vector<std::string>& types) override {
    return read<std::vector<Event>>([&](Db& reader) {
      // One SQL text for any list of types, so the statement stays compiled.
      auto stmt = reader.prepare(
          "SELECT seq, type, payload, at_ms FROM session_events WHERE session_id = ? "
          "AND type IN (SELECT value FROM json_each(?)) ORDER BY seq");
      stmt.bind(1, session_id).bind(2, json(types).dump());
      std::vector<Event> out;
      while (stmt.step()) out.push_back({stmt.int64(0), stmt.text(1), stmt.text(2), stmt.int64(3)});
      return out;
    });
  }

  Result<std::vector<FunnelEvent>> list_funnel_events(const std::string& session_id) override {
    return read<std::vector<FunnelEvent>>([&](Db& reader) { return sql::list_funnel_events(reader, session_id); });
  }
  Status save_rating(const Rating& rating) override {
    return guarded_status(write_mu_, [&] { return sql::save_rating(writer_, rating); });
  }
  Result<Rating> find_rating(const std::string& session_id) override {
    return read<Rating>([&](Db& reader) { return sql::find_rating(reader, session_id); });
  }

  // The interviewer's knowledge base and prompt overrides: SQL in sqlite_knowledge.cpp.
  Status replace_knowledge(const std::string& origin, const std::vector<KnowledgeEntry>& entries) override {
    return guarded_status(write_mu_, [&]() -> Status {
      Transaction tx(writer_);
      sql::replace_knowledge(writer_, origin, entries);
      tx.commit();
      knowledge_counts_.clear();
      return {};
    });
  }
  Result<std::vector<KnowledgeEntry>> search_knowledge(const KnowledgeQuery& query) override {
    return read<std::vector<KnowledgeEntry>>([&](Db& reader) { return sql::search_knowledge(reader, knowledge_counts_, query); });
  }
  Result<std::vector<PromptOverride>> list_prompt_overrides() override {
    return read<std::vector<PromptOverride>>([&](Db& reader) { return sql::list_prompt_overrides(reader); });
  }
  Status save_prompt_override(const PromptOverride& o) override {
    return guarded_status(write_mu_, [&]() -> Status {
      sql::save_prompt_override(writer_, o);
      return {};
    });
  }
  Status delete_prompt_override(const std::string& format_id, const std::string& name) override {
    return guarded_status(write_mu_, [&] { return sql::delete_prompt_override(writer_, format_id, name); });
  }

 private:
  static Result<User> find_user_locked(Db& db, int64_t id) {
    auto stmt = db.prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?");
    stmt.bind(1, id);
    if (!stmt.step()) return not_found("no such user");
    return read_user(stmt);
  }

  static const std::string& prepared_writer(const std::string& path) {
    Db db(path);  // migrate on a short-lived connection before the others open
    db.exec("PRAGMA synchronous=NORMAL");
    migrate(db);
    return path;
  }

  // Copies the WAL into the database every kCheckpointPeriod without blocking writers
  // or readers (PASSIVE). The WAL file restarts from the top only once every frame is
  // copied, which never happens while turns commit without pause. So once the WAL has
  // grown past kWalRestartFrames, further passes copy what was written during the one
  // before (each shorter than the last) until one is quick, and a last pass holds the
  // writer back just for the few frames left; the next commit then starts the WAL over.
  void checkpoint_loop(const std::string& path) {
    using Clock = std::chrono::steady_clock;
    Db db(path);
    auto checkpoint = [&db] {  // -> the frames in the WAL when the pass began
      int log_frames = 0, copied = 0;
      int rc = sqlite3_wal_checkpoint_v2(db.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                         &log_frames, &copied);
      if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
        spdlog::warn("store: checkpoint failed: {}", sqlite3_errmsg(db.handle()));
      }
      return log_frames;
    };
    std::unique_lock lock(checkpoint_mu_);
    while (!checkpoint_cv_.wait_for(lock, kCheckpointPeriod, [this] { return stopping_; })) {
      if (checkpoint() < kWalRestartFrames) continue;
      for (int pass = 0; pass < kMaxCatchUpPasses; ++pass) {
        auto started = Clock::now();
        checkpoint();
        if (Clock::now() - started < kQuickPass) break;
      }
      auto held = Clock::now();
      std::lock_guard writer_paused(write_mu_);
      checkpoint();
      spdlog::debug("store: WAL restarted; the writer waited {} us",
                    std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - held).count());
    }
    checkpoint();
  }

  // The bank changed: the cached copy goes, and a copy being loaded is not kept.
  void forget_bank() {
    std::lock_guard lock(cache_mu_);
    question_cache_.reset();
    ++bank_generation_;
  }

  Result<std::shared_ptr<const std::vector<QuestionRecord>>> question_cache() {
    uint64_t generation = 0;
    {
      std::lock_guard lock(cache_mu_);
      if (question_cache_) return question_cache_;
      generation = bank_generation_;
    }
    auto rows = read<std::vector<QuestionRecord>>([&](Db& reader) { return sql::all_questions(reader); });
    if (!rows.ok()) return rows.error();
    auto loaded = std::make_shared<const std::vector<QuestionRecord>>(std::move(rows.value()));
    std::lock_guard lock(cache_mu_);
    if (generation != bank_generation_) return loaded;  // the bank changed meanwhile: use, don't keep
    if (!question_cache_) question_cache_ = std::move(loaded);
    return question_cache_;
  }

  static constexpr auto kCheckpointPeriod = std::chrono::milliseconds(500);
  // WAL frames (pages of 4 KiB) past which a checkpoint pauses the writer to restart it.
  static constexpr int kWalRestartFrames = 4096;
  // A catch-up pass this short leaves little for the pass that holds the writer; under a
  // write rate the copy cannot outrun, the writer is held after kMaxCatchUpPasses anyway.
  static constexpr auto kQuickPass = std::chrono::milliseconds(1);
  static constexpr int kMaxCatchUpPasses = 6;

  std::mutex write_mu_;
  Db writer_;
  ReaderPool readers_;
  sql::KnowledgeTermCounts knowledge_counts_;
  GroupCommit commits_;
  std::mutex cache_mu_;
  std::shared_ptr<const std::vector<QuestionRecord>> question_cache_;  // null: reload
  uint64_t bank_generation_ = 0;  // bumped by every bank change
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool stopping_ = false;
  std::thread checkpointer_;
  std::unique_ptr<AdminStore> admin_;
  std::unique_ptr<AuthoringStore> authoring_;
  std::unique_ptr<BillingStore> billing_;
  std::unique_ptr<AnalyticsStore> analytics_;
};

}  // namespace

const char* role_name(Role role) {
  switch (role) {
    case Role::kCandidate: return "candidate";
    case Role::kCoach: return "coach";
    case Role::kOperator: return "operator";
    case Role::kAdmin: return "admin";
  }
  return "candidate";
}

std::optional<Role> parse_role(std::string_view name) {
  if (name == "candidate") return Role::kCandidate;
  if (name == "coach") return Role::kCoach;
  if (name == "operator") return Role::kOperator;
  if (name == "admin") return Role::kAdmin;
  return std::nullopt;
}

std::unique_ptr<Store> open_sqlite_store(const std::string& path) {
  return std::make_unique<SqliteStore>(path);
}

}  // namespace mockroom::store
