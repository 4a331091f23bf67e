// The JSON of the speech calls (plugin.h, "Speech"), read and written once for every
// speech plugin, and the audio they emit. Compiled into each speech plugin .so.
//
// Limits are named here so that every plugin refuses the same things with the same words.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json_fields.h"
#include "mockroom/plugin.h"

namespace mockroom::speech_support {

using plugin_support::Parsed;

inline constexpr size_t kMaxRequestBytes = 64 * 1024;
inline constexpr size_t kMaxVocabularyWords = 300;
inline constexpr size_t kMaxWordBytes = 64;
inline constexpr size_t kMaxPromptBytes = 4000;
inline constexpr size_t kMaxLanguageBytes = 16;
inline constexpr size_t kMaxVoiceBytes = 64;
// Text one synthesize call may speak (an interviewer message is at most 16 KiB).
inline constexpr size_t kMaxTextBytes = 16 * 1024;
// The longest utterance a plugin accepts (the engine's own limit is lower).
inline constexpr double kMaxUtteranceSeconds = 900;
inline constexpr double kMinSpeed = 0.5;
inline constexpr double kMaxSpeed = 2.0;

struct SttRequest {
  int sample_rate = 16000;
  std::string language;                 // "" = the plugin's default
  std::vector<std::string> vocabulary;  // as given; plugins normalise
  std::string prompt;                   // the question being answered, may be ""
};

struct TtsRequest {
  std::string text;
  int sample_rate = 16000;
  std::string voice;  // "" = the instance's default
  double speed = 1.0;
};

Parsed<SttRequest> parse_stt_request(std::string_view json_text);
Parsed<TtsRequest> parse_tts_request(std::string_view json_text);

// An error message when `bytes` of audio are not a whole number of samples or longer than
// kMaxUtteranceSeconds at `sample_rate` once `already` samples were taken; "" otherwise.
std::string check_audio(std::string_view bytes, size_t already, int sample_rate);

// {"text", "durationS", "confidence"?, "model"?}
std::string stt_result(const std::string& text, double duration_s, std::optional<double> confidence,
                       const std::string& model);
// {"partial": text}
std::string stt_partial(const std::string& text);
// {"sampleRate", "samples", "voice", "model"?}
std::string tts_result(int sample_rate, size_t samples, const std::string& voice, const std::string& model);

// Where a synthesize call's audio goes: the host's emit_bytes, counting the samples.
class AudioOut {
 public:
  explicit AudioOut(mr_call* call) : call_(call) {}
  void emit(const int16_t* samples, size_t count);
  void emit(const std::vector<int16_t>& samples) { emit(samples.data(), samples.size()); }
  size_t samples() const { return samples_; }

 private:
  mr_call* call_;
  size_t samples_ = 0;
};

// Words of `text` for recognition vocabularies: lower case, letters, digits and inner
// apostrophes, at least `min_letters` long, without duplicates, in order of appearance.
std::vector<std::string> vocabulary_words(std::string_view text, size_t min_letters);

}  // namespace mockroom::speech_support
