// Behaviour of the llm_rules plugin, exercised through its C ABI like the engine uses it.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <string>

#include "mockroom/testing/fake_host.h"

namespace {

using nlohmann::json;
using namespace mockroom::testing;

const char kThinAnswer[] =
    "We had a slow checkout service at my last company, so the team moved the payment "
    "validation into a separate queue worker.";

const mr_plugin* plugin() {
  static std::string error;
  static const mr_plugin* loaded = open_plugin(MOCKROOM_PLUGIN_DIR "/llm_rules.so", error);
  REQUIRE_MESSAGE(loaded != nullptr, error);
  return loaded;
}

const mr_llm_api& calls() { return *static_cast<const mr_llm_api*>(plugin()->calls); }

InstancePtr make_instance(std::string_view config = "{}") {
  FakeCall call;
  InstancePtr instance = create_instance(plugin(), config, call);
  REQUIRE_MESSAGE(instance != nullptr, call.error);
  return instance;
}

json question() {
  return {{"id", "beh-ownership-end-to-end-delivery"},
          {"text", "Tell me about a project you owned end to end."},
          {"concepts", {"planning", "dependencies", "follow-through", "result"}},
          {"hints", {"what loose ends did you have to chase down"}}};
}

json followup_request(std::string answer, int so_far = 0, json history = json::array()) {
  return {{"question", question()},
          {"answer", std::move(answer)},
          {"followupsSoFar", so_far},
          {"maxFollowups", 2},
          {"history", std::move(history)}};
}

// Runs followup(); requires MR_OK and returns the parsed result.
json followup(const json& request) {
  InstancePtr instance = make_instance();
  FakeCall call;
  mr_status status = invoke(calls().followup, instance, request.dump(), call);
  REQUIRE_MESSAGE(status == MR_OK, call.error);
  REQUIRE(call.result_writes == 1);
  return json::parse(call.result);
}

// Acknowledges `answer` as the engine does after main question `number` (0: unknown);
// `turn` counts every question asked so far, follow-ups included.
std::string acknowledge(const std::string& answer, int turn, int number = 0) {
  InstancePtr instance = make_instance();
  FakeCall call;
  json request = {{"answer", answer},
                  {"question", {{"text", "Tell me about a conflict."}}},
                  {"questionNumber", number},
                  {"totalQuestions", 12},
                  {"turn", turn}};
  mr_status status = invoke(calls().acknowledge, instance, request.dump(), call);
  REQUIRE_MESSAGE(status == MR_OK, call.error);
  return json::parse(call.result).at("text").get<std::string>();
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool contains_ci(const std::string& haystack, const std::string& needle) {
  return lower(haystack).find(lower(needle)) != std::string::npos;
}

}  // namespace

TEST_CASE("llm_rules describes itself as an LLM plugin of the current ABI") {
  const mr_plugin* p = plugin();
  CHECK(p->abi_major == MR_ABI_MAJOR);
  CHECK(p->abi_minor == MR_ABI_MINOR);
  CHECK(p->struct_size == sizeof(mr_plugin));
  CHECK(p->kind == MR_KIND_LLM);
  CHECK(std::string(p->name) == "llm_rules");
  CHECK(std::string(p->version) == "1.0.0");
  CHECK(calls().struct_size == sizeof(mr_llm_api));
}

TEST_CASE("llm_rules refuses a host table with a different abi_major") {
  std::string error;
  mr_plugin_entry_fn entry = load_entry(MOCKROOM_PLUGIN_DIR "/llm_rules.so", error);
  REQUIRE_MESSAGE(static_cast<bool>(entry), error);
  mr_host_api other = *shared_host().table();
  other.abi_major = MR_ABI_MAJOR + 1;
  const mr_plugin* out = nullptr;
  CHECK(entry(&other, &out) != MR_OK);
  CHECK(out == nullptr);
  CHECK(entry(nullptr, &out) != MR_OK);
  mr_host_api truncated = *shared_host().table();
  truncated.struct_size = sizeof(uint32_t);
  CHECK(entry(&truncated, &out) != MR_OK);
}

TEST_CASE("an empty config and an empty view both create an instance with defaults") {
  CHECK(make_instance("{}") != nullptr);
  CHECK(make_instance("") != nullptr);
  CHECK(make_instance(R"({"maxFollowups": 1, "minAnswerWords": 30})") != nullptr);
}

TEST_CASE("an unknown config key is refused with a message naming it") {
  FakeCall call;
  InstancePtr instance = create_instance(plugin(), R"({"temperature": 0.2})", call);
  CHECK(instance == nullptr);
  CHECK(call.error.find("temperature") != std::string::npos);
}

TEST_CASE("a thin answer gets a follow-up quoting a phrase from the answer") {
  json out = followup(followup_request(kThinAnswer));
  REQUIRE(out["followup"].is_object());
  const std::string text = out["followup"]["text"];
  REQUIRE(!out["followup"]["concepts"].empty());
  for (const auto& item : out["followup"]["concepts"]) {
    const std::string phrase = item;
    CHECK_MESSAGE(contains_ci(kThinAnswer, phrase), phrase);
    CHECK_MESSAGE(contains_ci(text, phrase), text);
    CHECK(std::count(phrase.begin(), phrase.end(), ' ') < 4);  // at most four words
  }
  CHECK(out["reason"] == "missing_action");
}

TEST_CASE("an answer without a measurable outcome is asked for its result") {
  json out = followup(followup_request(
      "At my last company I owned the migration of our billing service. I planned the "
      "cutover, I wrote the runbook and I coordinated with the payments team every day "
      "until the old system was switched off."));
  REQUIRE(out["followup"].is_object());
  CHECK(out["reason"] == "missing_result");
}

TEST_CASE("no follow-up is offered once two follow-ups were asked") {
  CHECK(followup(followup_request(kThinAnswer, 2))["followup"].is_null());
  json asks_for_more = followup_request(kThinAnswer, 2);
  asks_for_more["maxFollowups"] = 5;
  json out = followup(asks_for_more);
  CHECK(out["followup"].is_null());
  CHECK(out["reason"] == "limit_reached");
}

TEST_CASE("an empty or non-answer gets no follow-up") {
  for (const char* answer : {"", "   ", "idk", "pass", "I don't know, sorry."}) {
    json out = followup(followup_request(answer));
    CHECK_MESSAGE(out["followup"].is_null(), answer);
  }
}

TEST_CASE("a follow-up in the history is never repeated and its phrase is not reused") {
  json first = followup(followup_request(kThinAnswer));
  REQUIRE(first["followup"].is_object());
  const std::string asked = first["followup"]["text"];
  const std::string used = first["followup"]["concepts"][0];
  json second = followup(followup_request(kThinAnswer, 1, json::array({asked})));
  REQUIRE(second["followup"].is_object());
  CHECK(second["followup"]["text"] != asked);
  CHECK(lower(second["followup"]["concepts"][0]) != lower(used));
}

TEST_CASE("the same follow-up request gives byte-identical output") {
  std::string request = followup_request(kThinAnswer).dump();
  InstancePtr instance = make_instance();
  FakeCall a, b;
  REQUIRE(invoke(calls().followup, instance, request, a) == MR_OK);
  REQUIRE(invoke(calls().followup, instance, request, b) == MR_OK);
  CHECK(a.result == b.result);
}

TEST_CASE("malformed JSON is refused as an invalid argument with a message") {
  InstancePtr instance = make_instance();
  FakeCall call;
  CHECK(invoke(calls().followup, instance, "{\"answer\": ", call) == MR_ERR_INVALID_ARGUMENT);
  CHECK(call.error.find("not valid JSON") != std::string::npos);
  CHECK(call.result_writes == 0);
}

TEST_CASE("a field of the wrong type is refused with a message naming the field") {
  InstancePtr instance = make_instance();
  json request = followup_request(kThinAnswer);
  request["question"]["concepts"] = json::array({"planning", 7});
  FakeCall call;
  CHECK(invoke(calls().followup, instance, request.dump(), call) == MR_ERR_INVALID_ARGUMENT);
  CHECK(call.error.find("request.question.concepts[1]") != std::string::npos);

  FakeCall ack;
  CHECK(invoke(calls().acknowledge, instance, R"({"answer": 42})", ack) == MR_ERR_INVALID_ARGUMENT);
  CHECK(ack.error.find("request.answer") != std::string::npos);
}

TEST_CASE("an oversized answer is refused") {
  InstancePtr instance = make_instance();
  FakeCall call;
  std::string request = followup_request(std::string(70 * 1024, 'a')).dump();
  CHECK(invoke(calls().followup, instance, request, call) == MR_ERR_INVALID_ARGUMENT);
  CHECK(call.error.find("limit") != std::string::npos);
}

TEST_CASE("acknowledging an empty or non-answer never praises it") {
  for (const char* answer : {"", "idk", "pass", "no idea", "I don't know", "not sure really"}) {
    for (int turn = 0; turn < 8; ++turn) {
      std::string text = lower(acknowledge(answer, turn, turn % 4));
      for (const char* praise : {"great", "good", "nice", "strong", "excellent", "impressive",
                                 "clear", "helpful", "useful"})
        CHECK_MESSAGE(text.find(praise) == std::string::npos, text);
    }
  }
}

TEST_CASE("consecutive acknowledgements vary") {
  const std::string answer =
      "I rewrote the alerting rules with the on-call team and we agreed on clear owners.";
  for (int turn = 0; turn < 12; ++turn)
    CHECK(acknowledge(answer, turn) != acknowledge(answer, turn + 1));
  CHECK(acknowledge("", 3) != acknowledge("", 4));
  // Follow-ups in between advance the turn by more than one; the question number still
  // alternates: question n was asked at turn 3n - 2 and had two follow-ups.
  for (int n = 1; n < 11; ++n)
    CHECK(acknowledge(answer, 3 * n, n) != acknowledge(answer, 3 * n + 3, n + 1));
}

TEST_CASE("a cancelled call stops with MR_ERR_CANCELLED") {
  InstancePtr instance = make_instance();
  FakeCall call;
  call.cancelled = true;
  CHECK(invoke(calls().followup, instance, followup_request(kThinAnswer).dump(), call) ==
        MR_ERR_CANCELLED);
  CHECK(call.result_writes == 0);
}
