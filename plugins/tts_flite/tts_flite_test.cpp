// tts_flite through its C ABI with the real flite voices: audio streams out in chunks of
// whole samples at the rate asked for, cancellation stops it, bad requests are refused.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "speech_support/speech_test_support.h"

namespace {

using nlohmann::json;
using namespace mockroom::speech_testing;

const mr_plugin* plugin() {
  static const mr_plugin* loaded = speech_plugin("tts_flite");
  return loaded;
}
const mr_tts_api& calls() { return *static_cast<const mr_tts_api*>(plugin()->calls); }

const std::string kSentence = "Tell me about a time you disagreed with a teammate, and how you resolved it.";

}  // namespace

TEST_CASE("tts_flite speaks a sentence as streamed 16 kHz PCM and reports what it emitted") {
  InstancePtr voice = speech_instance(plugin());
  FakeCall call;
  json request = {{"text", kSentence}, {"sampleRate", 16000}};
  REQUIRE_MESSAGE(invoke(calls().synthesize, voice, request.dump(), call) == MR_OK, call.error);
  json result = json::parse(call.result);
  CHECK(call.bytes.size() % 2 == 0);
  CHECK(result["samples"].get<size_t>() == call.bytes.size() / 2);
  CHECK(result["sampleRate"] == 16000);
  CHECK(result["voice"] == "slt");
  double seconds = call.bytes.size() / 2 / 16000.0;
  CHECK(seconds > 3.0);  // about fifteen words
  CHECK(seconds < 9.0);
  CHECK(call.byte_writes > 1);  // streamed, not handed over whole
}

TEST_CASE("tts_flite resamples to the rate asked for and honours speed") {
  InstancePtr voice = speech_instance(plugin());
  size_t at16 = speak(plugin(), voice, kSentence, 16000).size();
  size_t at24 = speak(plugin(), voice, kSentence, 24000).size();
  CHECK(static_cast<double>(at24) / at16 == doctest::Approx(1.5).epsilon(0.02));
  InstancePtr fast = speech_instance(plugin(), {{"speed", 1.5}});
  size_t quick = speak(plugin(), fast, kSentence, 16000).size();
  CHECK(static_cast<double>(quick) / at16 < 0.8);
}

TEST_CASE("tts_flite stops when the host cancels the call") {
  InstancePtr voice = speech_instance(plugin());
  FakeCall call;
  call.cancelled = true;
  json request = {{"text", kSentence}, {"sampleRate", 16000}};
  CHECK(invoke(calls().synthesize, voice, request.dump(), call) == MR_ERR_CANCELLED);
  CHECK(call.result.empty());
}

TEST_CASE("tts_flite refuses unknown voices, empty text and bad rates with a message") {
  FakeCall config;
  CHECK(create_instance(plugin(), R"({"voice":"hal9000"})", config) == nullptr);
  CHECK(config.error.find("slt") != std::string::npos);
  InstancePtr voice = speech_instance(plugin());
  FakeCall empty, rate, other;
  CHECK(invoke(calls().synthesize, voice, R"({"sampleRate":16000})", empty) == MR_ERR_INVALID_ARGUMENT);
  CHECK(empty.error.find("text") != std::string::npos);
  CHECK(invoke(calls().synthesize, voice, R"({"text":"hi","sampleRate":96000})", rate) == MR_ERR_INVALID_ARGUMENT);
  CHECK(invoke(calls().synthesize, voice, R"({"text":"hi","sampleRate":16000,"voice":"nobody"})", other) ==
        MR_ERR_INVALID_ARGUMENT);
  // Another linked voice works per request.
  FakeCall rms;
  CHECK(invoke(calls().synthesize, voice, R"({"text":"Hello there.","sampleRate":16000,"voice":"rms"})", rms) == MR_OK);
  CHECK(json::parse(rms.result)["voice"] == "rms");
}

TEST_CASE("tts_flite refuses a host without emit_bytes") {
  mr_host_api old = *shared_host().table();
  old.struct_size = offsetof(mr_host_api, emit_bytes);
  std::string error;
  mr_plugin_entry_fn entry = load_entry(MOCKROOM_PLUGIN_DIR "/tts_flite.so", error);
  bool loaded = entry != nullptr;
  REQUIRE_MESSAGE(loaded, error);
  const mr_plugin* p = nullptr;
  REQUIRE(entry(&old, &p) == MR_OK);
  FakeCall call;
  CHECK(p->create(bytes("{}"), call.handle()) == nullptr);
  CHECK(call.error.find("emit_bytes") != std::string::npos);
  REQUIRE(entry(shared_host().table(), &p) == MR_OK);  // the other tests' host again
}
