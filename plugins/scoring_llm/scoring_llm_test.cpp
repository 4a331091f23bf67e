// scoring_llm through its C ABI against a local fake OpenAI-compatible server: blending with
// the deterministic scores, the quote rule, the retry of invalid verdicts, the fallback to the
// deterministic report, config errors, and that the key never leaks.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "../llm_openai/fake_openai_server.h"
#include "mockroom/testing/fake_host.h"

namespace {

using nlohmann::json;
using namespace mockroom::testing;
using namespace mockroom::llm_openai::testing;

constexpr char kKey[] = "sk-judge-0123456789abcdef";

const char kStarAnswer[] =
    "At my last company our checkout page was timing out during sales. I was responsible for "
    "fixing it before Black Friday. First, I profiled the service and found an N+1 query in "
    "the cart code. Then I added batching and a Redis cache, and rolled it out behind a flag. "
    "As a result, p95 latency dropped from 900 ms to 220 ms and conversion rose 3%, about "
    "$400k a year.";

const char kShortAnswer[] = "We sped up the reports by caching them, and users were happier afterwards.";

json behavioral_rubric() {
  return json::parse(R"({
    "id": "behavioral", "title": "Behavioral interview",
    "categories": [
      {"name": "Communication", "assessed": true, "weight": 40, "description": "How clearly the story is told.",
       "signals": {"clarity": 0.7, "structure": 0.3},
       "levels": {"strong": "Crisp, well-ordered stories.", "meets": "Mostly clear.", "below": "Hard to follow."}},
      {"name": "Problem Solving", "assessed": true, "weight": 60,
       "signals": {"star": 0.4, "impact": 0.3, "relevance": 0.3}},
      {"name": "Algorithm Reasoning", "assessed": false, "weight": 0},
      {"name": "Coding", "assessed": false, "weight": 0}],
    "hireThresholds": {"strongHire": 80, "hire": 65, "leanNoHire": 50}})");
}

json answer(const std::string& id, const std::string& text) {
  return {{"questionId", id},
          {"question", "Tell me about a time you improved the performance of a system."},
          {"concepts", {"performance", "latency", "measurement"}},
          {"answer", text},
          {"atSeconds", 60}};
}

json behavioral_request() {
  return {{"format", "behavioral"},
          {"formatTitle", "Behavioral interview"},
          {"rubric", behavioral_rubric()},
          {"answers", {answer("q1", kStarAnswer), answer("q2", kShortAnswer)}}};
}

// A coding session whose only submission fails most hidden tests.
json broken_code_request() {
  json rubric = behavioral_rubric();
  rubric["categories"] = json::parse(R"([
      {"name": "Communication", "assessed": true, "weight": 30, "signals": {"clarity": 0.6, "structure": 0.4}},
      {"name": "Problem Solving", "assessed": true, "weight": 30, "signals": {"relevance": 0.5, "depth": 0.5}},
      {"name": "Algorithm Reasoning", "assessed": false, "weight": 0},
      {"name": "Coding", "assessed": true, "weight": 40, "signals": {"depth": 0.5, "relevance": 0.5}}])");
  json a = {{"questionId", "c1"}, {"question", "Return the best profit from one buy and one sell."},
            {"problemId", "stock"},
            {"answer", "My plan is to keep the running minimum in a single pass, so it is linear time."},
            {"atSeconds", 100}};
  json work = {{"problemId", "stock"}, {"language", "python"},
               {"source", "def max_profit(p):\n    return max(p) - min(p)\n"},
               {"submissions", {{{"atSeconds", 300}, {"passed", 2}, {"total", 10}, {"verdict", "Wrong Answer"}}}}};
  return {{"format", "coding"}, {"formatTitle", "Coding interview"}, {"rubric", rubric},
          {"answers", {a}}, {"coding", {work}}};
}

const mr_plugin* plugin() {
  static std::string error;
  static const mr_plugin* loaded = open_plugin(MOCKROOM_PLUGIN_DIR "/scoring_llm.so", error);
  REQUIRE_MESSAGE(loaded != nullptr, error);
  return loaded;
}

const mr_plugin* rubric_plugin() {
  static std::string error;
  static const mr_plugin* loaded = open_plugin(MOCKROOM_PLUGIN_DIR "/scoring_rubric.so", error);
  REQUIRE_MESSAGE(loaded != nullptr, error);
  return loaded;
}

mr_status score_with(const mr_plugin* p, const InstancePtr& instance, const json& request, FakeCall& call) {
  return invoke(static_cast<const mr_scorer_api*>(p->calls)->score_session, instance, request.dump(), call);
}

