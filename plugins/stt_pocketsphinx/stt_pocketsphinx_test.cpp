// stt_pocketsphinx through its C ABI, with the real pocketsphinx and US English model on
// real recordings (Debian's pocketsphinx-testdata) and on speech tts_flite synthesises.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "speech_support/speech_test_support.h"

namespace {

using nlohmann::json;
using namespace mockroom::speech_testing;

const mr_plugin* plugin() {
  static const mr_plugin* loaded = speech_plugin("stt_pocketsphinx");
  return loaded;
}
const mr_stt_api& calls() { return *static_cast<const mr_stt_api*>(plugin()->calls); }

// One instance for the whole file: loading the model takes about a second.
const InstancePtr& recogniser() {
  static InstancePtr instance = speech_instance(plugin(), {{"maxDecoders", 2}});
  return instance;
}

json transcribe(const std::string& pcm, json request = {{"sampleRate", 16000}}) {
  FakeCall call;
  mr_status s = calls().transcribe(recogniser().get(), bytes(request.dump()), bytes(pcm), call.handle());
  REQUIRE_MESSAGE(s == MR_OK, call.error);
  return json::parse(call.result);
}

}  // namespace

TEST_CASE("stt_pocketsphinx transcribes a LibriVox reading close to its reference") {
  json result = transcribe(librivox_pcm("0930"));
  INFO(result.dump());
  CHECK(word_error_rate("he might even have been made amiable himself", result["text"]) <= 0.35);
  CHECK(result["durationS"].get<double>() == doctest::Approx(3.29).epsilon(0.01));
  CHECK(result["confidence"].get<double>() >= 0.0);
  CHECK(result["model"] == "pocketsphinx-en-us");
}

TEST_CASE("a stream offers partial transcripts while the audio arrives, then the final one") {
  std::string pcm = librivox_pcm("0870");
  FakeCall open_call;
  void* stream = calls().stream_open(recogniser().get(), bytes(R"({"sampleRate":16000})"), open_call.handle());
  REQUIRE_MESSAGE(stream != nullptr, open_call.error);
  std::vector<std::string> partials;
  const size_t chunk = 3200;  // 100 ms
  for (size_t at = 0; at < pcm.size(); at += chunk) {
    FakeCall feed;
    REQUIRE(calls().stream_feed(stream, bytes(std::string_view(pcm).substr(at, chunk)), feed.handle()) == MR_OK);
    if (!feed.result.empty()) partials.push_back(json::parse(feed.result)["partial"]);
  }
  FakeCall finish;
  REQUIRE_MESSAGE(calls().stream_finish(stream, finish.handle()) == MR_OK, finish.error);
  calls().stream_close(stream);
  json final = json::parse(finish.result);
  INFO(final.dump());
  CHECK(partials.size() >= 3);
  CHECK(partials.front().size() < partials.back().size());
  CHECK(word_error_rate("and mister john dashwood had then leisure to consider how much there might be prudently in "
                        "his power to do for them",
                        final["text"]) <= 0.5);
  CHECK(final["durationS"].get<double>() == doctest::Approx(7.1).epsilon(0.01));
}

TEST_CASE("the question's vocabulary makes its rare words win over common look-alikes") {
  std::string pcm = librivox_pcm("0880");  // "he was not an ill disposed young man"
  json plain = transcribe(pcm);
  json biased = transcribe(pcm, {{"sampleRate", 16000}, {"vocabulary", {"disposed"}},
                                 {"prompt", "Was he an ill disposed young man?"}});
  INFO(plain.dump(), " / ", biased.dump());
  CHECK(words(plain["text"]).size() > 0);
  auto said = words(biased["text"]);
  CHECK(std::find(said.begin(), said.end(), "disposed") != said.end());
  auto before = words(plain["text"]);
  CHECK(std::find(before.begin(), before.end(), "disposed") == before.end());
}

TEST_CASE("audio at another sample rate is resampled to the model's 16 kHz") {
  auto samples = mockroom::audio::samples_of(librivox_pcm("0930"));
  std::vector<int16_t> at32;  // each sample twice: the same audio at 32 kHz
  for (int16_t s : samples) at32.insert(at32.end(), {s, s});
  json result = transcribe(mockroom::audio::bytes_of(at32.data(), at32.size()), {{"sampleRate", 32000}});
  INFO(result.dump());
  CHECK(word_error_rate("he might even have been made amiable himself", result["text"]) <= 0.35);
  CHECK(result["durationS"].get<double>() == doctest::Approx(3.29).epsilon(0.01));
}

