// Trying a rubric on sample answers through the real scorer plugin and the shipped rubrics.
#include <doctest/doctest.h>

#include "report/evaluate.h"
#include "session/test_engine.h"

using namespace mockroom;
using nlohmann::json;

namespace {

const char kQuestion[] = "How would you make a read-heavy product page fast under load?";
const char kReference[] =
    "Put a cache such as Redis in front of the database with a time to live, and invalidate on "
    "writes. Serve static assets from a CDN. Add read replicas for the queries the cache misses. "
    "Watch the hit rate and p99 latency, and guard against a stampede when a hot key expires.";
const char kGood[] =
    "I would cache the product data in Redis with a TTL of a few minutes and invalidate the key "
    "when the product is edited. Static assets go to a CDN. Cache misses hit read replicas, so the "
    "primary only takes writes. The trade-off is staleness: a price can be a minute old. To avoid a "
    "stampede when a hot key expires, I would refresh it early with a lock. I would watch the hit "
    "rate and p99 latency.";
const char kOffTopic[] =
    "I enjoy mentoring people and I always make time for one-to-ones. First, I ask what they want "
    "to learn. Then I pair with them each week, and as a result they grow quickly.";

json body(const std::string& answer) {
  return {{"question", kQuestion}, {"referenceAnswer", kReference}, {"answer", answer}};
}

}  // namespace

TEST_CASE("evaluate scores a sample answer against the reference with quoted evidence") {
  testing::TestEngine e;
  auto good = report::evaluate_answer(e.plugins, e.catalog, body(kGood));
  auto off = report::evaluate_answer(e.plugins, e.catalog, body(kOffTopic));
  REQUIRE_MESSAGE(good.ok(), (good.ok() ? "" : good.error().message));
  REQUIRE(off.ok());
  CHECK((*good)["rubric"] == report::kDefaultEvaluateRubric);
  CHECK((*good)["score"].get<int>() > (*off)["score"].get<int>() + 25);
  // The technical rubric assesses three weighted categories and two of its own.
  REQUIRE((*good)["criteria"].size() == 5);
  int weights = 0;
  for (const json& c : (*good)["criteria"]) {
    weights += c["weight"].get<int>();
    CHECK(c["score"].is_number_integer());
    for (const json& ev : c["evidence"]) {
      CHECK(std::string(kGood).find(ev["quote"].get<std::string>()) != std::string::npos);
    }
  }
  CHECK(weights == 100);
}

TEST_CASE("evaluate takes a rubric by id or as an object, and refuses bad input by name") {
  testing::TestEngine e;
  json b = body(kGood);
  b["rubric"] = "system_design";
  auto by_id = report::evaluate_answer(e.plugins, e.catalog, b);
  REQUIRE(by_id.ok());
  CHECK((*by_id)["rubric"] == "system_design");

  b["rubric"] = "no_such_rubric";
  auto missing = report::evaluate_answer(e.plugins, e.catalog, b);
  REQUIRE(!missing.ok());
  CHECK(missing.error().code == ErrorCode::kNotFound);

  json rubric = *e.catalog.rubric("technical");
  rubric["categories"][0]["weight"] = 90;  // the weights no longer sum to 100
  b["rubric"] = rubric;
  auto bad_rubric = report::evaluate_answer(e.plugins, e.catalog, b);
  REQUIRE(!bad_rubric.ok());
  CHECK(bad_rubric.error().code == ErrorCode::kInvalidArgument);
  CHECK(bad_rubric.error().message.find("100") != std::string::npos);

  auto no_answer = report::evaluate_answer(e.plugins, e.catalog, {{"question", kQuestion}});
  REQUIRE(!no_answer.ok());
  CHECK(no_answer.error().message.find("'answer'") != std::string::npos);

  json unknown = body(kGood);
  unknown["grade"] = 5;
  auto refused = report::evaluate_answer(e.plugins, e.catalog, unknown);
  REQUIRE(!refused.ok());
  CHECK(refused.error().message.find("'grade'") != std::string::npos);

  json points = body(kGood);
  points["referencePoints"] = "not a list";
  auto wrong_type = report::evaluate_answer(e.plugins, e.catalog, points);
  REQUIRE(!wrong_type.ok());
  CHECK(wrong_type.error().message.find("referencePoints") != std::string::npos);
}
