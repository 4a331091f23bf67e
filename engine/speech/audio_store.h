// AudioStore: the audio of spoken answers, kept as WAV files under
// <dataDir>/audio/<session id>/<audio id>.wav for voice.audioRetentionDays (0: nothing is
// stored). The answer's event names the audio id; the transcript links to it. A sweeper
// thread deletes files past their retention once at start and then hourly. Ids are
// checked before they touch the file system. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "util/result.h"

namespace mockroom::speech {

class AudioStore {
 public:
  AudioStore(std::filesystem::path dir, int retention_days);
  ~AudioStore();
  AudioStore(const AudioStore&) = delete;
  AudioStore& operator=(const AudioStore&) = delete;

  bool enabled() const { return retention_days_ > 0; }
  int retention_days() const { return retention_days_; }

  // Stores `pcm` (s16le mono at `sample_rate`) for `session_id`; returns the new audio id.
  Result<std::string> save(const std::string& session_id, std::string_view pcm, int sample_rate);
  // The WAV file of `audio_id`; not found when unknown or past retention.
  Result<std::string> load(const std::string& session_id, const std::string& audio_id) const;
  // Deletes audio older than the retention; returns how many files went.
  std::size_t sweep(std::chrono::system_clock::time_point now);

  static constexpr auto kSweepEvery = std::chrono::hours(1);

 private:
  std::filesystem::path file(const std::string& session_id, const std::string& audio_id) const;

  const std::filesystem::path dir_;
  const int retention_days_;
  std::mutex mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  std::thread sweeper_;  // last: runs once everything above exists
};

// The link a transcript gives for stored audio.
std::string audio_url(const std::string& session_id, const std::string& audio_id);

}  // namespace mockroom::speech
