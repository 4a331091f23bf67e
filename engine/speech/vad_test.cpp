#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <vector>

#include "speech/sentences.h"
#include "speech/vad.h"

using namespace mockroom::speech;

namespace {

std::vector<int16_t> tone(double hz, double amplitude, int frames) {
  std::vector<int16_t> s(kVadFrameSamples * frames);
  for (size_t i = 0; i < s.size(); ++i) s[i] = static_cast<int16_t>(amplitude * std::sin(2 * M_PI * hz * i / 16000));
  return s;
}

int speech_frames(VoiceActivity& vad, const std::vector<int16_t>& s) {
  int n = 0;
  for (size_t at = 0; at + kVadFrameSamples <= s.size(); at += kVadFrameSamples) n += vad.classify(s.data() + at).speech;
  return n;
}

}  // namespace

TEST_CASE("the VAD hears a voiced sound and not silence") {
  VoiceActivity vad;
  CHECK(speech_frames(vad, std::vector<int16_t>(kVadFrameSamples * 20, 0)) == 0);
  CHECK(speech_frames(vad, tone(180, 6000, 20)) == 20);
}

TEST_CASE("random bytes (white noise) are not taken for speech, however loud") {
  VoiceActivity vad;
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> any(-32768, 32767);
  std::vector<int16_t> noise(kVadFrameSamples * 50);
  for (auto& s : noise) s = static_cast<int16_t>(any(rng));
  CHECK(speech_frames(vad, noise) == 0);
}

TEST_CASE("the noise floor follows a steady hum, so only speech above it counts") {
  VoiceActivity vad;
  auto hum = tone(120, 300, VoiceActivity::kFloorWindowFrames);  // a steady hum, about -44 dBFS
  speech_frames(vad, hum);
  CHECK(speech_frames(vad, tone(120, 300, 20)) == 0);  // once learnt, the hum is silence
  CHECK(speech_frames(vad, tone(200, 8000, 10)) == 10);
}

TEST_CASE("speech pieces are sentences, with short ones joined to the next") {
  auto pieces = speech_pieces("Okay. Thanks for walking me through that. Now tell me about a time you failed?");
  REQUIRE(pieces.size() == 2);
  CHECK(pieces[0] == "Okay. Thanks for walking me through that.");
  CHECK(pieces[1] == "Now tell me about a time you failed?");
  CHECK(speech_pieces("  ").empty());
  CHECK(speech_pieces("No full stop at the end").size() == 1);
}
