#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "speech/audio_store.h"
#include "speech/voice_options.h"
#include "speech_support/wav.h"
#include "util/crypto.h"

using namespace mockroom;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  TempDir() : path(fs::temp_directory_path() / ("mockroom-audio-test-" + crypto::random_hex(6))) {}
  ~TempDir() { fs::remove_all(path); }
  fs::path path;
};

const std::string kSession = "0123456789abcdef0123456789abcdef";

}  // namespace

TEST_CASE("with retention off (the default) no answer audio is stored") {
  TempDir dir;
  speech::AudioStore store(dir.path, speech::VoiceOptions{}.audio_retention_days);
  CHECK_FALSE(store.enabled());
  CHECK_FALSE(store.save(kSession, std::string(3200, '\0'), 16000).ok());
  CHECK_FALSE(fs::exists(dir.path));
}

TEST_CASE("stored answer audio comes back as a WAV file, and only by valid ids") {
  TempDir dir;
  speech::AudioStore store(dir.path, 7);
  std::string pcm(3200, '\x05');
  auto id = store.save(kSession, pcm, 16000);
  REQUIRE(id.ok());
  auto wav = store.load(kSession, *id);
  REQUIRE(wav.ok());
  auto read = audio::read_wav(*wav);
  REQUIRE(read.ok());
  CHECK(read.pcm->samples.size() == 1600);
  CHECK(store.load(kSession, "../../etc/passwd").error().code == ErrorCode::kNotFound);
  CHECK(store.load("other", *id).error().code == ErrorCode::kNotFound);
  CHECK(speech::audio_url(kSession, *id) == "/api/interviews/" + kSession + "/audio/" + *id);
}

TEST_CASE("audio older than the retention is swept away") {
  TempDir dir;
  speech::AudioStore store(dir.path, 2);
  auto id = store.save(kSession, std::string(320, '\0'), 16000);
  REQUIRE(id.ok());
  auto now = std::chrono::system_clock::now();
  CHECK(store.sweep(now + std::chrono::hours(24)) == 0);
  CHECK(store.sweep(now + std::chrono::hours(49)) == 1);
  CHECK(store.load(kSession, *id).error().code == ErrorCode::kNotFound);
  CHECK_FALSE(fs::exists(dir.path / kSession));
}

TEST_CASE("voice options: defaults, ranges and unknown keys") {
  auto defaults = speech::parse_voice_options(nlohmann::json::object());
  REQUIRE(defaults.ok());
  CHECK(defaults->audio_retention_days == 0);
  CHECK(defaults->backchannel);
  auto set = speech::parse_voice_options({{"endOfTurnSilenceMs", 900}, {"thinkingPauseMs", 4000},
                                          {"backchannelPhrases", {"Mm-hmm."}}, {"audioRetentionDays", 30}});
  REQUIRE(set.ok());
  CHECK(set->end_of_turn_silence_ms == 900);
  CHECK(set->backchannel_phrases == std::vector<std::string>{"Mm-hmm."});
  CHECK(speech::parse_voice_options({{"endOfTurnSilenceMs", 50}}).error().message.find("endOfTurnSilenceMs") !=
        std::string::npos);
  CHECK(speech::parse_voice_options({{"thinkingPauseMs", 500}}).error().message.find("at least") != std::string::npos);
  CHECK(speech::parse_voice_options({{"silence", 1}}).error().message.find("voice.silence") != std::string::npos);
}
