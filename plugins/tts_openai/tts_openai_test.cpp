// tts_openai through its C ABI against a fake OpenAI-compatible speech server (test code
// only): streamed PCM resampled to the host's rate, WAV replies, retries only before audio,
// cancellation, and errors that never hold the key.
#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "llm_openai/fake_openai_server.h"
#include "speech_support/speech_test_support.h"

namespace {

using nlohmann::json;
using namespace mockroom::speech_testing;
namespace fake = mockroom::llm_openai::testing;

constexpr char kKey[] = "sk-tts-test-not-a-real-key-17";

const mr_plugin* plugin() {
  static const mr_plugin* loaded = speech_plugin("tts_openai");
  return loaded;
}
const mr_tts_api& calls() { return *static_cast<const mr_tts_api*>(plugin()->calls); }

InstancePtr make(const fake::FakeOpenAi& server, json extra = json::object()) {
  json config = {{"baseUrl", server.base_url()}, {"apiKey", kKey}, {"retryBaseMs", 10}, {"timeoutSeconds", 5}};
  config.update(extra);
  return speech_instance(plugin(), config);
}

// `seconds` of a 440 Hz tone at `rate`, as PCM bytes.
std::string tone(double seconds, int rate) {
  std::vector<int16_t> s(static_cast<size_t>(seconds * rate));
  for (size_t i = 0; i < s.size(); ++i) s[i] = static_cast<int16_t>(8000 * std::sin(2 * M_PI * 440 * i / rate));
  return mockroom::audio::bytes_of(s.data(), s.size());
}

// The PCM as a stream of odd-sized pieces, some delayed.
fake::Reply streamed_pcm(const std::string& pcm, size_t piece = 4801, int delay_ms = 0) {
  fake::Reply r;
  for (size_t at = 0; at < pcm.size(); at += piece) r.stream.push_back({pcm.substr(at, piece), delay_ms});
  return r;
}

json request(const std::string& text = "Tell me about yourself.") { return {{"text", text}, {"sampleRate", 16000}}; }

}  // namespace

TEST_CASE("tts_openai streams the server's 24 kHz PCM to the host at 16 kHz as it arrives") {
  std::string pcm = tone(1.0, 24000);
  fake::FakeOpenAi server([&](size_t, const fake::Received&) { return streamed_pcm(pcm); });
  InstancePtr tts = make(server, {{"voice", "nova"}});
  FakeCall call;
  REQUIRE_MESSAGE(invoke(calls().synthesize, tts, request().dump(), call) == MR_OK, call.error);
  json result = json::parse(call.result);
  CHECK(result["sampleRate"] == 16000);
  CHECK(result["voice"] == "nova");
  CHECK(call.bytes.size() / 2 == result["samples"].get<size_t>());
  CHECK(static_cast<double>(call.bytes.size() / 2) == doctest::Approx(16000).epsilon(0.02));
  CHECK(call.byte_writes > 3);
  auto got = server.received();
  REQUIRE(got.size() == 1);
  CHECK(got[0].request_line.rfind("POST /v1/audio/speech", 0) == 0);
  CHECK(got[0].body["model"] == "tts-1");
  CHECK(got[0].body["input"] == "Tell me about yourself.");
  CHECK(got[0].body["voice"] == "nova");
  CHECK(got[0].body["response_format"] == "pcm");
  CHECK(got[0].headers.find(std::string("bearer ") + kKey) != std::string::npos);
}

TEST_CASE("tts_openai reads a WAV reply at the server's rate") {
  std::string pcm = tone(0.5, 22050);
  auto samples = mockroom::audio::samples_of(pcm);
  std::string wav = mockroom::audio::write_wav(samples.data(), samples.size(), 22050);
  fake::FakeOpenAi server([&](size_t, const fake::Received&) { return fake::Reply{200, {}, wav, {}, false}; });
  InstancePtr tts = make(server, {{"responseFormat", "wav"}});
  FakeCall call;
  REQUIRE_MESSAGE(invoke(calls().synthesize, tts, request().dump(), call) == MR_OK, call.error);
  CHECK(static_cast<double>(call.bytes.size() / 2) == doctest::Approx(8000).epsilon(0.02));
  CHECK(server.received()[0].body["response_format"] == "wav");
}

TEST_CASE("tts_openai retries a server that fails before sending audio") {
  int n = 0;
  std::string pcm = tone(0.3, 24000);
  fake::FakeOpenAi flaky([&](size_t, const fake::Received&) {
    return ++n == 1 ? fake::error_reply(503, "warming up") : streamed_pcm(pcm);
  });
  InstancePtr tts = make(flaky, {{"maxRetries", 2}});
  FakeCall ok;
  CHECK(invoke(calls().synthesize, tts, request().dump(), ok) == MR_OK);
  CHECK(flaky.received().size() == 2);

}

TEST_CASE("tts_openai stops when cancelled and reports errors without the key") {
  std::string pcm = tone(2.0, 24000);
  fake::FakeOpenAi slow([&](size_t, const fake::Received&) { return streamed_pcm(pcm, 4800, 200); });
  InstancePtr tts = make(slow);
  FakeCall cancelled;
  cancelled.cancelled = true;
  CHECK(invoke(calls().synthesize, tts, request().dump(), cancelled) == MR_ERR_CANCELLED);

  fake::FakeOpenAi down([](size_t, const fake::Received&) { return fake::error_reply(401, std::string("bad key ") + kKey); });
  InstancePtr unauthorized = make(down);
  FakeCall failed;
  CHECK(invoke(calls().synthesize, unauthorized, request().dump(), failed) == MR_ERR_UNAVAILABLE);
  CHECK(failed.error.find("HTTP 401") != std::string::npos);
  CHECK(failed.error.find(kKey) == std::string::npos);
  CHECK(down.received().size() == 1);  // 401 is not retried

  FakeCall bad_format;
  CHECK(create_instance(plugin(), R"({"baseUrl":"http://127.0.0.1:1/v1","responseFormat":"mp3"})", bad_format) == nullptr);
  CHECK(bad_format.error.find("responseFormat") != std::string::npos);
}
