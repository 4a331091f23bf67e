// A streaming sample-rate converter for mono PCM (libsoxr, medium quality: ample for
// speech, and cheap). Feed pieces with process(), call finish() once at the end to flush
// what the filter still holds. One Resampler per stream; not thread-safe. Equal rates pass
// samples through untouched.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mockroom::audio {

class Resampler {
 public:
  // Throws std::runtime_error when libsoxr refuses the rates (they are checked before).
  Resampler(int input_rate, int output_rate);
  ~Resampler();
  Resampler(const Resampler&) = delete;
  Resampler& operator=(const Resampler&) = delete;

  int input_rate() const { return input_rate_; }
  int output_rate() const { return output_rate_; }

  // Converts `count` samples; appends the output that is ready to `out`.
  void process(const int16_t* samples, size_t count, std::vector<int16_t>& out);
  // Flushes the rest into `out`. Later calls to process() are not allowed.
  void finish(std::vector<int16_t>& out);

 private:
  void run(const int16_t* samples, size_t count, std::vector<int16_t>& out);

  const int input_rate_;
  const int output_rate_;
  void* soxr_ = nullptr;  // soxr_t; null when the rates are equal
};

// The whole of `samples` at another rate, in one go.
std::vector<int16_t> resample(const std::vector<int16_t>& samples, int input_rate, int output_rate);

}  // namespace mockroom::audio
