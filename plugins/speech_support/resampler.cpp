// Implementation of resampler.h on libsoxr.
#include "resampler.h"

#include <soxr.h>

#include <stdexcept>

namespace mockroom::audio {

Resampler::Resampler(int input_rate, int output_rate) : input_rate_(input_rate), output_rate_(output_rate) {
  if (input_rate == output_rate) return;
  soxr_error_t error = nullptr;
  soxr_io_spec_t io = soxr_io_spec(SOXR_INT16_I, SOXR_INT16_I);
  soxr_quality_spec_t quality = soxr_quality_spec(SOXR_MQ, 0);
  soxr_ = soxr_create(input_rate, output_rate, 1, &error, &io, &quality, nullptr);
  if (error || !soxr_) {
    throw std::runtime_error(std::string("cannot resample from ") + std::to_string(input_rate) + " to " +
                             std::to_string(output_rate) + " Hz: " + (error ? error : "unknown error"));
  }
}

Resampler::~Resampler() {
  if (soxr_) soxr_delete(static_cast<soxr_t>(soxr_));
}

void Resampler::run(const int16_t* samples, size_t count, std::vector<int16_t>& out) {
  // Output for `count` inputs, plus room for what the filter releases at the end.
  size_t room = static_cast<size_t>(static_cast<double>(count) * output_rate_ / input_rate_) + 1024;
  for (;;) {
    size_t base = out.size();
    out.resize(base + room);
    size_t used = 0, made = 0;
    soxr_error_t error = soxr_process(static_cast<soxr_t>(soxr_), samples, count, &used, out.data() + base, room, &made);
    out.resize(base + made);
    if (error) throw std::runtime_error(std::string("resampling failed: ") + error);
    samples = samples ? samples + used : nullptr;
    count -= used;
    // Done once all input is taken and the output buffer was not filled to the brim.
    if (count == 0 && made < room) return;
  }
}

void Resampler::process(const int16_t* samples, size_t count, std::vector<int16_t>& out) {
  if (!soxr_) {
    out.insert(out.end(), samples, samples + count);
    return;
  }
  if (count > 0) run(samples, count, out);
}

void Resampler::finish(std::vector<int16_t>& out) {
  if (soxr_) run(nullptr, 0, out);  // null input: end of stream, flush
}

std::vector<int16_t> resample(const std::vector<int16_t>& samples, int input_rate, int output_rate) {
  if (input_rate == output_rate) return samples;
  std::vector<int16_t> out;
  Resampler r(input_rate, output_rate);
  r.process(samples.data(), samples.size(), out);
  r.finish(out);
  return out;
}

}  // namespace mockroom::audio
