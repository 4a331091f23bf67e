// stt_pocketsphinx's instance configuration, parsed and validated: where Debian's
// pocketsphinx-en-us model lives, how many decoders may run at once, and how strongly a
// request's vocabulary bends the language model. Every limit is a named constant.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "json_fields.h"

namespace mockroom::stt_pocketsphinx {

using plugin_support::Parsed;

inline constexpr size_t kMaxConfigBytes = 8 * 1024;
inline constexpr size_t kMaxPathBytes = 1024;
inline constexpr char kDefaultModelDir[] = "/usr/share/pocketsphinx/model/en-us/en-us";
inline constexpr char kDefaultDictionary[] = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict";
inline constexpr char kDefaultLanguageModel[] = "/usr/share/pocketsphinx/model/en-us/en-us.lm.bin";
inline constexpr int kDefaultMaxDecoders = 2;
inline constexpr int kMaxDecoders = 32;
inline constexpr int kDefaultWarmDecoders = 1;
inline constexpr double kDefaultVocabularyWeight = 0.1;
inline constexpr double kMaxVocabularyWeight = 0.5;
inline constexpr int kDefaultPartialIntervalMs = 300;
inline constexpr int kDefaultDecoderWaitSeconds = 30;
inline constexpr int kMaxDecoderWaitSeconds = 600;
inline constexpr int kDefaultPhoneLookahead = 5;  // pocketsphinx's own default
inline constexpr int kMaxPhoneLookahead = 20;
// The decoder works at this rate (the model's); other rates are resampled to it.
inline constexpr int kModelSampleRate = 16000;

// {"modelDir", "dictionary", "languageModel", "maxDecoders": 1..32, "warmDecoders": 0..max,
//  "vocabularyWeight": 0..0.5 (0: no bias), "partialIntervalMs": 50..5000,
//  "decoderWaitSeconds": 1..600, "phoneLookahead": 0..20}
struct Config {
  std::string model_dir = kDefaultModelDir;
  std::string dictionary = kDefaultDictionary;
  std::string language_model = kDefaultLanguageModel;
  int max_decoders = kDefaultMaxDecoders;
  int warm_decoders = kDefaultWarmDecoders;
  double vocabulary_weight = kDefaultVocabularyWeight;
  int partial_interval_ms = kDefaultPartialIntervalMs;
  int decoder_wait_seconds = kDefaultDecoderWaitSeconds;
  int phone_lookahead = kDefaultPhoneLookahead;  // pocketsphinx -pl_window; 0 = off
};

Parsed<Config> parse_config(std::string_view json_text);

}  // namespace mockroom::stt_pocketsphinx
