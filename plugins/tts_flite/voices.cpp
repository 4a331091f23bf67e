#include "voices.h"

#include <flite/flite.h>

#include <mutex>

extern "C" {
cst_voice* register_cmu_us_slt(const char* voxdir);
cst_voice* register_cmu_us_rms(const char* voxdir);
cst_voice* register_cmu_us_awb(const char* voxdir);
cst_voice* register_cmu_us_kal16(const char* voxdir);
}

namespace mockroom::tts_flite {

cst_voice_struct* voice(std::string_view name) {
  static std::once_flag once;
  static std::array<cst_voice*, kVoiceNames.size()> voices{};
  std::call_once(once, [] {
    flite_init();
    voices = {register_cmu_us_slt(nullptr), register_cmu_us_rms(nullptr), register_cmu_us_awb(nullptr),
              register_cmu_us_kal16(nullptr)};
  });
  for (size_t i = 0; i < kVoiceNames.size(); ++i) {
    if (kVoiceNames[i] == name) return voices[i];
  }
  return nullptr;
}

}  // namespace mockroom::tts_flite
