#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "speech_support/wav.h"

using namespace mockroom::audio;

TEST_CASE("a WAV file written is read back sample for sample") {
  std::vector<int16_t> s = {0, 1, -1, 32767, -32768, 1234};
  std::string wav = write_wav(s.data(), s.size(), 16000);
  CHECK(wav.size() == kWavHeaderBytes + 12);
  PcmRead r = read_wav(wav);
  REQUIRE(r.ok());
  CHECK(r.pcm->sample_rate == 16000);
  CHECK(r.pcm->samples == s);
}

TEST_CASE("stereo WAV is mixed down to mono, and a streamed data size is taken as what is there") {
  std::string wav = write_wav(std::vector<int16_t>{100, 300, -50, -150}.data(), 4, 22050);
  wav[22] = 2;  // channels: now two frames of two samples
  wav[32] = 4;  // block align
  wav[40] = wav[41] = wav[42] = wav[43] = '\xff';  // data size unknown
  PcmRead r = read_wav(wav);
  REQUIRE(r.ok());
  CHECK(r.pcm->samples == std::vector<int16_t>{200, -100});
  CHECK(r.pcm->sample_rate == 22050);
}

TEST_CASE("WAV files that are not 16-bit PCM, or not WAV at all, are refused with a reason") {
  CHECK(read_wav("hello").error.find("not a WAV") != std::string::npos);
  std::string wav = write_wav(std::vector<int16_t>(10, 0).data(), 10, 16000);
  std::string eight_bit = wav;
  eight_bit[34] = 8;
  CHECK(read_wav(eight_bit).error.find("8-bit") != std::string::npos);
  std::string fast = wav;
  fast[24] = '\x00';
  fast[25] = '\xee';
  fast[26] = '\x02';  // 192000 Hz
  CHECK(read_wav(fast).error.find("sample rate") != std::string::npos);
  std::string compressed = wav;
  compressed[20] = 3;  // IEEE float
  CHECK(read_wav(compressed).error.find("not PCM") != std::string::npos);
  CHECK_FALSE(read_wav(wav.substr(0, 30)).ok());
}

TEST_CASE("PCM bytes convert to samples little-endian, dropping an odd trailing byte") {
  CHECK(samples_of(std::string("\x01\x02\xff\xff\x07", 5)) == std::vector<int16_t>{0x0201, -1});
  std::vector<int16_t> s = {0x0201, -1};
  CHECK(bytes_of(s.data(), s.size()) == std::string("\x01\x02\xff\xff", 4));
}
