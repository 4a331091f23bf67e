#include "speech/vad.h"

#include <algorithm>
#include <cmath>

namespace mockroom::speech {

namespace {
constexpr double kLowestFloorDb = -90;
constexpr double kHighestFloorDb = -25;
}  // namespace

double VoiceActivity::noise_floor_db() const {
  return std::clamp(*std::min_element(levels_.begin(), levels_.end()), kLowestFloorDb, kHighestFloorDb);
}

VoiceActivity::Frame VoiceActivity::classify(const int16_t* samples) {
  double energy = 0;
  std::size_t crossings = 0;
  for (std::size_t i = 0; i < kVadFrameSamples; ++i) {
    double s = samples[i];
    energy += s * s;
    if (i > 0 && ((samples[i] >= 0) != (samples[i - 1] >= 0))) ++crossings;
  }
  Frame f;
  double rms = std::sqrt(energy / kVadFrameSamples);
  f.level_db = rms < 1 ? -100 : 20 * std::log10(rms / 32768.0);
  f.zero_crossings = static_cast<double>(crossings) / (kVadFrameSamples - 1);
  f.speech = f.level_db > std::max(noise_floor_db() + kAboveFloorDb, kMinSpeechDb) &&
             f.zero_crossings < kMaxSpeechZeroCrossings;
  levels_[next_] = f.level_db;
  next_ = (next_ + 1) % kFloorWindowFrames;
  return f;
}

}  // namespace mockroom::speech
