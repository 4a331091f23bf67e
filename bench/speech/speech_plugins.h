// The speech plugins as the benchmark drives them: loaded through the C ABI against the
// test host (mockroom/testing/fake_host.h), each call timed in wall-clock and CPU time of
// the calling thread (every bundled speech plugin works on the caller's thread).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "mockroom/testing/fake_host.h"

namespace mockroom::bench::speech {

struct Timing {
  double wall_s = 0;
  double cpu_s = 0;
  double first_audio_s = -1;  // TTS: when the first audio was emitted
};

class SpeechPlugin {
 public:
  // Loads `dir`/`name`.so and creates an instance with `config`; nullopt (and a line on
  // stderr) when that fails.
  static std::optional<SpeechPlugin> open(const std::string& dir, const std::string& name, const nlohmann::json& config);

  const std::string& name() const { return name_; }
  mr_kind kind() const { return plugin_->kind; }

  // STT: the transcript of `pcm` (16 kHz), or nullopt with the error on stderr.
  std::optional<nlohmann::json> transcribe(const std::string& pcm, const nlohmann::json& request, Timing& timing) const;
  // TTS: 16 kHz PCM of `text`, or nullopt.
  std::optional<std::string> synthesize(const std::string& text, Timing& timing) const;

 private:
  std::string name_;
  const mr_plugin* plugin_ = nullptr;
  std::shared_ptr<void> instance_;
};

}  // namespace mockroom::bench::speech
