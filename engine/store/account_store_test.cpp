// The store's side of accounts: revoked tokens and each user's onboarding row.
#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

#include "store/store.h"

using namespace mockroom;
namespace fs = std::filesystem;

namespace {

struct AccountDb {
  fs::path path = fs::temp_directory_path() / ("mockroom-account-test-" + std::to_string(::getpid()) + ".db");
  std::unique_ptr<store::Store> store;
  int64_t user = 0;

  AccountDb() {
    cleanup();
    store = store::open_sqlite_store(path.string());
    user = store->create_user("ada@example.com", "Ada", "h", store::Role::kCandidate)->id;
  }
  ~AccountDb() {
    store.reset();
    cleanup();
  }
  void cleanup() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  }
};

}  // namespace

TEST_SUITE_BEGIN("account store");

TEST_CASE("A deleted token no longer finds its user, and deleting it again is fine") {
  AccountDb db;
  REQUIRE(db.store->insert_token("hash-1", db.user, 4'000'000'000).ok());
  REQUIRE(db.store->insert_token("hash-2", db.user, 4'000'000'000).ok());
  REQUIRE(db.store->delete_token("hash-1").ok());
  CHECK(db.store->find_user_by_token("hash-1", 1).error().code == ErrorCode::kUnauthorized);
  CHECK(db.store->find_user_by_token("hash-2", 1).ok());  // another device stays signed in
  CHECK(db.store->delete_token("hash-1").ok());
}

TEST_CASE("A user with no onboarding row reads an empty one") {
  AccountDb db;
  auto account = db.store->find_account_profile(db.user);
  REQUIRE(account.ok());
  CHECK(account->profile_json == "null");
  CHECK(account->walkthrough_outcome.empty());
}

TEST_CASE("Saving the profile keeps the walkthrough state, and the other way round") {
  AccountDb db;
  REQUIRE(db.store->save_walkthrough(db.user, "skipped", 2, 100).ok());
  REQUIRE(db.store->save_profile(db.user, R"({"role":"SRE"})", 200).ok());
  auto account = db.store->find_account_profile(db.user);
  REQUIRE(account.ok());
  CHECK(account->walkthrough_outcome == "skipped");
  CHECK(account->walkthrough_step == 2);
  CHECK(account->walkthrough_at == 100);
  CHECK(account->profile_json == R"({"role":"SRE"})");
  CHECK(account->profile_updated_at == 200);

  REQUIRE(db.store->save_walkthrough(db.user, "completed", 3, 300).ok());
  account = db.store->find_account_profile(db.user);
  CHECK(account->profile_json == R"({"role":"SRE"})");
  CHECK(account->walkthrough_outcome == "completed");
}

TEST_SUITE_END();