json config_for(const std::string& base_url, json extra = json::object()) {
  json config = {{"baseUrl", base_url}, {"apiKey", kKey}, {"model", "fake-model-1"},
                 {"retryBaseMs", 10}, {"timeoutSeconds", 5}};
  config.update(extra);
  return config;
}

InstancePtr make(const std::string& base_url, json extra = json::object()) {
  FakeCall call;
  InstancePtr instance = create_instance(plugin(), config_for(base_url, std::move(extra)).dump(), call);
  REQUIRE_MESSAGE(instance != nullptr, call.error);
  return instance;
}

// Scores `request` with scoring_llm (expecting a report) and returns it.
json judge(const std::string& base_url, const json& request, json extra = json::object()) {
  InstancePtr instance = make(base_url, std::move(extra));
  FakeCall call;
  REQUIRE_MESSAGE(score_with(plugin(), instance, request, call) == MR_OK, call.error);
  REQUIRE(call.result_writes == 1);
  CHECK(call.result.find(kKey) == std::string::npos);
  return json::parse(call.result);
}

// What scoring_rubric alone says about `request`.
json deterministic(const json& request) {
  FakeCall made;
  InstancePtr instance = create_instance(rubric_plugin(), "{}", made);
  REQUIRE(instance != nullptr);
  FakeCall call;
  REQUIRE_MESSAGE(score_with(rubric_plugin(), instance, request, call) == MR_OK, call.error);
  return json::parse(call.result);
}

const json& category(const json& report, const std::string& name) {
  for (const json& c : report["categories"])
    if (c["name"] == name) return c;
  FAIL("no category " << name);
  static const json kNone;
  return kNone;
}

json claim(const std::string& text, const std::string& quote, const std::string& criterion = "impact") {
  return {{"text", text}, {"quote", quote}, {"criterion", criterion}};
}

// The judge's reply: `scores` maps category names to scores, `claims` to their claims.
std::string verdict(const json& scores, const json& claims = json::object(), json extra = json::object()) {
  json categories = json::array();
  for (const auto& [name, score] : scores.items())
    categories.push_back({{"name", name}, {"score", score}, {"claims", claims.value(name, json::array())}});
  json v = {{"categories", categories}, {"strengths", json::array()}, {"improvements", json::array()},
            {"summary", "A solid performance story with numbers."}};
  v.update(extra);
  return v.dump();
}

FakeOpenAi::Script always(std::string content) {
  return [content](size_t, const Received&) { return completion(content); };
}

// A report with what tells the scorers apart taken out: scoring_llm's judge block and the
// examples' source, and the scorer's name.
json comparable(json report) {
  report.erase("judge");
  report.erase("scorer");
  report.erase("scorerVersion");
  for (json& c : report["categories"])
    for (json& e : c["examples"]) e.erase("source");
  return report;
}

constexpr char kDownUrl[] = "http://127.0.0.1:1/v1";

}  // namespace

TEST_CASE("scoring_llm describes itself as a scorer plugin of the current ABI") {
  const mr_plugin* p = plugin();
  CHECK(p->abi_major == MR_ABI_MAJOR);
  CHECK(p->kind == MR_KIND_SCORER);
  CHECK(std::string(p->name) == "scoring_llm");
  CHECK(static_cast<const mr_scorer_api*>(p->calls)->struct_size == sizeof(mr_scorer_api));
}

TEST_CASE("the judge is asked for JSON at temperature 0 with a fixed seed, with the rubric and the answers") {
  FakeOpenAi server(always(verdict({{"Communication", 80}, {"Problem Solving", 70}})));
  json report = judge(server.base_url(), behavioral_request());
  auto got = server.received();
  REQUIRE(got.size() == 1);
  CHECK(got[0].headers.find(std::string("authorization: bearer ") + kKey) != std::string::npos);
  const json& body = got[0].body;
  CHECK(body["response_format"]["type"] == "json_object");
  CHECK(body["temperature"] == 0.0);
  REQUIRE(body.contains("seed"));
  CHECK(body["seed"].is_number_integer());
  CHECK(body["model"] == "fake-model-1");
  std::string prompt = body["messages"].back()["content"];
  CHECK(prompt.find("How clearly the story is told.") != std::string::npos);
  CHECK(prompt.find("Crisp, well-ordered stories.") != std::string::npos);
  CHECK(prompt.find("found an N+1 query in the cart code") != std::string::npos);
  CHECK(prompt.find("Algorithm Reasoning") == std::string::npos);  // not assessed: not asked
  CHECK(prompt.find("&quot;") == std::string::npos);

  CHECK(report["judge"]["status"] == "ok");
  CHECK(report["judge"]["model"] == "fake-model-1");
  CHECK(report["judge"]["usage"]["totalTokens"] == 150);
  CHECK(report["scorer"] == "scoring_llm");

  // The same session twice makes the same request, so the same report.
  json again = judge(server.base_url(), behavioral_request());
  CHECK(server.received().back().body == body);
  CHECK(again == report);
}

