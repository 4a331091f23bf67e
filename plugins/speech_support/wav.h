// WAV files and raw PCM, the two shapes speech audio takes in Mockroom. Plain C++ with no
// host or plugin dependencies: compiled into the engine (the admin speech endpoints, stored
// answer audio) and into the speech plugins that talk to HTTP services, each its own copy.
//
// PCM here always means signed 16-bit little-endian samples, one channel (plugin.h,
// "Speech"). A WAV file read may be 16-bit PCM with one or two channels at any rate from
// kMinSampleRate to kMaxSampleRate; two channels are averaged to one. Anything else
// (8-bit, float, compressed, truncated headers) is refused with a message that says what
// was found and what is wanted. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mockroom::audio {

inline constexpr int kMinSampleRate = 8000;
inline constexpr int kMaxSampleRate = 48000;
inline constexpr size_t kWavHeaderBytes = 44;  // what write_wav puts before the samples

// Mono PCM at a known rate.
struct Pcm {
  int sample_rate = 0;
  std::vector<int16_t> samples;

  double seconds() const { return sample_rate > 0 ? static_cast<double>(samples.size()) / sample_rate : 0.0; }
};

// The outcome of reading audio: the PCM, or what is wrong with the input.
struct PcmRead {
  std::optional<Pcm> pcm;
  std::string error;
  bool ok() const { return pcm.has_value(); }
};

// Reads a RIFF/WAVE file (see the header comment for what is accepted).
PcmRead read_wav(std::string_view bytes);

// A 44-byte-header WAV file of `samples` at `sample_rate`.
std::string write_wav(const int16_t* samples, size_t count, int sample_rate);
inline std::string write_wav(const Pcm& pcm) { return write_wav(pcm.samples.data(), pcm.samples.size(), pcm.sample_rate); }
// The header alone, for a file whose `data_bytes` of samples follow.
std::string wav_header(size_t data_bytes, int sample_rate);

// Raw little-endian PCM bytes to samples (an odd trailing byte is dropped) and back.
std::vector<int16_t> samples_of(std::string_view bytes);
void append_samples(std::vector<int16_t>& out, std::string_view bytes);
std::string bytes_of(const int16_t* samples, size_t count);

}  // namespace mockroom::audio
