// SttStream: one utterance on the active speech-to-text provider, fed as the audio
// arrives. Hides what the provider can do: a provider that streams (stt_pocketsphinx)
// gets each piece at once and offers partial transcripts; one that does not
// (stt_openai) gets the whole utterance when it ends. Either way the stream keeps the
// utterance's audio, so that if the provider fails the fallback provider (the offline
// stt_pocketsphinx) transcribes it instead, and the engine can store it.
//
// Made by Registry::stt_stream(); holds its provider instances, so a provider swapped
// meanwhile finishes its utterance. Not thread-safe: one thread at a time.
#pragma once

#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "plugin/loader.h"
#include "util/result.h"

namespace mockroom::plugin {

class Registry;

class SttStream {
 public:
  SttStream(const Registry& registry, std::shared_ptr<const Instance> provider,
            std::shared_ptr<const Instance> fallback, nlohmann::json request);
  ~SttStream();
  SttStream(const SttStream&) = delete;
  SttStream& operator=(const SttStream&) = delete;

  // Hands over the next piece of PCM (s16le mono at the request's sampleRate). Returns a
  // new partial transcript when the provider offered one. Never fails for a provider
  // error: the stream then goes on buffering, and finish() asks the fallback.
  std::optional<std::string> feed(std::string_view pcm);
  // Ends the utterance: {text, durationS, confidence?, model?, provider, fallback?}.
  Result<nlohmann::json> finish(const std::atomic<bool>* cancelled = nullptr);

  // The utterance's audio so far (PCM bytes).
  const std::string& audio() const { return audio_; }
  const std::string& provider_name() const;

 private:
  void close_native();

  const Registry& registry_;
  std::shared_ptr<const Instance> provider_;
  std::shared_ptr<const Instance> fallback_;
  nlohmann::json request_;
  std::string request_text_;
  void* native_ = nullptr;             // the provider's own stream, while it works
  std::optional<Error> native_error_;  // why the provider's stream stopped
  std::string audio_;
  bool finished_ = false;
};

}  // namespace mockroom::plugin
