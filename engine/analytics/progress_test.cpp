// Progress: trends and breakdowns over a candidate's reported sessions, read from a store.
#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

#include "analytics/progress.h"

using namespace mockroom;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct ProgressStore {
  fs::path path = fs::temp_directory_path() / ("mockroom-progress-test-" + std::to_string(::getpid()) + ".db");
  std::unique_ptr<store::Store> store;
  script::Catalog catalog;  // empty: format titles fall back to the format id
  int64_t user = 0, other = 0;

  ProgressStore() {
    cleanup();
    store = store::open_sqlite_store(path.string());
    user = store->create_user("ada@example.com", "Ada", "h", store::Role::kCandidate)->id;
    other = store->create_user("bob@example.com", "Bob", "h", store::Role::kCandidate)->id;
  }
  ~ProgressStore() {
    store.reset();
    cleanup();
  }
  void cleanup() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  }

  // A session of `user_id` created at `at_ms` with these question events and, when
  // `report` is an object, a report.
  void add(const std::string& id, int64_t user_id, int64_t at_ms, const json& setup,
           const std::vector<json>& questions, const json& report, const std::string& status = "completed") {
    store::SessionRecord rec{id, user_id, "behavioral", "v1", setup.dump(), "in_progress", "null", "null", at_ms, at_ms};
    REQUIRE(store->create_session(rec, {{1, "created", "{}", at_ms}}).ok());
    std::vector<store::Event> events;
    for (const auto& q : questions) {
      events.push_back({static_cast<int64_t>(events.size() + 2), "question", q.dump(), at_ms});
    }
    std::optional<std::string> summary;
    if (report.is_object()) {
      events.push_back({static_cast<int64_t>(events.size() + 2), "report", json{{"report", report}}.dump(), at_ms});
      summary = json{{"overallScore", report["overallScore"]}}.dump();
    }
    REQUIRE(store->append_events(id, events, {status, "null", summary, {}, at_ms}).ok());
  }
};

json category(const char* name, const json& score) {
  return {{"name", name}, {"assessed", !score.is_null()}, {"score", score}};
}

json report(int overall, int communication, int problem_solving, json answers) {
  return {{"overallScore", overall},
          {"hireSignal", overall >= 70 ? "Hire" : "Lean No Hire"},
          {"categories", {category("Communication", communication), category("Problem Solving", problem_solving),
                          category("Algorithm Reasoning", nullptr), category("Coding", nullptr)}},
          {"answers", std::move(answers)}};
}

json question(const char* id, const char* bank_id, const char* competency = nullptr) {
  json q = {{"id", id}, {"bankId", bank_id}, {"text", "..."}};
  if (competency) q["competency"] = competency;
  return q;
}

}  // namespace

TEST_CASE("progress with no reported sessions is empty but well-formed") {
  ProgressStore s;
  s.add("open", s.user, 1000, {{"company", "none"}}, {question("q1", "tell-me-about-yourself", "introduction")}, nullptr,
        "in_progress");
  auto p = analytics::user_progress(*s.store, s.catalog, s.user);
  REQUIRE(p.ok());
  CHECK((*p)["sessionCount"] == 0);
  CHECK((*p)["trend"] == json::array());
  CHECK((*p)["categories"] == json::array());
  CHECK((*p)["byCompany"] == json::array());
  CHECK((*p)["byQuestionCategory"] == json::array());
  CHECK((*p)["overall"]["average"].is_null());
  CHECK((*p)["strongestCategory"].is_null());
  CHECK((*p)["weakestCategory"].is_null());
}

