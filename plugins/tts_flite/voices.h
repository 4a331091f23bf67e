// The flite voices this plugin links (Debian's libflite1), by the names configs use.
// Registered once per process; flite keeps them for its lifetime.
#pragma once

#include <array>
#include <string_view>

struct cst_voice_struct;

namespace mockroom::tts_flite {

inline constexpr std::string_view kDefaultVoice = "slt";
// slt: US English female (the most natural); rms: US male; awb: Scottish male; kal16:
// US male diphone voice.
inline constexpr std::array<std::string_view, 4> kVoiceNames = {"slt", "rms", "awb", "kal16"};

// The voice named `name`, or null when there is none of that name. Thread-safe.
cst_voice_struct* voice(std::string_view name);

}  // namespace mockroom::tts_flite
