// tts_espeak through its C ABI with the real libespeak-ng: speech in several languages,
// resampled from espeak's 22050 Hz, cancellation, and what it refuses.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "speech_support/speech_test_support.h"

namespace {

using nlohmann::json;
using namespace mockroom::speech_testing;

const mr_plugin* plugin() {
  static const mr_plugin* loaded = speech_plugin("tts_espeak");
  return loaded;
}
const mr_tts_api& calls() { return *static_cast<const mr_tts_api*>(plugin()->calls); }

const std::string kSentence = "Walk me through how you would design a rate limiter.";

}  // namespace

TEST_CASE("tts_espeak speaks English as 16 kHz PCM resampled from its own rate") {
  InstancePtr voice = speech_instance(plugin());
  FakeCall call;
  json request = {{"text", kSentence}, {"sampleRate", 16000}};
  REQUIRE_MESSAGE(invoke(calls().synthesize, voice, request.dump(), call) == MR_OK, call.error);
  json result = json::parse(call.result);
  CHECK(result["samples"].get<size_t>() == call.bytes.size() / 2);
  CHECK(result["voice"] == "en-us");
  double seconds = call.bytes.size() / 2 / 16000.0;
  CHECK(seconds > 1.5);
  CHECK(seconds < 8.0);
  CHECK(call.byte_writes > 1);
}

TEST_CASE("tts_espeak speaks other languages by voice name") {
  InstancePtr german = speech_instance(plugin(), {{"voice", "de"}});
  CHECK(speak(plugin(), german, "Erzählen Sie mir von Ihrem letzten Projekt.").size() > 16000);
  InstancePtr english = speech_instance(plugin());
  FakeCall call;
  CHECK(invoke(calls().synthesize, english, R"({"text":"Bonjour, parlons de votre parcours.","sampleRate":16000,"voice":"fr"})",
               call) == MR_OK);
  CHECK(json::parse(call.result)["voice"] == "fr");
}

// eSpeak's formant voice is far from the speech pocketsphinx's model was trained on, so
// only "it is heard as words" is asserted here; bench/speech measures its word error rate.
TEST_CASE("tts_espeak's synthesised speech is heard as words by stt_pocketsphinx") {
  InstancePtr voice = speech_instance(plugin());
  std::string pcm = speak(plugin(), voice, "I would use a token bucket per user.");
  const mr_plugin* stt = speech_plugin("stt_pocketsphinx");
  InstancePtr recogniser = speech_instance(stt, {{"warmDecoders", 1}});
  FakeCall call;
  const auto& api = *static_cast<const mr_stt_api*>(stt->calls);
  REQUIRE(api.transcribe(recogniser.get(), bytes(R"({"sampleRate":16000})"), bytes(pcm), call.handle()) == MR_OK);
  std::string text = json::parse(call.result)["text"];
  INFO(text);
  CHECK(words(text).size() >= 3);
  CHECK(words(text).size() <= 12);
}

TEST_CASE("tts_espeak stops when cancelled and refuses unknown voices") {
  InstancePtr voice = speech_instance(plugin());
  FakeCall cancelled;
  cancelled.cancelled = true;
  CHECK(invoke(calls().synthesize, voice, json{{"text", kSentence}, {"sampleRate", 16000}}.dump(), cancelled) ==
        MR_ERR_CANCELLED);
  FakeCall config;
  CHECK(create_instance(plugin(), R"({"voice":"klingon-xx"})", config) == nullptr);
  CHECK(config.error.find("klingon-xx") != std::string::npos);
  FakeCall wpm;
  CHECK(create_instance(plugin(), R"({"wordsPerMinute":2000})", wpm) == nullptr);
}
