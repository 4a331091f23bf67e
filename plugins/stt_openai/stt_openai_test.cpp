// stt_openai through its C ABI against a fake Whisper-compatible server (test code only):
// the multipart upload, the prompt that biases recognition, retries, errors, the key.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "llm_openai/fake_openai_server.h"
#include "speech_support/speech_test_support.h"

namespace {

using nlohmann::json;
using namespace mockroom::speech_testing;
namespace fake = mockroom::llm_openai::testing;

constexpr char kKey[] = "sk-stt-test-not-a-real-key-42";

const mr_plugin* plugin() {
  static const mr_plugin* loaded = speech_plugin("stt_openai");
  return loaded;
}
const mr_stt_api& calls() { return *static_cast<const mr_stt_api*>(plugin()->calls); }

InstancePtr make(const fake::FakeOpenAi& server, json extra = json::object()) {
  json config = {{"baseUrl", server.base_url()}, {"apiKey", kKey}, {"retryBaseMs", 10}, {"timeoutSeconds", 5}};
  config.update(extra);
  return speech_instance(plugin(), config);
}

fake::Reply transcript(const std::string& text) { return {200, {}, json{{"text", text}}.dump(), {}, false}; }

const std::string kPcm(16000 * 2, '\x01');  // one second

mr_status run(const InstancePtr& instance, const json& request, FakeCall& call, const std::string& pcm = kPcm) {
  return calls().transcribe(instance.get(), bytes(request.dump()), bytes(pcm), call.handle());
}

}  // namespace

TEST_CASE("stt_openai uploads the utterance as a WAV file with the model, prompt and key") {
  fake::FakeOpenAi server([](size_t, const fake::Received&) { return transcript(" I would shard by user id. "); });
  InstancePtr stt = make(server, {{"language", "en"}});
  FakeCall call;
  json request = {{"sampleRate", 16000}, {"vocabulary", {"sharding", "consistent hashing"}},
                  {"prompt", "How would you scale the database?"}};
  REQUIRE_MESSAGE(run(stt, request, call) == MR_OK, call.error);
  json result = json::parse(call.result);
  CHECK(result["text"] == "I would shard by user id.");
  CHECK(result["durationS"].get<double>() == doctest::Approx(1.0));
  CHECK(result["model"] == "whisper-1");
  auto got = server.received();
  REQUIRE(got.size() == 1);
  CHECK(got[0].request_line.rfind("POST /v1/audio/transcriptions", 0) == 0);
  CHECK(got[0].headers.find("multipart/form-data; boundary=") != std::string::npos);
  CHECK(got[0].headers.find(std::string("bearer ") + kKey) != std::string::npos);
  const std::string& body = got[0].raw;
  CHECK(body.find("name=\"model\"\r\n\r\nwhisper-1") != std::string::npos);
  CHECK(body.find("name=\"language\"\r\n\r\nen") != std::string::npos);
  CHECK(body.find("sharding, consistent hashing. How would you scale the database?") != std::string::npos);
  size_t riff = body.find("RIFF");
  REQUIRE(riff != std::string::npos);
  auto wav = mockroom::audio::read_wav(body.substr(riff, mockroom::audio::kWavHeaderBytes + kPcm.size()));
  REQUIRE(wav.ok());
  CHECK(wav.pcm->sample_rate == 16000);
  CHECK(wav.pcm->samples.size() == 16000);
}

TEST_CASE("stt_openai offers no stream: the engine sends whole utterances") {
  bool streams = calls().stream_open || calls().stream_feed || calls().stream_finish || calls().stream_close;
  CHECK_FALSE(streams);
}

TEST_CASE("stt_openai retries 429 and 5xx, then reports the failure without the key") {
  int n = 0;
  fake::FakeOpenAi flaky([&](size_t, const fake::Received&) {
    return ++n < 3 ? fake::error_reply(n == 1 ? 429 : 503, "busy") : transcript("fine");
  });
  InstancePtr stt = make(flaky, {{"maxRetries", 2}});
  FakeCall ok;
  CHECK(run(stt, {{"sampleRate", 16000}}, ok) == MR_OK);
  CHECK(flaky.received().size() == 3);

  fake::FakeOpenAi down([](size_t, const fake::Received&) { return fake::error_reply(500, std::string("no, key ") + kKey); });
  InstancePtr broken = make(down, {{"maxRetries", 1}});
  FakeCall failed;
  CHECK(run(broken, {{"sampleRate", 16000}}, failed) == MR_ERR_UNAVAILABLE);
  CHECK(failed.error.find("HTTP 500") != std::string::npos);
  CHECK(failed.error.find(kKey) == std::string::npos);
  CHECK(down.received().size() == 2);
}

TEST_CASE("stt_openai reports a refused connection, a reply without text and bad audio") {
  InstancePtr nowhere = speech_instance(plugin(), {{"baseUrl", "http://127.0.0.1:9/v1"}, {"maxRetries", 0}});
  FakeCall refused;
  CHECK(run(nowhere, {{"sampleRate", 16000}}, refused) == MR_ERR_UNAVAILABLE);
  CHECK(refused.error.find("connection") != std::string::npos);

  fake::FakeOpenAi odd([](size_t, const fake::Received&) { return fake::Reply{200, {}, R"({"words":[]})", {}, false}; });
  InstancePtr stt = make(odd);
  FakeCall no_text;
  CHECK(run(stt, {{"sampleRate", 16000}}, no_text) == MR_ERR_UNAVAILABLE);
  CHECK(no_text.error.find("text") != std::string::npos);
  FakeCall odd_bytes;
  CHECK(run(stt, {{"sampleRate", 16000}}, odd_bytes, std::string(3, '\0')) == MR_ERR_INVALID_ARGUMENT);
  CHECK(odd.received().size() == 1);  // bad audio never reaches the server
}

TEST_CASE("stt_openai refuses a config without baseUrl, with credentials in it, or unknown keys") {
  FakeCall none, creds, unknown;
  CHECK(create_instance(plugin(), R"({"apiKey":"x"})", none) == nullptr);
  CHECK(none.error.find("baseUrl") != std::string::npos);
  CHECK(create_instance(plugin(), R"({"baseUrl":"https://me:pw@example.com/v1"})", creds) == nullptr);
  CHECK(create_instance(plugin(), R"({"baseUrl":"https://example.com/v1","temperature":0})", unknown) == nullptr);
  CHECK(unknown.error.find("temperature") != std::string::npos);
}
