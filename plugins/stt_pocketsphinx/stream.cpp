#include "stream.h"

#include "boundary.h"
#include "wav.h"

namespace mockroom::stt_pocketsphinx {

using plugin_support::fail;
using speech_support::SttRequest;

namespace {

// Words of the question being answered that are worth biasing toward (short ones are
// common enough already).
constexpr size_t kMinPromptWordLetters = 4;

std::vector<std::string> vocabulary_of(const SttRequest& request) {
  std::vector<std::string> words;
  for (const std::string& entry : request.vocabulary) {
    for (std::string& w : speech_support::vocabulary_words(entry, 1)) words.push_back(std::move(w));
  }
  for (std::string& w : speech_support::vocabulary_words(request.prompt, kMinPromptWordLetters)) {
    words.push_back(std::move(w));
  }
  return speech_support::vocabulary_words([&] {
    std::string joined;
    for (const std::string& w : words) joined += w + ' ';
    return joined;
  }(), 1);  // without duplicates
}

}  // namespace

Stream::Stream(DecoderPool& pool, const Config& config, const SttRequest& request, Partials partials)
    : pool_(pool), config_(config), input_rate_(request.sample_rate), partials_(partials),
      vocabulary_(vocabulary_of(request)) {
  if (input_rate_ != kModelSampleRate) resampler_ = std::make_unique<audio::Resampler>(input_rate_, kModelSampleRate);
}

bool Stream::start(Lease lease, std::string& error, Decoder::Piece piece) {
  if (!lease->begin(vocabulary_, error)) {
    lease.broken();
    return false;
  }
  lease_ = std::move(lease);
  if (!lease_->feed(waiting_.data(), waiting_.size(), piece)) {
    lease_.broken();
    lease_ = Lease();
    error = "pocketsphinx failed to decode the audio";
    return false;
  }
  since_partial_ += waiting_.size();
  waiting_.clear();
  waiting_.shrink_to_fit();
  return true;
}

mr_status Stream::fail_decoder(mr_call* call, const std::string& what) {
  finished_ = true;
  return fail(call, MR_ERR_INTERNAL, what);
}

mr_status Stream::feed(std::string_view bytes, mr_call* call) {
  if (finished_) return fail(call, MR_ERR_INVALID_ARGUMENT, "the stream has already finished");
  if (std::string why = speech_support::check_audio(bytes, input_samples_, input_rate_); !why.empty()) {
    return fail(call, MR_ERR_INVALID_ARGUMENT, why);
  }
  std::vector<int16_t> input = audio::samples_of(bytes);
  input_samples_ += input.size();
  std::vector<int16_t> audio16;
  if (resampler_) resampler_->process(input.data(), input.size(), audio16);
  else audio16 = std::move(input);

  if (partials_ == Partials::kNone || !lease_) {  // a whole utterance is decoded at the end
    waiting_.insert(waiting_.end(), audio16.begin(), audio16.end());
    if (partials_ == Partials::kNone) return MR_OK;
    std::string error;
    Lease lease = pool_.try_acquire(error);
    if (!lease) return error.empty() ? MR_OK : fail(call, MR_ERR_UNAVAILABLE, error);
    if (!start(std::move(lease), error, Decoder::Piece::kPart)) return fail_decoder(call, error);
  } else {
    if (!lease_->feed(audio16.data(), audio16.size())) {
      lease_.broken();
      lease_ = Lease();
      return fail_decoder(call, "pocketsphinx failed to decode the audio");
    }
    since_partial_ += audio16.size();
  }
  size_t interval = static_cast<size_t>(config_.partial_interval_ms) * kModelSampleRate / 1000;
  if (partials_ == Partials::kOffered && since_partial_ >= interval) {
    since_partial_ = 0;
    std::string hypothesis = lease_->partial();
    if (hypothesis != last_partial_) {
      last_partial_ = hypothesis;
      plugin_support::write_result(call, speech_support::stt_partial(hypothesis));
    }
  }
  return MR_OK;
}

mr_status Stream::finish(mr_call* call) {
  if (finished_) return fail(call, MR_ERR_INVALID_ARGUMENT, "the stream has already finished");
  if (resampler_) resampler_->finish(waiting_);  // the filter's tail
  std::string error;
  if (!lease_) {
    Lease lease = pool_.acquire(call, error);
    if (!lease) {
      finished_ = true;
      return fail(call, plugin_support::cancelled(call) ? MR_ERR_CANCELLED : MR_ERR_UNAVAILABLE, error);
    }
    // Everything is here now: decoded as a whole (see Decoder::Piece).
    if (!start(std::move(lease), error, Decoder::Piece::kWhole)) return fail_decoder(call, error);
  } else if (!waiting_.empty()) {  // the resampler's tail
    if (!lease_->feed(waiting_.data(), waiting_.size())) {
      lease_.broken();
      return fail_decoder(call, "pocketsphinx failed to decode the audio");
    }
    waiting_.clear();
  }
  finished_ = true;
  auto result = lease_->finish();
  if (!result) {
    lease_.broken();
    return fail(call, MR_ERR_INTERNAL, "pocketsphinx could not end the utterance");
  }
  lease_ = Lease();  // the decoder goes back to the pool now, not when the host closes
  double seconds = static_cast<double>(input_samples_) / input_rate_;
  plugin_support::write_result(call, speech_support::stt_result(result->text, seconds, result->confidence, kModelName));
  return MR_OK;
}

}  // namespace mockroom::stt_pocketsphinx