TEST_CASE("category scores blend the judge's with the deterministic ones; overall and hire signal follow") {
  json request = behavioral_request();
  json fixed = deterministic(request);
  FakeOpenAi server(always(verdict({{"Communication", 90}, {"Problem Solving", 30}})));

  // judgeWeight 1: the judge's scores stand; the overall is weighted as the rubric says.
  json all_judge = judge(server.base_url(), request, {{"judgeWeight", 1.0}});
  CHECK(category(all_judge, "Communication")["score"] == 90);
  CHECK(category(all_judge, "Problem Solving")["score"] == 30);
  CHECK(all_judge["overallScore"] == 54);  // 0.4 * 90 + 0.6 * 30
  CHECK(all_judge["hireSignal"] == "Lean No Hire");
  CHECK(all_judge["judge"]["weight"] == 1.0);

  // judgeWeight 0: exactly the deterministic scores.
  json none = judge(server.base_url(), request, {{"judgeWeight", 0.0}});
  CHECK(category(none, "Communication")["score"] == category(fixed, "Communication")["score"]);
  CHECK(none["overallScore"] == fixed["overallScore"]);
  CHECK(none["hireSignal"] == fixed["hireSignal"]);

  // The default, 0.5: halfway (within rounding of the deterministic value).
  json half = judge(server.base_url(), request);
  int expected = (90 + category(fixed, "Communication")["score"].get<int>()) / 2;
  CHECK(std::abs(category(half, "Communication")["score"].get<int>() - expected) <= 1);
  CHECK(half["judge"]["weight"] == 0.5);
}

TEST_CASE("a claim whose quote is in the answers is kept verbatim, marked as the judge's") {
  // Case and spacing differ from the answer; the report quotes the answer's own words.
  json claims = {{"Problem Solving",
                  json::array({claim("Found the root cause by profiling before changing anything.",
                         "first, I profiled  the service and found an N+1 query", "star")})}};
  FakeOpenAi server(always(verdict({{"Problem Solving", 85}}, claims)));
  json report = judge(server.base_url(), behavioral_request());
  const json& examples = category(report, "Problem Solving")["examples"];
  const json* kept = nullptr;
  for (const json& e : examples) {
    CHECK(e.contains("source"));
    if (e["source"] == "judge") kept = &e;
  }
  REQUIRE(kept != nullptr);
  CHECK((*kept)["quote"] == "First, I profiled the service and found an N+1 query");
  CHECK(std::string(kStarAnswer).find((*kept)["quote"].get<std::string>()) != std::string::npos);
  CHECK((*kept)["questionId"] == "q1");
  CHECK((*kept)["note"] == "star: Found the root cause by profiling before changing anything.");
  CHECK(report["judge"]["claimsKept"] == 1);
  CHECK(report["judge"]["claimsDropped"] == 0);
  // The scorer's own evidence stays, marked as the rubric's.
  CHECK(std::any_of(examples.begin(), examples.end(), [](const json& e) { return e["source"] == "rubric"; }));
}

TEST_CASE("claims with a fabricated or one-word quote are dropped and counted") {
  json claims = {{"Communication",
                  json::array({claim("Explained the Kafka migration clearly.", "I migrated our billing system to Kafka in two weeks"),
                   claim("Mentions caching.", "cache"),
                   claim("Named the outcome.", "conversion rose 3%")})}};
  json extra = {{"strengths", json::array({{{"text", "Led a team of twenty."}, {"quote", "I led a team of twenty engineers"}}})},
                {"improvements", json::array({{{"text", "Say what you measured."}, {"quote", "We sped up the reports by caching them"}}})}};
  FakeOpenAi server(always(verdict({{"Communication", 60}}, claims, extra)));
  json report = judge(server.base_url(), behavioral_request());
  std::string text = report.dump();
  CHECK(text.find("Kafka") == std::string::npos);
  CHECK(text.find("team of twenty") == std::string::npos);
  CHECK(text.find("Mentions caching.") == std::string::npos);
  CHECK(text.find("Named the outcome.") != std::string::npos);
  CHECK(report["judge"]["claimsKept"] == 2);  // the outcome claim and the improvement
  CHECK(report["judge"]["claimsDropped"] == 3);
  bool improvement_kept = false;
  for (const json& i : report["improvements"])
    improvement_kept = improvement_kept || i.get<std::string>().find("Say what you measured.") != std::string::npos;
  CHECK(improvement_kept);
}

