// Voice interviews: the audio format of the WebSocket, its limits, and the turn-taking
// settings operators can change (config "voice", README "Voice"). Limits are named here.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "util/result.h"

namespace mockroom::speech {

// WebSocket audio, both ways: raw PCM, signed 16-bit little-endian, mono, 16 kHz.
inline constexpr int kSampleRate = 16000;
inline constexpr char kAudioFormat[] = "pcm_s16le";
inline constexpr int kBytesPerSecond = kSampleRate * 2;
// One binary frame from the client carries at most this much (2 s); 20-100 ms is typical.
inline constexpr std::size_t kMaxAudioFrameBytes = 64 * 1024;
// Interviewer audio goes out in frames of at most this much (250 ms).
inline constexpr std::size_t kOutputFrameBytes = kBytesPerSecond / 4;
// A spoken answer shorter than this is taken for a slip of the button, not an answer.
inline constexpr int kMinAnswerMs = 300;
inline constexpr int kDefaultMaxAnswerSeconds = 300;
inline constexpr int kMaxMaxAnswerSeconds = 900;
// Audio frames waiting to be processed for one socket before the socket is told it sends
// faster than the server can listen (about a minute of 20 ms frames).
inline constexpr std::size_t kMaxQueuedAudioTasks = 3000;
// Interviewer messages waiting to be spoken on one socket.
inline constexpr std::size_t kMaxQueuedSpeech = 64;
inline constexpr std::size_t kMaxPhrases = 32;
inline constexpr std::size_t kMaxPhraseBytes = 80;

struct VoiceOptions {
  int max_answer_seconds = kDefaultMaxAnswerSeconds;
  // Hands-free: silence after speech that ends the candidate's turn ...
  int end_of_turn_silence_ms = 1200;
  // ... unless what they said last is a thinking phrase: then this long.
  int thinking_pause_ms = 6000;
  std::vector<std::string> thinking_phrases = {
      "let me think", "let me think about that", "let me think about it", "let me see", "give me a second",
      "give me a moment", "give me a minute", "one second", "one moment", "just a second", "just a moment",
      "hold on", "good question", "thinking", "hmm", "um", "uh"};
  // The candidate's speech stops the interviewer's audio after this much of it.
  bool barge_in = true;
  int barge_in_ms = 300;
  // Short acknowledgements while the candidate talks at length, at a pause.
  bool backchannel = true;
  int backchannel_every_seconds = 20;
  std::vector<std::string> backchannel_phrases = {"Mhm.", "Right.", "I see.", "Okay."};
  // Days each spoken answer's audio is kept (linked from the transcript); 0 = not stored.
  int audio_retention_days = 0;
};

// Reads the "voice" config object onto the defaults; unknown keys are errors.
Result<VoiceOptions> parse_voice_options(const nlohmann::json& doc);

}  // namespace mockroom::speech
