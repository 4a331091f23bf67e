#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "plugin/registry.h"
#include "speech_support/speech_test_support.h"

using namespace mockroom;
using nlohmann::json;

namespace {

// The registry with `stt` and `tts` active and the offline engines as their fallbacks.
std::unique_ptr<plugin::Registry> speech_registry(const std::string& stt, const std::string& tts,
                                                  const std::string& tts_config = "{}") {
  auto r = std::make_unique<plugin::Registry>();
  r->discover(MOCKROOM_PLUGIN_DIR);
  REQUIRE(r->add_library(MOCKROOM_TEST_PLUGIN_DIR "/failing_stt.so").ok());
  REQUIRE(r->add_library(MOCKROOM_TEST_PLUGIN_DIR "/failing_tts.so").ok());
  REQUIRE(r->activate(MR_KIND_STT, stt, "{}").ok());
  REQUIRE(r->activate(MR_KIND_TTS, tts, tts_config).ok());
  REQUIRE(r->set_fallback(MR_KIND_STT, "stt_pocketsphinx", R"({"warmDecoders":1,"maxDecoders":1})").ok());
  REQUIRE(r->set_fallback(MR_KIND_TTS, "tts_flite", "{}").ok());
  return r;
}

const plugin::PluginInfo& info(const std::vector<plugin::PluginInfo>& list, const std::string& name) {
  for (const auto& p : list) {
    if (p.name == name) return p;
  }
  FAIL("no plugin " << name);
  return list.front();
}

}  // namespace

TEST_CASE("a failing STT provider's utterance is transcribed by the offline fallback, and counted") {
  auto r = speech_registry("failing_stt", "tts_flite");
  std::string pcm = speech_testing::librivox_pcm("0930");
  auto stream = r->stt_stream({{"sampleRate", 16000}});
  REQUIRE(stream.ok());
  CHECK_FALSE((*stream)->feed(pcm));  // the failing provider does not stream: no partials
  auto result = (*stream)->finish();
  REQUIRE_MESSAGE(result.ok(), result.error().message);
  CHECK((*result)["provider"] == "stt_pocketsphinx");
  CHECK((*result)["fallback"]["from"] == "failing_stt");
  CHECK((*result)["fallback"]["error"].get<std::string>().find("connection refused") != std::string::npos);
  CHECK(speech_testing::word_error_rate("he might even have been made amiable himself", (*result)["text"]) <= 0.35);
  auto list = r->list();
  CHECK(info(list, "failing_stt").failures == 1);
  CHECK(info(list, "failing_stt").fallbacks == 1);
}

TEST_CASE("a streaming STT provider's partials come through the stream") {
  auto r = speech_registry("stt_pocketsphinx", "tts_flite");
  std::string pcm = speech_testing::librivox_pcm("0870");
  auto stream = r->stt_stream({{"sampleRate", 16000}});
  REQUIRE(stream.ok());
  int partials = 0;
  for (size_t at = 0; at < pcm.size(); at += 6400) partials += (*stream)->feed(std::string_view(pcm).substr(at, 6400)) ? 1 : 0;
  CHECK(partials >= 2);
  auto result = (*stream)->finish();
  REQUIRE(result.ok());
  CHECK((*result)["provider"] == "stt_pocketsphinx");
  CHECK_FALSE(result->contains("fallback"));
  CHECK((*stream)->audio() == pcm);
}

TEST_CASE("a failing TTS provider is replaced by the offline voice before any audio") {
  auto r = speech_registry("stt_pocketsphinx", "failing_tts");
  std::string audio;
  auto result = r->tts_synthesize({{"text", "Let's begin."}, {"sampleRate", 16000}},
                                  [&](std::string_view b) { audio.append(b); });
  REQUIRE(result.ok());
  CHECK((*result)["provider"] == "tts_flite");
  CHECK((*result)["fallback"]["from"] == "failing_tts");
  CHECK(audio.size() / 2 == (*result)["samples"].get<size_t>());
}

TEST_CASE("a TTS provider that fails after its first audio is not restarted in another voice") {
  auto r = speech_registry("stt_pocketsphinx", "failing_tts", R"({"audioFirst":true})");
  std::string audio;
  auto result = r->tts_synthesize({{"text", "Let's begin."}, {"sampleRate", 16000}},
                                  [&](std::string_view b) { audio.append(b); });
  REQUIRE_FALSE(result.ok());
  CHECK(audio.size() == 320);
  CHECK(info(r->list(), "failing_tts").fallbacks == 0);
}

TEST_CASE("speech calls fail cleanly with no provider active") {
  plugin::Registry r;
  CHECK_FALSE(r.stt_transcribe({{"sampleRate", 16000}}, std::string(320, '\0')).ok());
  CHECK_FALSE(r.stt_stream({{"sampleRate", 16000}}).ok());
  auto tts = r.tts_synthesize({{"text", "hi"}, {"sampleRate", 16000}}, [](std::string_view) {});
  REQUIRE_FALSE(tts.ok());
  CHECK(tts.error().message.find("text-to-speech") != std::string::npos);
}
