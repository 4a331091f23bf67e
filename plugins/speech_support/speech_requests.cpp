// Implementation of speech_requests.h.
#include "speech_requests.h"

#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "boundary.h"
#include "wav.h"

namespace mockroom::speech_support {

using nlohmann::json;
using plugin_support::EmptyInput;
using plugin_support::Fields;
using plugin_support::InputError;
using plugin_support::parse_object;
using plugin_support::Presence;

namespace {

int read_rate(Fields& root) {
  return static_cast<int>(
      root.integer("sampleRate", Presence::kRequired, audio::kMinSampleRate, audio::kMaxSampleRate, 16000));
}

}  // namespace

Parsed<SttRequest> parse_stt_request(std::string_view json_text) {
  InputError error;
  json doc = parse_object(json_text, "request", EmptyInput::kRejected, kMaxRequestBytes, error);
  Fields root(doc, "request", error);
  root.reject_unknown({"sampleRate", "language", "vocabulary", "prompt"});
  SttRequest r;
  r.sample_rate = read_rate(root);
  r.language = root.text("language", Presence::kOptional, kMaxLanguageBytes);
  r.vocabulary = root.texts("vocabulary", Presence::kOptional, kMaxVocabularyWords, kMaxWordBytes);
  r.prompt = root.text("prompt", Presence::kOptional, kMaxPromptBytes);
  if (error.failed()) return Parsed<SttRequest>::failure(error.message());
  return {std::move(r), {}};
}

Parsed<TtsRequest> parse_tts_request(std::string_view json_text) {
  InputError error;
  json doc = parse_object(json_text, "request", EmptyInput::kRejected, kMaxRequestBytes, error);
  Fields root(doc, "request", error);
  root.reject_unknown({"text", "sampleRate", "voice", "speed"});
  TtsRequest r;
  r.text = root.text("text", Presence::kRequired, kMaxTextBytes);
  r.sample_rate = read_rate(root);
  r.voice = root.text("voice", Presence::kOptional, kMaxVoiceBytes);
  r.speed = root.number("speed", Presence::kOptional, kMinSpeed, kMaxSpeed, 1.0);
  if (error.failed()) return Parsed<TtsRequest>::failure(error.message());
  return {std::move(r), {}};
}

std::string check_audio(std::string_view bytes, size_t already, int sample_rate) {
  if (bytes.size() % 2 != 0) return "audio must be 16-bit samples (an even number of bytes)";
  double seconds = static_cast<double>(already + bytes.size() / 2) / sample_rate;
  if (seconds > kMaxUtteranceSeconds) {
    return "the utterance is longer than " + std::to_string(static_cast<int>(kMaxUtteranceSeconds)) + " seconds";
  }
  return "";
}

std::string stt_result(const std::string& text, double duration_s, std::optional<double> confidence,
                       const std::string& model) {
  json out = {{"text", text}, {"durationS", std::round(duration_s * 1000) / 1000}};
  if (confidence) out["confidence"] = std::round(*confidence * 1000) / 1000;
  if (!model.empty()) out["model"] = model;
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string stt_partial(const std::string& text) {
  return json{{"partial", text}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string tts_result(int sample_rate, size_t samples, const std::string& voice, const std::string& model) {
  json out = {{"sampleRate", sample_rate}, {"samples", samples}, {"voice", voice}};
  if (!model.empty()) out["model"] = model;
  return out.dump();
}

void AudioOut::emit(const int16_t* samples, size_t count) {
  if (count == 0) return;
  plugin_support::emit_bytes(call_, audio::bytes_of(samples, count));
  samples_ += count;
}

std::vector<std::string> vocabulary_words(std::string_view text, size_t min_letters) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  std::string word;
  auto flush = [&] {
    while (!word.empty() && word.back() == '\'') word.pop_back();
    if (word.size() >= min_letters && seen.insert(word).second) out.push_back(word);
    word.clear();
  };
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      word.push_back(static_cast<char>(std::tolower(u)));
    } else if (c == '\'' && !word.empty()) {
      word.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return out;
}

}  // namespace mockroom::speech_support
