// What a session gives an LLM provider and takes from it: retrieved knowledge and the
// format's prompts in each request with the sources in the log, cancellation when the
// candidate interrupts, token totals, the model recorded as model_version, and the
// deterministic scorer standing in for a failing one.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "analytics/funnel.h"
#include "session/test_engine.h"

using namespace mockroom;
using nlohmann::json;

namespace {

const std::string kAnswer =
    "I owned the migration of our billing jobs to a queue. I measured the backlog first, "
    "then moved one job at a time, and the nightly run fell from six hours to forty minutes.";

using Engine = testing::TestEngine;

json create(Engine& e, const std::string& format = "behavioral", json setup = {{"questionCount", 5}}) {
  auto r = e.manager->create(e.user, format, setup);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  return *r;
}

std::vector<json> payloads(Engine& e, const std::string& id, const std::string& type) {
  auto events = e.store->load_events(id);
  REQUIRE(events.ok());
  std::vector<json> out;
  for (const auto& ev : *events) {
    if (ev.type == type) out.push_back(json::parse(ev.payload_json));
  }
  return out;
}

}  // namespace

TEST_CASE("each turn's request carries the retrieved knowledge and the format's prompts; the log names the sources") {
  Engine e({.llm = "streaming_llm", .llm_config = R"({"echo": true})"});
  REQUIRE(e.prompts.set(*e.store, "behavioral", "persona", "Coach persona for {{role}}.", e.user.id, 1).ok());
  json s = create(e);
  REQUIRE(e.manager->answer(e.user.id, s["id"], s["currentQuestion"]["id"], kAnswer).ok());

  auto acks = payloads(e, s["id"], "ack");
  REQUIRE(acks.size() == 1);
  const json& ack = acks[0];
  REQUIRE(ack.contains("sources"));
  REQUIRE_FALSE(ack["sources"].empty());
  CHECK(ack["sources"].size() <= static_cast<std::size_t>(session::kKnowledgePerTurn));
  // What the provider saw is what the log says it was given.
  std::string ids;
  for (const auto& src : ack["sources"]) {
    ids += (ids.empty() ? "" : ",") + src["id"].get<std::string>();
    CHECK(src["kind"].is_string());
    CHECK(src["title"].is_string());
  }
  CHECK(ack["text"] == "Notes: " + ids + "; persona: Coach persona for {{role}}..");
  // Every source is a bundled entry that applies to a behavioral interview, or to the
  // bank question that was answered.
  const std::string bank_id = payloads(e, s["id"], "question").at(0).value("bankId", "");
  for (const auto& src : ack["sources"]) {
    store::KnowledgeQuery q;
    q.text = src["title"].get<std::string>();
    q.format = "behavioral";
    q.question_id = bank_id;
    q.limit = store::kMaxKnowledgeResults;
    auto found = e.store->search_knowledge(q);
    REQUIRE(found.ok());
    bool present = false;
    for (const auto& k : *found) present |= k.id == src["id"];
    CHECK_MESSAGE(present, src.dump());
  }
}

TEST_CASE("the offline interviewer is given no knowledge, and its events carry no sources") {
  Engine e;  // llm_rules says it does not read knowledge
  json s = create(e);
  REQUIRE(e.manager->answer(e.user.id, s["id"], s["currentQuestion"]["id"], kAnswer).ok());
  for (const char* type : {"ack", "followup"}) {
    for (const auto& p : payloads(e, s["id"], type)) CHECK_FALSE(p.contains("sources"));
  }
}

TEST_CASE("an interrupt cuts a slow reply short: the fallback finishes the turn, not counted as a failure") {
  Engine e({.llm = "streaming_llm", .llm_fallback = "llm_rules", .llm_config = R"({"delayMs": 60000})"});
  json s = create(e);
  std::string id = s["id"];
  Result<json> turn = internal("not run");
  std::thread answering([&] { turn = e.manager->answer(e.user.id, id, s["currentQuestion"]["id"], kAnswer); });
  // Interrupt until the turn is over: the first ones may land before the call starts.
  std::atomic<bool> done{false};
  std::thread interrupting([&] {
    while (!done) {
      (void)e.manager->interrupt(e.user.id, id);  // no doctest macros off the test thread
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  answering.join();
  done = true;
  interrupting.join();
  REQUIRE_MESSAGE(turn.ok(), (turn.ok() ? "" : turn.error().message));
  auto acks = payloads(e, id, "ack");
  REQUIRE(acks.size() == 1);
  CHECK(acks[0].value("cancelled", false));
  CHECK(acks[0].value("fallbackFrom", "") == "streaming_llm");
  CHECK_FALSE(acks[0].value("text", "").empty());
  for (const auto& p : e.plugins.list()) {
    if (p.name == "streaming_llm") CHECK(p.failures == 0);
  }
  // Another candidate's interrupt is answered the same way and touches nothing.
  CHECK(e.manager->interrupt(e.user.id + 1, id).ok());
}

TEST_CASE("the session view totals the LLM's calls and tokens, and funnel events carry the model") {
  Engine e({.llm = "streaming_llm"});
  CHECK(analytics::model_version(e.plugins) == "stream-test-1");
  json s = create(e);
  REQUIRE(e.manager->answer(e.user.id, s["id"], s["currentQuestion"]["id"], kAnswer).ok());
  auto view = e.manager->view(e.user.id, s["id"]);
  REQUIRE(view.ok());
  const json& llm = (*view)["llm"];
  CHECK(llm["calls"].get<int>() >= 1);
  CHECK(llm["fallbacks"] == 0);
  CHECK(llm["models"] == json::array({"stream-test-1"}));
  auto funnel = e.store->list_funnel_events(s["id"]);
  REQUIRE(funnel.ok());
  REQUIRE_FALSE(funnel->empty());
  CHECK(funnel->front().model_version == "stream-test-1");

  Engine offline;
  CHECK(analytics::model_version(offline.plugins).starts_with("llm_rules@"));
}

TEST_CASE("when the configured scorer fails, the deterministic scorer writes the report and says so") {
  Engine e({.scorer = "failing_scorer", .scorer_fallback = "scoring_rubric"});
  json s = create(e);
  REQUIRE(e.manager->answer(e.user.id, s["id"], s["currentQuestion"]["id"], kAnswer).ok());
  REQUIRE(e.manager->end(e.user.id, s["id"]).ok());
  auto report = e.manager->report(e.user.id, s["id"]);
  REQUIRE_MESSAGE(report.ok(), (report.ok() ? "" : report.error().message));
  CHECK((*report)["overallScore"].is_number());
  CHECK((*report)["fallback"]["from"] == "failing_scorer");
  CHECK((*report)["fallback"]["to"] == "scoring_rubric");
  for (const auto& p : e.plugins.list()) {
    if (p.name == "failing_scorer") {
      CHECK(p.failures >= 1);
      CHECK(p.fallbacks >= 1);
    }
  }
}
