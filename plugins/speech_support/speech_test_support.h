// Helpers for the speech plugins' unit tests (test code only): the recordings Debian's
// pocketsphinx-testdata ships, loading a speech plugin through its C ABI against the fake
// host, and the word error rate for "close enough" checks.
#pragma once

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "mockroom/testing/fake_host.h"
#include "speech_support/wav.h"
#include "speech_support/word_error_rate.h"

namespace mockroom::speech_testing {

using namespace mockroom::testing;

// pocketsphinx-testdata's LibriVox readings (16 kHz mono) and their reference transcripts.
inline constexpr char kLibrivoxDir[] = "/usr/share/pocketsphinx/test/data/librivox";

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path << " (install pocketsphinx-testdata)");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The PCM bytes of a LibriVox reading, e.g. "0880".
inline std::string librivox_pcm(const std::string& number) {
  auto wav = audio::read_wav(read_file(std::string(kLibrivoxDir) + "/sense_and_sensibility_01_austen_64kb-" + number + ".wav"));
  REQUIRE_MESSAGE(wav.ok(), wav.error);
  REQUIRE(wav.pcm->sample_rate == 16000);
  return audio::bytes_of(wav.pcm->samples.data(), wav.pcm->samples.size());
}

using speech_support::word_error_rate;
inline std::vector<std::string> words(const std::string& text) { return speech_support::transcript_words(text); }

inline const mr_plugin* speech_plugin(const std::string& name) {
  std::string error;
  const mr_plugin* loaded = open_plugin(std::string(MOCKROOM_PLUGIN_DIR) + "/" + name + ".so", error);
  REQUIRE_MESSAGE(loaded != nullptr, error);
  return loaded;
}

inline InstancePtr speech_instance(const mr_plugin* plugin, const nlohmann::json& config = nlohmann::json::object()) {
  FakeCall call;
  InstancePtr instance = create_instance(plugin, config.dump(), call);
  REQUIRE_MESSAGE(instance != nullptr, call.error);
  return instance;
}

// Speaks `text` with a TTS plugin instance; the PCM it emitted.
inline std::string speak(const mr_plugin* plugin, const InstancePtr& instance, const std::string& text, int rate = 16000) {
  const auto& api = *static_cast<const mr_tts_api*>(plugin->calls);
  FakeCall call;
  nlohmann::json request = {{"text", text}, {"sampleRate", rate}};
  REQUIRE_MESSAGE(invoke(api.synthesize, instance, request.dump(), call) == MR_OK, call.error);
  return call.bytes;
}

}  // namespace mockroom::speech_testing
