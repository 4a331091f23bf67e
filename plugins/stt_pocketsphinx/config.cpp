#include "config.h"

#include <filesystem>

namespace mockroom::stt_pocketsphinx {

using plugin_support::EmptyInput;
using plugin_support::Fields;
using plugin_support::InputError;
using plugin_support::parse_object;
using plugin_support::Presence;

namespace {

void read_path(Fields& root, const char* key, std::string& path) {
  if (root.has(key)) path = root.text(key, Presence::kOptional, kMaxPathBytes);
}

void check_exists(InputError& error, const char* key, const std::string& path) {
  std::error_code ec;
  if (!error.failed() && !std::filesystem::exists(path, ec)) {
    error.set("config." + std::string(key) + ": " + path +
              " does not exist (install the pocketsphinx-en-us package)");
  }
}

}  // namespace

Parsed<Config> parse_config(std::string_view json_text) {
  InputError error;
  nlohmann::json doc = parse_object(json_text, "config", EmptyInput::kAllowed, kMaxConfigBytes, error);
  Fields root(doc, "config", error);
  root.reject_unknown({"modelDir", "dictionary", "languageModel", "maxDecoders", "warmDecoders", "vocabularyWeight",
                       "partialIntervalMs", "decoderWaitSeconds", "phoneLookahead"});
  Config c;
  read_path(root, "modelDir", c.model_dir);
  read_path(root, "dictionary", c.dictionary);
  read_path(root, "languageModel", c.language_model);
  c.max_decoders = static_cast<int>(root.integer("maxDecoders", Presence::kOptional, 1, kMaxDecoders, c.max_decoders));
  c.warm_decoders =
      static_cast<int>(root.integer("warmDecoders", Presence::kOptional, 0, kMaxDecoders, c.warm_decoders));
  c.vocabulary_weight =
      root.number("vocabularyWeight", Presence::kOptional, 0.0, kMaxVocabularyWeight, c.vocabulary_weight);
  c.partial_interval_ms =
      static_cast<int>(root.integer("partialIntervalMs", Presence::kOptional, 50, 5000, c.partial_interval_ms));
  c.decoder_wait_seconds = static_cast<int>(
      root.integer("decoderWaitSeconds", Presence::kOptional, 1, kMaxDecoderWaitSeconds, c.decoder_wait_seconds));
  c.phone_lookahead =
      static_cast<int>(root.integer("phoneLookahead", Presence::kOptional, 0, kMaxPhoneLookahead, c.phone_lookahead));
  if (!error.failed() && c.warm_decoders > c.max_decoders) error.set("config.warmDecoders must not exceed maxDecoders");
  check_exists(error, "modelDir", c.model_dir);
  check_exists(error, "dictionary", c.dictionary);
  check_exists(error, "languageModel", c.language_model);
  if (error.failed()) return Parsed<Config>::failure(error.message());
  return {std::move(c), {}};
}

}  // namespace mockroom::stt_pocketsphinx