TEST_CASE("progress shows trends in time order and breakdowns by company and question category") {
  ProgressStore s;
  // Added out of time order; another candidate's session must not count.
  s.add("s2", s.user, 2000, {{"company", "amazon-style"}},
        {question("q1", "lp-ownership", "ownership"), question("q2", "lp-ownership#followup")},
        report(70, 80, 60, {{{"questionId", "q1"}, {"score", 70}}, {{"questionId", "q2"}, {"score", 60}}}));
  s.add("s1", s.user, 1000, {{"company", "none"}},
        {question("q1", "tell-me-about-yourself", "introduction"), question("q2", "lp-ownership", "ownership")},
        report(60, 70, 50, {{{"questionId", "q1"}, {"score", 50}}, {{"questionId", "q2"}, {"score", 40}}}));
  s.add("s3", s.user, 3000, {{"company", "google-style"}},
        {question("q1", "adhoc-resume-recent-role"), question("q2", "own-7", "own")},
        report(81, 90, 72, {{{"questionId", "q1"}, {"score", 90}}, {{"questionId", "q2"}, {"score", 81}}}), "ended");
  s.add("unreported", s.user, 4000, {{"company", "meta-style"}}, {question("q1", "tell-me-about-yourself", "introduction")},
        nullptr, "ended");
  s.add("bobs", s.other, 2500, {{"company", "meta-style"}}, {}, report(10, 10, 10, json::array()));

  auto p = analytics::user_progress(*s.store, s.catalog, s.user);
  REQUIRE(p.ok());
  const json& out = *p;
  CHECK(out["sessionCount"] == 3);

  REQUIRE(out["trend"].size() == 3);
  CHECK(out["trend"][0]["sessionId"] == "s1");
  CHECK(out["trend"][1]["sessionId"] == "s2");
  CHECK(out["trend"][2]["sessionId"] == "s3");
  CHECK(out["trend"][1]["format"] == "behavioral");
  CHECK(out["trend"][1]["company"] == "amazon-style");
  CHECK(out["trend"][1]["createdAt"] == 2000);
  CHECK(out["trend"][1]["overallScore"] == 70);
  CHECK(out["trend"][1]["categories"]["Communication"] == 80);
  CHECK(out["trend"][1]["categories"]["Coding"].is_null());

  CHECK(out["overall"]["first"] == 60);
  CHECK(out["overall"]["latest"] == 81);
  CHECK(out["overall"]["change"] == 21);
  CHECK(out["overall"]["best"] == 81);
  CHECK(out["overall"]["average"] == 70.3);

  REQUIRE(out["categories"].size() == 4);
  CHECK(out["categories"][0]["name"] == "Communication");
  CHECK(out["categories"][0]["average"] == 80);
  CHECK(out["categories"][0]["change"] == 20);
  CHECK(out["categories"][0]["sessions"] == 3);
  CHECK(out["categories"][3]["name"] == "Coding");
  CHECK(out["categories"][3]["average"].is_null());
  CHECK(out["strongestCategory"] == json{{"name", "Communication"}, {"average", 80}});
  CHECK(out["weakestCategory"] == json{{"name", "Problem Solving"}, {"average", 60.7}});

  REQUIRE(out["byCompany"].size() == 3);  // by name; the unreported meta-style one is skipped
  CHECK(out["byCompany"][0] == json{{"company", "amazon-style"}, {"sessions", 1}, {"averageScore", 70},
                                    {"bestScore", 70}, {"latestScore", 70}});
  CHECK(out["byCompany"][1]["company"] == "google-style");
  CHECK(out["byCompany"][2]["company"] == "none");

  // Best average first; the follow-up counts with its main question (ownership: 70, 60, 40),
  // and a question without a competency is "other".
  std::map<std::string, json> by_category;
  for (const auto& c : out["byQuestionCategory"]) by_category[c["category"]] = c;
  CHECK(out["byQuestionCategory"][0]["category"] == "other");
  CHECK(by_category["other"]["averageScore"] == 90);
  CHECK(by_category["ownership"]["answers"] == 3);
  CHECK(by_category["ownership"]["sessions"] == 2);
  CHECK(by_category["ownership"]["averageScore"] == 56.7);
  CHECK(by_category["introduction"]["averageScore"] == 50);
  CHECK(by_category["own"]["averageScore"] == 81);
}

TEST_CASE("a question event without a competency takes the bank question's") {
  ProgressStore s;
  store::QuestionRecord q;
  q.id = "design-url-shortener";
  q.bank = "system_design";
  q.kind = "system_design";
  q.competency = "system-design";
  q.text = "Design a URL shortener.";
  q.data_json = "{}";
  REQUIRE(s.store->upsert_questions({q}).ok());
  s.add("s1", s.user, 1000, {}, {question("q1", "design-url-shortener#requirements")},
        report(64, 70, 60, {{{"questionId", "q1"}, {"score", 64}}}));
  auto p = analytics::user_progress(*s.store, s.catalog, s.user);
  REQUIRE(p.ok());
  REQUIRE((*p)["byQuestionCategory"].size() == 1);
  CHECK((*p)["byQuestionCategory"][0]["category"] == "system-design");
  CHECK((*p)["byCompany"][0]["company"] == "none");  // a format without a company option
}
