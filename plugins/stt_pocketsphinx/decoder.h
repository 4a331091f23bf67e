// One pocketsphinx decoder (acoustic model, dictionary and language model loaded: ~1 s and
// tens of MB), decoding one utterance at a time. Owned by one thread at a time: the
// DecoderPool lends it out whole.
//
// Vocabulary bias: begin() with a vocabulary interpolates the en-us language model with a
// unigram model of those words (sphinxbase's ngram_model_set, weight vocabularyWeight), so
// words of the question being answered ("idempotent", "Kubernetes") win over similar
// sounding common ones. Building it costs a few hundred ms, so the last one is kept and
// reused while the vocabulary stays the same (every answer to one question).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config.h"

struct ps_decoder_s;
struct cmd_ln_s;

namespace mockroom::stt_pocketsphinx {

class Decoder {
 public:
  // Loads the model; null with `error` set when pocketsphinx refuses.
  static std::unique_ptr<Decoder> create(const Config& config, std::string& error);
  ~Decoder();
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  // Starts an utterance biased toward `vocabulary` (none: the plain language model). Words
  // missing from the dictionary are skipped. False with `error` when pocketsphinx fails.
  bool begin(const std::vector<std::string>& vocabulary, std::string& error);
  // Decodes more 16 kHz audio of the utterance. False when pocketsphinx fails. kWhole: this
  // is all of it, so cepstral mean normalisation uses the whole utterance (more accurate
  // than the live estimate a stream must use, most of all on a decoder's first utterance).
  enum class Piece { kPart, kWhole };
  bool feed(const int16_t* samples, size_t count, Piece piece = Piece::kPart);
  // The best hypothesis so far.
  std::string partial();
  struct Final {
    std::string text;
    double confidence = 0;  // the words' mean posterior probability, 0..1
  };
  // Ends the utterance. nullopt when pocketsphinx fails.
  std::optional<Final> finish();
  // Ends an utterance whose result nobody wants (the stream was abandoned).
  void abandon();
  // The vocabulary words (normalised) the current utterance is biased toward.
  const std::vector<std::string>& bias_words() const { return bias_words_; }

 private:
  Decoder(const Config& config, cmd_ln_s* cmdline, ps_decoder_s* ps);
  bool use_vocabulary(const std::vector<std::string>& words, std::string& error);
  bool known(const std::string& word);

  const Config& config_;
  cmd_ln_s* cmdline_;
  ps_decoder_s* ps_;
  bool in_utterance_ = false;
  std::string bias_key_;  // the words of the "biased" search, joined; "" = none built
  std::vector<std::string> bias_words_;
};

}  // namespace mockroom::stt_pocketsphinx
