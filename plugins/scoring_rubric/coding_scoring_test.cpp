// The scoring_rubric plugin on coding problems: the four criteria (correctness from the
// runner's hidden tests, efficiency, code quality, problem-solving process), with quotes
// from the submitted code; and a format's own categories outside the overall score.
#include <doctest/doctest.h>

#include <string>

#include "scorer_test_support.h"

using namespace mockroom::scoring_rubric_test;

namespace {

json coding_rubric() {
  json r = technical_rubric();
  r["id"] = "coding";
  r["categories"] = json::parse(R"([
      {"name": "Communication", "assessed": true, "weight": 20, "signals": {"clarity": 0.6, "structure": 0.4}},
      {"name": "Problem Solving", "assessed": true, "weight": 20, "signals": {"coverage": 0.4, "depth": 0.3, "structure": 0.3}},
      {"name": "Algorithm Reasoning", "assessed": true, "weight": 30, "signals": {"depth": 0.5, "coverage": 0.5}},
      {"name": "Coding", "assessed": true, "weight": 30, "signals": {"depth": 0.5, "coverage": 0.5}}])");
  r["criteria"] = json::parse(R"([
      {"name": "Correctness", "weight": 40}, {"name": "Efficiency", "weight": 20},
      {"name": "Code quality", "weight": 20}, {"name": "Problem-solving process", "weight": 20}])");
  return r;
}

const char kCleanSource[] =
    "def max_profit(prices):\n"
    "    # Track the cheapest price so far and the best sale after it.\n"
    "    cheapest = float('inf')\n"
    "    best = 0\n"
    "    for price in prices:\n"
    "        cheapest = min(cheapest, price)\n"
    "        best = max(best, price - cheapest)\n"
    "    return best\n";

const char kNestedSource[] =
    "def f(p):\n"
    "    q = 0\n"
    "    for i in range(len(p)):\n"
    "        for j in range(len(p)):\n"
    "            if j > i:\n"
    "                if p[j] - p[i] > q:\n"
    "                    if p[j] > 0:\n"
    "                        q = p[j] - p[i]\n"
    "    return q\n";

json coding_answers() {
  auto part = [](const std::string& id, const std::string& text, double at) {
    return json{{"questionId", id}, {"question", "Given daily prices, return the best profit from one buy and one sell."},
                {"concepts", {"single pass", "running minimum"}}, {"problemId", "stock"},
                {"answer", text}, {"atSeconds", at}};
  };
  return {part("q1", "Can the list be empty? I'll assume prices are non-negative. My plan is to keep the running "
                     "minimum and the best difference in a single pass, so it is linear.", 60),
          part("q2", "I wrote it in the editor: one loop keeping the cheapest price so far.", 400),
          part("q3", "It is O(n) time and O(1) space. I would test an empty list, falling prices and a single day.", 500)};
}

json work(const std::string& source, int passed, int total, double time, double reference) {
  json tests = json::array();
  for (int i = 0; i < total; ++i) tests.push_back({{"passed", i < passed}, {"time", time}, {"large", i == total - 1}});
  return {{"problemId", "stock"}, {"language", "python"}, {"source", source}, {"runs", 2},
          {"snapshots", {{{"atSeconds", 200}}, {{"atSeconds", 300}}}},
          {"submissions", {{{"atSeconds", 390}, {"passed", passed}, {"total", total},
                            {"verdict", passed == total ? "Accepted" : "Wrong Answer"}, {"tests", tests}}}},
          {"referenceTimes", {{{"index", total}, {"time", reference}}}},
          {"expectedComplexity", {{"time", "O(n)"}, {"space", "O(1)"}}}};
}

json coding_request(const json& w) {
  json r = request(coding_answers(), coding_rubric());
  r["coding"] = json::array({w});
  return r;
}

const json& criterion(const json& report, const std::string& name) {
  for (const json& c : report["coding"][0]["criteria"])
    if (c["name"] == name) return c;
  FAIL("no criterion " << name);
  static const json kNone;
  return kNone;
}

}  // namespace

TEST_CASE("coding: a correct, clean, well-explained solution scores high on every criterion") {
  json report = score(coding_request(work(kCleanSource, 10, 10, 0.05, 0.05)));
  REQUIRE(report["coding"].size() == 1);
  CHECK(criterion(report, "Correctness")["score"] == 100);
  CHECK(criterion(report, "Efficiency")["score"].get<int>() >= 90);
  CHECK(criterion(report, "Code quality")["score"].get<int>() >= 90);
  CHECK(criterion(report, "Problem-solving process")["score"].get<int>() >= 75);
  CHECK(report["coding"][0]["statedComplexity"] == "O(n)");
  CHECK(category(report, "Coding")["score"].get<int>() >= 85);
  int weights = 0;
  for (const json& c : report["coding"][0]["criteria"]) weights += c["weight"].get<int>();
  CHECK(weights == 100);
}