TEST_CASE("the Coding score stays the runner's even when the judge says 100 for broken code") {
  json request = broken_code_request();
  json fixed = deterministic(request);
  REQUIRE(category(fixed, "Coding")["score"].get<int>() < 60);
  FakeOpenAi server(always(verdict({{"Coding", 100}, {"Communication", 100}, {"Problem Solving", 100}})));
  json report = judge(server.base_url(), request, {{"judgeWeight", 1.0}});
  CHECK(category(report, "Coding")["score"] == category(fixed, "Coding")["score"]);
  CHECK(report["coding"] == fixed["coding"]);
  CHECK(category(report, "Communication")["score"] == 100);
  // The overall moves only by the categories the judge may change: 0.3 + 0.3 of 100.
  double coding = category(fixed, "Coding")["score"].get<int>();
  CHECK(std::abs(report["overallScore"].get<int>() - (60 + 0.4 * coding)) <= 1);
}

TEST_CASE("unknown category names and categories the rubric does not assess are ignored") {
  FakeOpenAi server(
      always(verdict({{"Charisma", 100}, {"Algorithm Reasoning", 100}, {"Communication", 100}})));
  json report = judge(server.base_url(), behavioral_request(), {{"judgeWeight", 1.0}});
  CHECK(report["judge"]["status"] == "ok");
  CHECK(report["judge"]["categoriesIgnored"] == 2);
  CHECK(category(report, "Communication")["score"] == 100);
  CHECK(category(report, "Algorithm Reasoning")["score"].is_null());
  CHECK(report.dump().find("Charisma") == std::string::npos);
  CHECK(report["categories"].size() == deterministic(behavioral_request())["categories"].size());
}

TEST_CASE("output that is not JSON is asked for again once, and the second answer is used") {
  std::atomic<int> n{0};
  std::string good = verdict({{"Communication", 90}});
  FakeOpenAi server([&](size_t, const Received&) { return ++n == 1 ? completion("Here is my assessment!") : completion(good); });
  json report = judge(server.base_url(), behavioral_request(), {{"judgeWeight", 1.0}});
  CHECK(report["judge"]["status"] == "ok");
  CHECK(category(report, "Communication")["score"] == 90);
  CHECK(report["judge"]["usage"]["totalTokens"] == 300);  // both rounds counted
  auto got = server.received();
  REQUIRE(got.size() == 2);
  CHECK(got[1].body["messages"].size() == 3);  // the bad reply and the correction were added
}

TEST_CASE("out-of-range scores are rejected; invalid twice gives the deterministic report") {
  json request = behavioral_request();
  json fixed = deterministic(request);
  std::atomic<int> n{0};
  FakeOpenAi server([&](size_t, const Received&) {
    return completion(++n == 1 ? verdict({{"Communication", 150}}) : verdict({{"Communication", -5}}));
  });
  json report = judge(server.base_url(), request, {{"judgeWeight", 1.0}});
  CHECK(server.received().size() == 2);
  std::string correction = server.received()[1].body["messages"].back()["content"];
  CHECK(correction.find("score must be a number from 0 to 100") != std::string::npos);
  CHECK(report["judge"]["status"] == "unavailable");
  CHECK(report["judge"]["error"].get<std::string>().find("invalid twice") != std::string::npos);
  CHECK(comparable(report) == comparable(fixed));

  FakeOpenAi text_score(always(R"({"categories": [{"name": "Communication", "score": "high"}]})"));
  json refused = judge(text_score.base_url(), request);
  CHECK(refused["judge"]["status"] == "unavailable");
  CHECK(comparable(refused) == comparable(fixed));
}

