// Ratings: what a valid rating is, and who may rate which session when.
#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

#include "analytics/funnel.h"
#include "analytics/rating.h"

using namespace mockroom;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

json good_rating() {
  return {{"realism", 5}, {"easeOfUse", 4}, {"feedbackHelpfulness", 3}, {"overallSatisfaction", 1}};
}

std::string error_of(const json& body) {
  auto r = analytics::parse_rating(body);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kInvalidArgument);
  return r.error().message;
}

// A store in a temporary file with one candidate, a second user and sessions to rate.
struct RatingStore {
  fs::path path = fs::temp_directory_path() / ("mockroom-rating-test-" + std::to_string(::getpid()) + ".db");
  std::unique_ptr<store::Store> store;
  plugin::Registry plugins;  // no provider active: model_version() is "none"
  int64_t owner = 0, other = 0;

  RatingStore() {
    cleanup();
    store = store::open_sqlite_store(path.string());
    owner = store->create_user("ada@example.com", "Ada", "h", store::Role::kCandidate)->id;
    other = store->create_user("bob@example.com", "Bob", "h", store::Role::kCandidate)->id;
  }
  ~RatingStore() {
    store.reset();
    cleanup();
  }
  void cleanup() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  }
  store::SessionRecord add_session(const std::string& id, const std::string& status) {
    store::SessionRecord rec{id, owner, "behavioral", "v1", "{}", status, "null", "null", 1000, 1000};
    REQUIRE(store->create_session(rec, {{1, "created", "{}", 1000}}).ok());
    return rec;
  }
};

}  // namespace

TEST_CASE("a rating needs all four scores as whole numbers from 1 to 5") {
  auto r = analytics::parse_rating(good_rating());
  REQUIRE(r.ok());
  CHECK(r->realism == 5);
  CHECK(r->ease_of_use == 4);
  CHECK(r->feedback_helpfulness == 3);
  CHECK(r->overall_satisfaction == 1);
  CHECK(r->comment.empty());

  for (const char* field : {"realism", "easeOfUse", "feedbackHelpfulness", "overallSatisfaction"}) {
    CAPTURE(field);
    json missing = good_rating();
    missing.erase(field);
    CHECK(error_of(missing) == std::string("missing field '") + field + "'");
    for (const json& bad : {json(0), json(6), json(-1), json(4.0), json(4.5), json("5"), json(true), json(nullptr)}) {
      CAPTURE(bad.dump());
      json body = good_rating();
      body[field] = bad;
      CHECK(error_of(body) == std::string("field '") + field + "' must be a whole number from 1 to 5");
    }
  }
}

TEST_CASE("a rating comment is optional text of at most 2000 characters") {
  json body = good_rating();
  body["comment"] = "Felt like the real thing.";
  CHECK(analytics::parse_rating(body)->comment == "Felt like the real thing.");
  body["comment"] = nullptr;
  CHECK(analytics::parse_rating(body).ok());
  body["comment"] = 42;
  CHECK(error_of(body) == "field 'comment' must be a string");
  // Characters, not bytes: 2000 two-byte letters fit, 2001 ASCII ones do not.
  std::string umlauts;
  for (std::size_t i = 0; i < analytics::kMaxRatingCommentChars; ++i) umlauts += "\xC3\xBC";
  body["comment"] = umlauts;
  CHECK(analytics::parse_rating(body).ok());
  body["comment"] = std::string(analytics::kMaxRatingCommentChars + 1, 'a');
  CHECK(error_of(body).find("'comment' is longer than 2000 characters") != std::string::npos);
}

TEST_CASE("a rating with an unknown field is refused, naming the field") {
  json body = good_rating();
  body["coment"] = "typo";
  CHECK(error_of(body).find("unknown field 'coment'") != std::string::npos);
  CHECK(error_of(json::array()).find("JSON object") != std::string::npos);
}

TEST_CASE("only the owner rates a finished session, and only once") {
  RatingStore s;
  s.add_session("done", "completed");
  s.add_session("stopped", "ended");
  s.add_session("open", "in_progress");
  s.add_session("paused", "paused");

  auto by_other = analytics::rate_session(*s.store, s.plugins, s.other, "done", good_rating(), 5000);
  REQUIRE_FALSE(by_other.ok());
  CHECK(by_other.error().code == ErrorCode::kNotFound);
  CHECK(analytics::session_rating(*s.store, s.other, "done").error().code == ErrorCode::kNotFound);
  CHECK(analytics::rate_session(*s.store, s.plugins, s.owner, "nope", good_rating(), 5000).error().code ==
        ErrorCode::kNotFound);

  for (const char* id : {"open", "paused"}) {
    auto early = analytics::rate_session(*s.store, s.plugins, s.owner, id, good_rating(), 5000);
    REQUIRE_FALSE(early.ok());
    CHECK(early.error().code == ErrorCode::kConflict);
  }
  CHECK(analytics::session_rating(*s.store, s.owner, "done").error().code == ErrorCode::kNotFound);

  auto rated = analytics::rate_session(*s.store, s.plugins, s.owner, "done", good_rating(), 5000);
  REQUIRE_MESSAGE(rated.ok(), (rated.ok() ? "" : rated.error().message));
  CHECK((*rated)["sessionId"] == "done");
  CHECK((*rated)["ratedAt"] == 5000);
  CHECK((*rated)["modelVersion"] == "none");
  auto again = analytics::rate_session(*s.store, s.plugins, s.owner, "done", good_rating(), 6000);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == ErrorCode::kConflict);
  CHECK(again.error().message.find("already rated") != std::string::npos);
  CHECK((*analytics::session_rating(*s.store, s.owner, "done"))["ratedAt"] == 5000);

  CHECK(analytics::rate_session(*s.store, s.plugins, s.owner, "stopped", good_rating(), 5000).ok());
}

TEST_CASE("a rating carries the LLM provider its session started with") {
  RatingStore s;
  auto rec = s.add_session("done", "completed");
  auto start = analytics::funnel_event(analytics::kSessionStart, rec, "llm_rules@0.9.0", 1000, 1000);
  store::SessionUpdate update{"completed", "null", std::nullopt, {}, 2000, {start}};
  REQUIRE(s.store->append_events("done", {{2, "status", R"({"status":"completed"})", 2000}}, update).ok());
  auto rated = analytics::rate_session(*s.store, s.plugins, s.owner, "done", good_rating(), 5000);
  REQUIRE(rated.ok());
  CHECK((*rated)["modelVersion"] == "llm_rules@0.9.0");
  auto stored = s.store->find_rating("done");
  REQUIRE(stored.ok());
  CHECK(stored->user_id == s.owner);
  CHECK(stored->model_version == "llm_rules@0.9.0");
}
