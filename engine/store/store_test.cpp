#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

#include "store/db.h"
#include "store/migrations.h"
#include "store/store.h"

using namespace mockroom;
namespace fs = std::filesystem;

namespace {
struct TempDb {
  fs::path path = fs::temp_directory_path() / ("mockroom-store-test-" + std::to_string(::getpid()) + ".db");
  TempDb() { cleanup(); }
  ~TempDb() { cleanup(); }
  void cleanup() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  }
};
}  // namespace

TEST_CASE("a second account with the same email (any case) is a conflict") {
  TempDb db;
  auto s = store::open_sqlite_store(db.path.string());
  REQUIRE(s->create_user("ada@example.com", "Ada", "h", store::Role::kCandidate).ok());
  auto again = s->create_user("ADA@example.com", "Ada", "h", store::Role::kCandidate);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == ErrorCode::kConflict);
}

TEST_CASE("events are appended in order and survive reopening the database") {
  TempDb db;
  {
    auto s = store::open_sqlite_store(db.path.string());
    auto u = s->create_user("a@b.co", "A", "h", store::Role::kCandidate);
    REQUIRE(u.ok());
    store::SessionRecord rec{"s1", u->id, "behavioral", "v1", "{}", "in_progress", "null", "null", 1, 1};
    REQUIRE(s->create_session(rec, {{1, "created", "{}", 1}}).ok());
    REQUIRE(s->append_events("s1", {{2, "question", R"({"id":"q1"})", 2}, {3, "answer", R"({"text":"hi"})", 3}},
                             {"in_progress", R"({"id":"q1"})", std::nullopt, {}, 0})
                .ok());
  }
  auto s = store::open_sqlite_store(db.path.string());
  auto events = s->load_events("s1");
  REQUIRE(events.ok());
  REQUIRE(events->size() == 3);
  CHECK((*events)[2].type == "answer");
  CHECK(s->find_session("s1")->current_json == R"({"id":"q1"})");
}

TEST_CASE("a duplicate event sequence number is rejected and changes nothing") {
  TempDb db;
  auto s = store::open_sqlite_store(db.path.string());
  auto u = s->create_user("a@b.co", "A", "h", store::Role::kCandidate);
  store::SessionRecord rec{"s1", u->id, "behavioral", "v1", "{}", "in_progress", "null", "null", 1, 1};
  REQUIRE(s->create_session(rec, {{1, "created", "{}", 1}}).ok());
  auto st = s->append_events("s1", {{1, "answer", "{}", 2}}, {"completed", "null", std::nullopt, {}, 0});
  CHECK_FALSE(st.ok());
  CHECK(s->find_session("s1")->status == "in_progress");
  CHECK(s->load_events("s1")->size() == 1);
}

TEST_CASE("question filters match level, industry and kind") {
  TempDb db;
  auto s = store::open_sqlite_store(db.path.string());
  REQUIRE(s->upsert_questions({
      {"a", "b", "behavioral", "conflict", "easy", {"tech"}, {"entry"}, {}, "A?", "{}"},
      {"b", "b", "behavioral", "conflict", "easy", {"general"}, {"senior"}, {}, "B?", "{}"},
      {"c", "b", "coding", "arrays", "easy", {"tech"}, {"entry"}, {}, "C?", "{}"},
  }).ok());
  store::QuestionFilter f;
  f.kind = "behavioral";
  f.industries = {"tech"};
  auto rows = s->find_questions(f);
  REQUIRE(rows->size() == 1);
  CHECK((*rows)[0].id == "a");
  f.industries = {};
  f.level = "senior";
  CHECK(s->find_questions(f)->at(0).id == "b");
}

TEST_CASE("events written before the rowid event table keep their order after the migration") {
  TempDb db;
  {
    store::Db old(db.path.string());
    store::migrate(old, 2);
    old.exec("INSERT INTO users(id, email, name, password_hash, created_at) VALUES(1, 'a@b.co', 'A', 'h', 1)");
    old.exec("INSERT INTO sessions(id, user_id, format_id, format_version, setup_json, status, created_at, updated_at)"
             " VALUES('s1', 1, 'behavioral', 'v1', '{}', 'in_progress', 1, 1)");
    // Inserted out of order: the log must come back by seq, not by insertion.
    old.exec("INSERT INTO session_events(session_id, seq, type, payload, at_ms) VALUES"
             " ('s1', 3, 'answer', '{\"text\":\"hi\"}', 3), ('s1', 1, 'created', '{}', 1),"
             " ('s1', 2, 'question', '{\"id\":\"q1\"}', 2)");
  }
  auto s = store::open_sqlite_store(db.path.string());
  auto events = s->load_events("s1");
  REQUIRE(events.ok());
  REQUIRE(events->size() == 3);
  CHECK((*events)[0].type == "created");
  CHECK((*events)[1].type == "question");
  CHECK((*events)[2].payload_json == R"({"text":"hi"})");
  // The unique (session_id, seq) index still refuses a duplicate.
  CHECK_FALSE(s->append_events("s1", {{3, "answer", "{}", 4}}, {"in_progress", "null", std::nullopt, {}, 0}).ok());
}
