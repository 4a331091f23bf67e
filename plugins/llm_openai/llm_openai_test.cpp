// llm_openai through its C ABI against a local fake OpenAI-compatible server: streaming,
// structured follow-ups, retries, faults, cancellation, and that the key never leaks.
#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "fake_openai_server.h"
#include "mockroom/testing/fake_host.h"

namespace {

using nlohmann::json;
using namespace mockroom::testing;
using namespace mockroom::llm_openai::testing;

constexpr char kKey[] = "sk-test-0123456789abcdef";

const mr_plugin* plugin() {
  static std::string error;
  static const mr_plugin* loaded = open_plugin(MOCKROOM_PLUGIN_DIR "/llm_openai.so", error);
  REQUIRE_MESSAGE(loaded != nullptr, error);
  return loaded;
}

const mr_llm_api& calls() { return *static_cast<const mr_llm_api*>(plugin()->calls); }

InstancePtr make(const FakeOpenAi& server, json extra = json::object()) {
  json config = {{"baseUrl", server.base_url()}, {"apiKey", kKey}, {"model", "fake-model-1"},
                 {"retryBaseMs", 10}, {"timeoutSeconds", 5}};
  config.update(extra);
  FakeCall call;
  InstancePtr instance = create_instance(plugin(), config.dump(), call);
  REQUIRE_MESSAGE(instance != nullptr, call.error);
  return instance;
}

json followup_request(int so_far = 0) {
  return {{"question", {{"id", "q1"}, {"text", "Tell me about a time you improved a slow system."},
                        {"concepts", {"measurement", "trade-offs"}}, {"hints", {"how did you measure it"}}}},
          {"answer", "We made the reports faster by caching them."},
          {"followupsSoFar", so_far}, {"maxFollowups", 2}};
}

json ack_request() {
  return {{"answer", "I led the migration to the queue and cut the nightly run to forty minutes."},
          {"question", {{"text", "Tell me about a project you led."}}}, {"questionNumber", 2}, {"totalQuestions", 5}};
}

const char kDecision[] =
    R"({"followup": {"text": "How did you measure that the reports got faster?", "concepts": ["measurement"]}, "reason": "no number"})";

}  // namespace

