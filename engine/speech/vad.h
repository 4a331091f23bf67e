// VoiceActivity: is there speech in this 20 ms of 16 kHz audio? An energy detector against
// the room's noise floor (the quietest frame of the last kFloorWindowFrames: speech always
// has quieter gaps between sounds, a steady hum or fan has none, so it becomes the floor),
// plus a zero-crossing test that tells speech from hiss and random bytes (white noise
// crosses zero on about half its samples, voiced speech on far fewer). Cheap, deterministic,
// no model to ship. One per audio stream; not thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace mockroom::speech {

inline constexpr std::size_t kVadFrameSamples = 320;  // 20 ms at 16 kHz
inline constexpr int kVadFrameMs = 20;

class VoiceActivity {
 public:
  struct Frame {
    bool speech = false;
    double level_db = -100;  // RMS level, dB below full scale
    double zero_crossings = 0;  // share of samples where the sign flips
  };
  VoiceActivity() { levels_.fill(kInitialFloorDb); }
  // Classifies one frame of kVadFrameSamples samples.
  Frame classify(const int16_t* samples);
  double noise_floor_db() const;

  // Louder than the floor by this much counts as speech ...
  static constexpr double kAboveFloorDb = 12;
  // ... if it is also louder than this (quiet rooms would otherwise hear breathing) ...
  static constexpr double kMinSpeechDb = -50;
  // ... and crosses zero less often than this.
  static constexpr double kMaxSpeechZeroCrossings = 0.35;

  static constexpr std::size_t kFloorWindowFrames = 150;  // 3 s
  static constexpr double kInitialFloorDb = -60;

 private:
  std::array<double, kFloorWindowFrames> levels_;  // the last frames' levels, a ring
  std::size_t next_ = 0;
};

}  // namespace mockroom::speech
