// Time from the interviewer's reply text being ready to its first audio, on the real
// engine: `mockroom serve` with tts_flite, sessions answered in text over the WebSocket with
// the interviewer's voice on. For each message and question the engine publishes, the
// time from its text frame arriving to the first binary audio frame of its audio_start.
#pragma once

#include <string>
#include <vector>

namespace mockroom::bench::speech {

struct FirstAudio {
  std::vector<double> ms;  // one per spoken message or question
  int turns = 0;
  std::string error;       // set when the run could not be made
};

FirstAudio measure_first_audio(const std::string& engine_binary, int turns);

}  // namespace mockroom::bench::speech