TEST_CASE("llm_openai refuses a config without baseUrl or model, and unknown keys") {
  FakeCall call;
  CHECK(create_instance(plugin(), R"({"model": "m"})", call) == nullptr);
  CHECK(call.error.find("baseUrl") != std::string::npos);
  FakeCall call2;
  CHECK(create_instance(plugin(), R"({"baseUrl": "ftp://x", "model": "m"})", call2) == nullptr);
  FakeCall call3;
  CHECK(create_instance(plugin(), R"({"baseUrl": "http://127.0.0.1:1", "model": "m", "colour": 1})", call3) == nullptr);
  CHECK(call3.error.find("colour") != std::string::npos);
}

TEST_CASE("acknowledge streams tokens as they arrive and reports usage and model") {
  FakeOpenAi server([](size_t, const Received&) { return streamed({"Thanks", " for", " walking", " me", " through", " that."}); });
  auto instance = make(server);
  FakeCall call;
  REQUIRE_MESSAGE(invoke(calls().acknowledge, instance, ack_request().dump(), call) == MR_OK, call.error);
  CHECK(call.chunks == "Thanks for walking me through that.");
  json result = json::parse(call.result);
  CHECK(result["text"] == "Thanks for walking me through that.");
  CHECK(result["model"] == "fake-model-1");
  CHECK(result["usage"]["completionTokens"] == 6);
  auto got = server.received();
  REQUIRE(got.size() == 1);
  CHECK(got[0].request_line.rfind("POST /v1/chat/completions", 0) == 0);
  CHECK(got[0].headers.find(std::string("authorization: bearer ") + kKey) != std::string::npos);
  CHECK(got[0].body["stream"] == true);
  CHECK(got[0].body["model"] == "fake-model-1");
  CHECK(got[0].body["messages"][1]["content"].get<std::string>().find("forty minutes") != std::string::npos);
}

TEST_CASE("a follow-up decision is structured JSON, validated, and retried once when invalid") {
  std::atomic<int> n{0};
  FakeOpenAi server([&](size_t, const Received&) { return ++n == 1 ? completion("sure! here you go") : completion(kDecision); });
  auto instance = make(server);
  FakeCall call;
  REQUIRE_MESSAGE(invoke(calls().followup, instance, followup_request().dump(), call) == MR_OK, call.error);
  json result = json::parse(call.result);
  CHECK(result["followup"]["text"] == "How did you measure that the reports got faster?");
  CHECK(result["followup"]["concepts"] == json::array({"measurement"}));
  CHECK(result["usage"]["totalTokens"] == 300);  // both rounds counted
  auto got = server.received();
  REQUIRE(got.size() == 2);
  CHECK(got[0].body["response_format"]["type"] == "json_object");
  CHECK(got[1].body["messages"].size() == 4);  // the bad reply and the correction were added

  FakeOpenAi broken([](size_t, const Received&) { return completion("{\"followup\": 42}"); });
  auto bad = make(broken);
  FakeCall call2;
  CHECK(invoke(calls().followup, bad, followup_request().dump(), call2) == MR_ERR_UNAVAILABLE);
  CHECK(call2.error.find("invalid twice") != std::string::npos);
}

TEST_CASE("never more than two follow-ups: past the limit the model is not asked") {
  FakeOpenAi server([](size_t, const Received&) { return completion(kDecision); });
  auto instance = make(server);
  FakeCall call;
  REQUIRE(invoke(calls().followup, instance, followup_request(2).dump(), call) == MR_OK);
  CHECK(json::parse(call.result)["followup"].is_null());
  CHECK(server.received().empty());
}

TEST_CASE("429 and 500 are retried with backoff; a persistent failure is reported without the key") {
  std::atomic<int> n{0};
  FakeOpenAi flaky([&](size_t, const Received&) {
    int i = ++n;
    if (i == 1) return error_reply(429, "rate limited", {"Retry-After: 0"});
    if (i == 2) return error_reply(500, "boom");
    return streamed({"Got", " it."});
  });
  auto instance = make(flaky);
  FakeCall call;
  REQUIRE_MESSAGE(invoke(calls().acknowledge, instance, ack_request().dump(), call) == MR_OK, call.error);
  CHECK(flaky.received().size() == 3);

  FakeOpenAi down([](size_t, const Received&) { return error_reply(503, std::string("overloaded, key ") + kKey); });
  auto failing = make(down, {{"maxRetries", 1}});
  FakeCall call2;
  CHECK(invoke(calls().acknowledge, failing, ack_request().dump(), call2) == MR_ERR_UNAVAILABLE);
  CHECK(call2.error.find("503") != std::string::npos);
  CHECK(call2.error.find(kKey) == std::string::npos);
  CHECK(down.received().size() == 2);

  FakeOpenAi unauthorized([](size_t, const Received&) { return error_reply(401, "bad key"); });
  auto refused = make(unauthorized);
  FakeCall call3;
  CHECK(invoke(calls().acknowledge, refused, ack_request().dump(), call3) == MR_ERR_UNAVAILABLE);
  CHECK(unauthorized.received().size() == 1);  // 4xx other than 429 is not retried
}

TEST_CASE("malformed chunks, a stream cut mid-way, and an empty reply are errors") {
  FakeOpenAi malformed([](size_t, const Received&) {
    Reply r = streamed({"Hello"});
    r.stream.insert(r.stream.begin() + 1, Chunk{"data: {not json\n\n", 0});
    return r;
  });
  FakeCall call;
  CHECK(invoke(calls().acknowledge, make(malformed), ack_request().dump(), call) == MR_ERR_UNAVAILABLE);
  CHECK(call.error.find("malformed") != std::string::npos);

  FakeOpenAi cut([](size_t, const Received&) {
    Reply r;
    r.stream = {token("Thanks"), token(" for")};
    r.cut = true;
    return r;
  });
  FakeCall call2;
  CHECK(invoke(calls().acknowledge, make(cut), ack_request().dump(), call2) == MR_ERR_UNAVAILABLE);
  CHECK(call2.error.find("ended before") != std::string::npos);
  CHECK(cut.received().size() == 1);  // tokens were shown: not restarted

  FakeOpenAi empty([](size_t, const Received&) { return streamed({}); });
  FakeCall call3;
  CHECK(invoke(calls().acknowledge, make(empty, {{"maxRetries", 0}}), ack_request().dump(), call3) == MR_ERR_UNAVAILABLE);
  CHECK(call3.error.find("empty") != std::string::npos);
}

TEST_CASE("a refused connection is reported; a slow first token honours the timeout") {
  FakeCall call;
  json config = {{"baseUrl", "http://127.0.0.1:1/v1"}, {"model", "m"}, {"maxRetries", 0}};
  InstancePtr nowhere = create_instance(plugin(), config.dump(), call);
  REQUIRE(nowhere != nullptr);
  FakeCall c1;
  CHECK(invoke(calls().acknowledge, nowhere, ack_request().dump(), c1) == MR_ERR_UNAVAILABLE);
  CHECK(c1.error.find("connection") != std::string::npos);

  FakeOpenAi slow([](size_t, const Received&) { return streamed({"Late"}, 2500); });
  FakeCall c2;
  CHECK(invoke(calls().acknowledge, make(slow, {{"timeoutSeconds", 1}, {"maxRetries", 0}}), ack_request().dump(), c2) ==
        MR_ERR_TIMEOUT);
}

TEST_CASE("a cancelled call stops the stream") {
  FakeOpenAi slow([](size_t, const Received&) { return streamed({"one", " two", " three", " four"}, 300); });
  auto instance = make(slow);
  FakeCall call;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    call.cancelled = true;
  });
  mr_status status = invoke(calls().acknowledge, instance, ack_request().dump(), call);
  canceller.join();
  CHECK(status == MR_ERR_CANCELLED);
  CHECK(call.chunks.size() < std::string("one two three four").size());
}

TEST_CASE("Azure OpenAI: deployment URL, api-version and the api-key header") {
  FakeOpenAi server([](size_t, const Received&) { return streamed({"Okay."}); });
  json config = {{"baseUrl", "http://127.0.0.1:1"}, {"apiKey", kKey}, {"azure", {{"deployment", "interviewer"}, {"apiVersion", "2024-06-01"}}}};
  config["baseUrl"] = server.base_url().substr(0, server.base_url().size() - 3);  // without /v1
  FakeCall made;
  InstancePtr instance = create_instance(plugin(), config.dump(), made);
  REQUIRE_MESSAGE(instance != nullptr, made.error);
  FakeCall call;
  REQUIRE_MESSAGE(invoke(calls().acknowledge, instance, ack_request().dump(), call) == MR_OK, call.error);
  auto got = server.received();
  REQUIRE(got.size() == 1);
  CHECK(got[0].request_line.rfind("POST /openai/deployments/interviewer/chat/completions?api-version=2024-06-01", 0) == 0);
  CHECK(got[0].headers.find(std::string("api-key: ") + kKey) != std::string::npos);
  CHECK_FALSE(got[0].body.contains("model"));
}

TEST_CASE("prompts come from the Mustache templates, with the interview's role, level and company") {
  FakeOpenAi server([](size_t, const Received&) { return streamed({"Okay."}); });
  auto instance = make(server);
  json request = ack_request();
  request["interview"] = {{"format", "amazon_style"}, {"role", "Software Engineer"}, {"level", "senior"}, {"company", "amazon-style"}};
  FakeCall call;
  REQUIRE_MESSAGE(invoke(calls().acknowledge, instance, request.dump(), call) == MR_OK, call.error);
  auto got = server.received();
  REQUIRE(got.size() == 1);
  std::string system = got[0].body["messages"][0]["content"];
  CHECK(system.find("for a senior Software Engineer role, in the style of Amazon") != std::string::npos);
  std::string user = got[0].body["messages"][1]["content"];
  CHECK(user.find("question 2 of 5") != std::string::npos);
  CHECK(user.find("&quot;") == std::string::npos);  // values go in as they are, not HTML-escaped

  // A prompts folder replaces the bundled templates; a missing or broken one is refused.
  auto dir = std::filesystem::temp_directory_path() / ("mockroom-prompts-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "persona.mustache") << "You are Mx Test, interviewing for {{role}}.";
  std::ofstream(dir / "followup.mustache") << "Q: {{question}} A: {{answer}}";
  std::ofstream(dir / "acknowledge.mustache") << "Acknowledge: {{answer}}";
  auto custom = make(server, {{"promptsDir", dir.string()}});
  FakeCall call2;
  REQUIRE(invoke(calls().acknowledge, custom, request.dump(), call2) == MR_OK);
  CHECK(server.received().back().body["messages"][0]["content"] == "You are Mx Test, interviewing for Software Engineer.");
  std::ofstream(dir / "followup.mustache") << "{{#unclosed}}";
  FakeCall refused;
  json config = {{"baseUrl", server.base_url()}, {"model", "m"}, {"promptsDir", dir.string()}};
  CHECK(create_instance(plugin(), config.dump(), refused) == nullptr);
  CHECK(refused.error.find("followup") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("describe names the model; the turn's knowledge and the format's prompts reach the chat request") {
  FakeOpenAi server([](size_t, const Received&) { return streamed({"Noted."}); });
  auto instance = make(server);
  REQUIRE(calls().struct_size >= sizeof(mr_llm_api));
  FakeCall described;
  REQUIRE(invoke(calls().describe, instance, "{}", described) == MR_OK);
  CHECK(json::parse(described.result) == json{{"model", "fake-model-1"}, {"knowledge", true}, {"prompts", true}});

  json request = ack_request();
  request["knowledge"] = {{{"id", "kb-1"}, {"kind", "style_guide"}, {"title", "Probe ownership"},
                           {"text", "Ask what the candidate personally decided."}}};
  request["prompts"] = {{"persona", "Coach persona: {{knowledge}}"},
                        {"acknowledge", "Acknowledge: {{answer}}"}};
  FakeCall call;
  REQUIRE_MESSAGE(invoke(calls().acknowledge, instance, request.dump(), call) == MR_OK, call.error);
  auto sent = server.received();
  REQUIRE(sent.size() == 1);
  const json& messages = sent[0].body["messages"];
  CHECK(messages[0]["content"] == "Coach persona: - Probe ownership: Ask what the candidate personally decided.");
  CHECK(messages[1]["content"].get<std::string>().rfind("Acknowledge: I led the migration", 0) == 0);

  // A broken override falls back to the instance's own prompt; the default persona puts
  // the notes under its handbook heading.
  request["prompts"] = {{"persona", "{{#open never closed"}};
  FakeCall again;
  REQUIRE(invoke(calls().acknowledge, instance, request.dump(), again) == MR_OK);
  std::string persona = server.received().at(1).body["messages"][0]["content"];
  CHECK(persona.find("experienced, professional job interviewer") != std::string::npos);
  CHECK(persona.find("handbook") != std::string::npos);
  CHECK(persona.find("- Probe ownership: Ask what the candidate personally decided.") != std::string::npos);

  request["knowledge"] = json::array({{{"id", "x"}}});  // an entry without text is refused
  FakeCall bad;
  CHECK(invoke(calls().acknowledge, instance, request.dump(), bad) == MR_ERR_INVALID_ARGUMENT);
  CHECK(bad.error.find("knowledge[0].text") != std::string::npos);
}
