// Implementation of wav.h. Every length read from a file is checked against what is there
// before it is used.
#include "wav.h"

#include <cstring>

namespace mockroom::audio {
namespace {

constexpr uint16_t kFormatPcm = 1;
constexpr uint16_t kFormatExtensible = 0xFFFE;

uint16_t u16(const unsigned char* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
uint32_t u32(const unsigned char* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) | (static_cast<uint32_t>(p[2]) << 16) |
         (static_cast<uint32_t>(p[3]) << 24);
}
void put16(std::string& out, uint16_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>(v >> 8));
}
void put32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

PcmRead refuse(std::string why) { return PcmRead{std::nullopt, std::move(why)}; }

struct Format {
  uint16_t channels = 0;
  uint32_t rate = 0;
  uint16_t bits = 0;
};

// The fmt chunk's body; an error message when it is not 16-bit PCM.
std::string read_format(const unsigned char* p, size_t size, Format& f) {
  if (size < 16) return "the WAV fmt chunk is too short";
  uint16_t tag = u16(p);
  f.channels = u16(p + 2);
  f.rate = u32(p + 4);
  f.bits = u16(p + 14);
  if (tag == kFormatExtensible) {
    if (size < 26) return "the WAV fmt chunk is too short for WAVE_FORMAT_EXTENSIBLE";
    tag = u16(p + 24);  // the first two bytes of the sub-format GUID are its format tag
  }
  if (tag != kFormatPcm) return "the WAV audio is not PCM (format " + std::to_string(tag) + "); send 16-bit PCM";
  if (f.bits != 16) return "the WAV audio has " + std::to_string(f.bits) + "-bit samples; send 16-bit PCM";
  if (f.channels < 1 || f.channels > 2) {
    return "the WAV audio has " + std::to_string(f.channels) + " channels; send mono (or stereo)";
  }
  if (f.rate < static_cast<uint32_t>(kMinSampleRate) || f.rate > static_cast<uint32_t>(kMaxSampleRate)) {
    return "the WAV sample rate is " + std::to_string(f.rate) + " Hz; it must be " + std::to_string(kMinSampleRate) +
           "-" + std::to_string(kMaxSampleRate) + " Hz (16000 is best)";
  }
  return "";
}

}  // namespace

PcmRead read_wav(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  if (n < 12 || std::memcmp(p, "RIFF", 4) != 0 || std::memcmp(p + 8, "WAVE", 4) != 0) {
    return refuse("the audio is not a WAV file (no RIFF/WAVE header)");
  }
  Format format;
  bool have_format = false;
  size_t at = 12;
  while (at + 8 <= n) {
    const unsigned char* chunk = p + at;
    size_t size = u32(chunk + 4);
    size_t body = at + 8;
    if (std::memcmp(chunk, "fmt ", 4) == 0) {
      if (size > n - body) return refuse("the WAV fmt chunk is cut short");
      if (std::string why = read_format(p + body, size, format); !why.empty()) return refuse(why);
      have_format = true;
    } else if (std::memcmp(chunk, "data", 4) == 0) {
      if (!have_format) return refuse("the WAV data comes before its fmt chunk");
      // A streamed file may give 0 or 0xFFFFFFFF as the size: take what is there.
      size_t available = n - body;
      if (size == 0 || size > available) size = available;
      size_t frame = 2u * format.channels;
      size_t frames = size / frame;
      Pcm pcm;
      pcm.sample_rate = static_cast<int>(format.rate);
      pcm.samples.resize(frames);
      for (size_t i = 0; i < frames; ++i) {
        const unsigned char* s = p + body + i * frame;
        int value = static_cast<int16_t>(u16(s));
        if (format.channels == 2) value = (value + static_cast<int16_t>(u16(s + 2))) / 2;
        pcm.samples[i] = static_cast<int16_t>(value);
      }
      return PcmRead{std::move(pcm), {}};
    }
    if (size > n - body) break;
    at = body + size + (size & 1);  // chunks are padded to an even size
  }
  return refuse(have_format ? "the WAV file has no data chunk" : "the WAV file has no fmt chunk");
}

std::string wav_header(size_t data_bytes, int sample_rate) {
  std::string out;
  out.reserve(kWavHeaderBytes);
  out += "RIFF";
  put32(out, static_cast<uint32_t>(36 + data_bytes));
  out += "WAVEfmt ";
  put32(out, 16);
  put16(out, kFormatPcm);
  put16(out, 1);
  put32(out, static_cast<uint32_t>(sample_rate));
  put32(out, static_cast<uint32_t>(sample_rate * 2));
  put16(out, 2);
  put16(out, 16);
  out += "data";
  put32(out, static_cast<uint32_t>(data_bytes));
  return out;
}

std::string write_wav(const int16_t* samples, size_t count, int sample_rate) {
  std::string out = wav_header(count * 2, sample_rate);
  out += bytes_of(samples, count);
  return out;
}

void append_samples(std::vector<int16_t>& out, std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t count = bytes.size() / 2;
  size_t base = out.size();
  out.resize(base + count);
  for (size_t i = 0; i < count; ++i) out[base + i] = static_cast<int16_t>(u16(p + 2 * i));
}

std::vector<int16_t> samples_of(std::string_view bytes) {
  std::vector<int16_t> out;
  append_samples(out, bytes);
  return out;
}

std::string bytes_of(const int16_t* samples, size_t count) {
  std::string out(count * 2, '\0');
  for (size_t i = 0; i < count; ++i) {
    auto v = static_cast<uint16_t>(samples[i]);
    out[2 * i] = static_cast<char>(v & 0xFF);
    out[2 * i + 1] = static_cast<char>(v >> 8);
  }
  return out;
}

}  // namespace mockroom::audio