TEST_CASE("coding: a wrong solution never gets a high correctness or coding score") {
  json report = score(coding_request(work(kCleanSource, 1, 10, 0.05, 0.05)));
  CHECK(criterion(report, "Correctness")["score"].get<int>() <= 10);
  CHECK(category(report, "Coding")["score"].get<int>() < 65);
  json none = coding_request(work(kCleanSource, 0, 10, 0.05, 0.05));
  none["coding"][0]["submissions"][0]["compileError"] = true;
  CHECK(criterion(score(none), "Correctness")["score"] == 0);
}

TEST_CASE("coding: slower than the reference on large inputs costs efficiency") {
  json fast = score(coding_request(work(kCleanSource, 10, 10, 0.05, 0.05)));
  json slow = score(coding_request(work(kCleanSource, 10, 10, 2.0, 0.05)));
  CHECK(criterion(slow, "Efficiency")["score"].get<int>() + 40 < criterion(fast, "Efficiency")["score"].get<int>());
}

TEST_CASE("coding: deep nesting and vague names are quoted from the code itself") {
  json report = score(coding_request(work(kNestedSource, 10, 10, 0.05, 0.05)));
  CHECK(criterion(report, "Code quality")["score"].get<int>() < 80);
  bool nesting = false;
  for (const json& e : criterion(report, "Code quality")["evidence"]) {
    REQUIRE(e["quote"].is_string());
    CHECK(std::string(kNestedSource).find(e["quote"].get<std::string>()) != std::string::npos);
    nesting = nesting || e["note"].get<std::string>().find("Nested") != std::string::npos;
  }
  CHECK(nesting);
  // The category's examples quote the code or the candidate's words, and say which
  // criterion they support.
  std::string said;
  for (const json& a : coding_answers()) said += a["answer"].get<std::string>() + "\n";
  REQUIRE(!category(report, "Coding")["examples"].empty());
  for (const json& e : category(report, "Coding")["examples"]) {
    std::string quote = e["quote"];
    CHECK((std::string(kNestedSource).find(quote) != std::string::npos || said.find(quote) != std::string::npos));
    CHECK(e["note"].get<std::string>().find(":") != std::string::npos);
  }
}

TEST_CASE("coding: a problem with no code scores 0 on the criteria") {
  json w = {{"problemId", "stock"}};
  json report = score(coding_request(w));
  CHECK(report["coding"][0]["attempted"] == false);
  CHECK(category(report, "Coding")["score"] == 0);
}

TEST_CASE("coding criteria must name the four criteria once with weights summing to 100") {
  json r = coding_rubric();
  r["criteria"][0]["weight"] = 50;
  FakeCall call;
  CHECK(score_raw(request({answer("q1", kStarAnswer)}, r).dump(), call) == MR_ERR_INVALID_ARGUMENT);
  CHECK(call.error.find("criteria") != std::string::npos);
  r = coding_rubric();
  r["criteria"][3]["name"] = "Vibes";
  FakeCall call2;
  CHECK(score_raw(request({answer("q1", kStarAnswer)}, r).dump(), call2) == MR_ERR_INVALID_ARGUMENT);
  CHECK(call2.error.find("Vibes") != std::string::npos);
}

TEST_CASE("a format's own categories follow the four, outside the overall score") {
  json r = technical_rubric();
  r["extraCategories"] = json::parse(R"([{"name": "Confidence", "signals": {"confidence": 1}}])");
  std::string hedged = std::string("I think, maybe, ") + kGilAnswer + " I guess that is probably it, I think.";
  json plain = score(request({gil_answer("q1", kGilAnswer)}, r));
  json unsure = score(request({gil_answer("q1", hedged)}, r));
  REQUIRE(plain["categories"].size() == 5);
  const json& c = plain["categories"][4];
  CHECK(c["name"] == "Confidence");
  CHECK(c["extra"] == true);
  CHECK(unsure["categories"][4]["score"].get<int>() < c["score"].get<int>());
  // Extra categories do not move the overall score.
  json without = score(request({gil_answer("q1", kGilAnswer)}, technical_rubric()));
  CHECK(without["overallScore"] == plain["overallScore"]);

  r["extraCategories"] = json::parse(R"([{"name": "Coding", "signals": {"depth": 1}}])");
  FakeCall call;
  CHECK(score_raw(request({gil_answer("q1", kGilAnswer)}, r).dump(), call) == MR_ERR_INVALID_ARGUMENT);
  CHECK(call.error.find("already a category") != std::string::npos);
}