TEST_CASE("a judge that is down or failing leaves the deterministic report, without the key") {
  json request = behavioral_request();
  json fixed = deterministic(request);

  json down = judge(kDownUrl, request, {{"maxRetries", 0}});
  CHECK(down["judge"]["status"] == "unavailable");
  CHECK(down["judge"]["error"].get<std::string>().find("connection") != std::string::npos);
  CHECK(comparable(down) == comparable(fixed));
  CHECK(down["scorer"] == "scoring_llm");

  FakeOpenAi failing([](size_t, const Received&) { return error_reply(503, std::string("overloaded, key ") + kKey); });
  json failed = judge(failing.base_url(), request, {{"maxRetries", 1}});
  CHECK(failed["judge"]["status"] == "unavailable");
  CHECK(failed["judge"]["error"].get<std::string>().find("503") != std::string::npos);
  CHECK(comparable(failed) == comparable(fixed));
  CHECK(failing.received().size() == 2);
}

TEST_CASE("a judge call cancelled on the way still gives the candidate the deterministic report") {
  json request = behavioral_request();
  FakeCall call;
  // The host cancels while the judge is thinking; the reply comes too late to matter.
  FakeOpenAi server([&](size_t, const Received&) {
    call.cancelled = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    return completion(verdict({{"Communication", 90}}));
  });
  InstancePtr instance = make(server.base_url());
  REQUIRE(score_with(plugin(), instance, request, call) == MR_OK);
  json report = json::parse(call.result);
  CHECK(report["judge"]["status"] == "unavailable");
  CHECK(report["judge"]["error"].get<std::string>().find("cancelled") != std::string::npos);
  CHECK(comparable(report) == comparable(deterministic(request)));

  // Cancelled before the call starts: refused like every plugin call, the judge never asked.
  FakeCall early;
  early.cancelled = true;
  CHECK(score_with(plugin(), instance, request, early) == MR_ERR_CANCELLED);
  CHECK(server.received().size() == 1);
}

TEST_CASE("a session with no words is not sent to the judge") {
  FakeOpenAi server(always(verdict({{"Communication", 90}})));
  json request = behavioral_request();
  request["answers"] = {answer("q1", "")};
  json report = judge(server.base_url(), request);
  CHECK(server.received().empty());
  CHECK(report["judge"]["status"] == "skipped");
  CHECK(comparable(report) == comparable(deterministic(request)));
}

TEST_CASE("scoring_llm refuses unknown keys, a bad judgeWeight and a missing baseUrl, without the key") {
  for (json bad : {config_for("http://127.0.0.1:1/v1", {{"colour", 1}}),
                   config_for("http://127.0.0.1:1/v1", {{"judgeWeight", 1.5}}),
                   config_for("http://127.0.0.1:1/v1", {{"judgeWeight", "high"}}),
                   config_for("http://127.0.0.1:1/v1", {{"examplesPerCategory", 9}}),
                   config_for("ftp://example.com"),
                   json{{"apiKey", kKey}, {"model", "m"}}}) {
    CAPTURE(bad.dump());
    FakeCall call;
    CHECK(create_instance(plugin(), bad.dump(), call) == nullptr);
    CHECK_FALSE(call.error.empty());
    CHECK(call.error.find(kKey) == std::string::npos);
  }
  FakeCall unknown;
  CHECK(create_instance(plugin(), config_for(kDownUrl, {{"colour", 1}}).dump(), unknown) == nullptr);
  CHECK(unknown.error.find("colour") != std::string::npos);
  FakeCall weight;
  CHECK(create_instance(plugin(), config_for(kDownUrl, {{"judgeWeight", 1.5}}).dump(), weight) == nullptr);
  CHECK(weight.error.find("judgeWeight") != std::string::npos);
  // The deterministic scorer's own keys are accepted.
  FakeCall good;
  CHECK(create_instance(plugin(), config_for(kDownUrl, {{"examplesPerCategory", 1}}).dump(), good) != nullptr);
}

TEST_CASE("promptsDir replaces the judge's prompt; a broken template is refused") {
  auto dir = std::filesystem::temp_directory_path() / ("mockroom-judge-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "judge.mustache") << "Judge as JSON: {{#answers}}[{{questionId}}] {{answer}} {{/answers}}";
  FakeOpenAi server(always(verdict({{"Communication", 70}})));
  judge(server.base_url(), behavioral_request(), {{"promptsDir", dir.string()}});
  std::string prompt = server.received().back().body["messages"].back()["content"];
  CHECK(prompt.rfind("Judge as JSON: [q1] At my last company", 0) == 0);

  std::ofstream(dir / "judge.mustache") << "{{#unclosed}}";
  FakeCall refused;
  CHECK(create_instance(plugin(), config_for(kDownUrl, {{"promptsDir", dir.string()}}).dump(), refused) == nullptr);
  CHECK(refused.error.find("judge") != std::string::npos);
  std::filesystem::remove_all(dir);
}