TEST_CASE("silence is an empty transcript, not an error") {
  json result = transcribe(std::string(32000 * 2, '\0'));
  CHECK(result["text"] == "");
  CHECK(result["durationS"].get<double>() == doctest::Approx(2.0));
}

TEST_CASE("speech tts_flite synthesised is recognised") {
  const mr_plugin* flite = speech_plugin("tts_flite");
  InstancePtr voice = speech_instance(flite);
  std::string pcm = speak(flite, voice, "I would start with a hash map and then measure the latency.");
  json result = transcribe(pcm);
  INFO(result.dump());
  CHECK(word_error_rate("I would start with a hash map and then measure the latency", result["text"]) <= 0.5);
}

TEST_CASE("malformed requests and audio are refused with a message naming the problem") {
  FakeCall no_rate;
  CHECK(calls().transcribe(recogniser().get(), bytes("{}"), bytes(std::string(100, '\0')), no_rate.handle()) ==
        MR_ERR_INVALID_ARGUMENT);
  CHECK(no_rate.error.find("sampleRate") != std::string::npos);
  FakeCall odd;
  CHECK(calls().transcribe(recogniser().get(), bytes(R"({"sampleRate":16000})"), bytes(std::string(101, '\0')),
                           odd.handle()) == MR_ERR_INVALID_ARGUMENT);
  CHECK(odd.error.find("16-bit") != std::string::npos);
  FakeCall rate;
  CHECK(calls().transcribe(recogniser().get(), bytes(R"({"sampleRate":4000})"), bytes(std::string(100, '\0')),
                           rate.handle()) == MR_ERR_INVALID_ARGUMENT);
  FakeCall open_call;
  void* stream = calls().stream_open(recogniser().get(), bytes(R"({"sampleRate":16000})"), open_call.handle());
  REQUIRE(stream != nullptr);
  FakeCall finish, again;
  CHECK(calls().stream_finish(stream, finish.handle()) == MR_OK);
  CHECK(calls().stream_feed(stream, bytes(std::string(100, '\0')), again.handle()) == MR_ERR_INVALID_ARGUMENT);
  CHECK(again.error.find("already finished") != std::string::npos);
  calls().stream_close(stream);
}

TEST_CASE("a config naming a model that is not installed is refused") {
  FakeCall call;
  InstancePtr instance = create_instance(plugin(), R"({"modelDir":"/nonexistent/en-us"})", call);
  CHECK(instance == nullptr);
  CHECK(call.error.find("pocketsphinx-en-us") != std::string::npos);
  FakeCall unknown;
  CHECK(create_instance(plugin(), R"({"beam":3})", unknown) == nullptr);
  CHECK(unknown.error.find("beam") != std::string::npos);
}

TEST_CASE("when every decoder stays busy, a transcription gives up after decoderWaitSeconds") {
  InstancePtr one = speech_instance(plugin(), {{"maxDecoders", 1}, {"decoderWaitSeconds", 1}});
  FakeCall open_call;
  void* holder = calls().stream_open(one.get(), bytes(R"({"sampleRate":16000})"), open_call.handle());
  REQUIRE(holder != nullptr);
  FakeCall feed;
  REQUIRE(calls().stream_feed(holder, bytes(std::string(3200, '\0')), feed.handle()) == MR_OK);  // takes the decoder
  FakeCall waiting;
  CHECK(calls().transcribe(one.get(), bytes(R"({"sampleRate":16000})"), bytes(std::string(3200, '\0')),
                           waiting.handle()) == MR_ERR_UNAVAILABLE);
  CHECK(waiting.error.find("busy") != std::string::npos);
  calls().stream_close(holder);  // gives the decoder back
  FakeCall after;
  CHECK(calls().transcribe(one.get(), bytes(R"({"sampleRate":16000})"), bytes(std::string(3200, '\0')),
                           after.handle()) == MR_OK);
}
