// One utterance being recognised: the audio arrives in pieces (resampled to 16 kHz when
// the request names another rate) and goes to a decoder borrowed from the pool. While
// every decoder is busy the audio waits here, and is decoded as soon as one is free (at
// the latest when the utterance ends, then as a whole). Partial hypotheses are offered
// every partialIntervalMs of audio. Without partials (a whole utterance given to
// transcribe) nothing is decoded before the end. Used by one thread at a time (plugin.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "decoder_pool.h"
#include "mockroom/plugin.h"
#include "resampler.h"
#include "speech_requests.h"

namespace mockroom::stt_pocketsphinx {

inline constexpr char kModelName[] = "pocketsphinx-en-us";

// Whether feed() offers partial hypotheses (a stream) or stays silent (a whole utterance
// given to transcribe, whose one result is the final one).
enum class Partials { kOffered, kNone };

class Stream {
 public:
  Stream(DecoderPool& pool, const Config& config, const speech_support::SttRequest& request, Partials partials);

  // mr_stt_api.stream_feed: decodes `bytes`; writes {"partial"} when the hypothesis changed.
  mr_status feed(std::string_view bytes, mr_call* call);
  // mr_stt_api.stream_finish: the final transcript.
  mr_status finish(mr_call* call);

 private:
  // Starts decoding on `lease` with the audio that waited. False with `error` on failure.
  bool start(Lease lease, std::string& error, Decoder::Piece piece);
  mr_status fail_decoder(mr_call* call, const std::string& what);

  DecoderPool& pool_;
  const Config& config_;
  const int input_rate_;
  const Partials partials_;
  std::vector<std::string> vocabulary_;
  std::unique_ptr<audio::Resampler> resampler_;
  Lease lease_;
  std::vector<int16_t> waiting_;   // 16 kHz audio not yet decoded (no decoder yet)
  size_t input_samples_ = 0;       // at the request's rate
  size_t since_partial_ = 0;       // 16 kHz samples decoded since the last partial check
  std::string last_partial_;
  bool finished_ = false;
};

}  // namespace mockroom::stt_pocketsphinx
