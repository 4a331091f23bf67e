// stt_openai: speech-to-text on a Whisper-compatible /v1/audio/transcriptions endpoint
// (OpenAI, or a self-hosted server such as faster-whisper-server or whisper.cpp's server),
// as a Mockroom STT plugin. It does not stream: the engine sends the whole utterance when
// the candidate stops speaking. The question being answered and its vocabulary go to
// Whisper as the "prompt", which biases recognition toward those words.
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "boundary.h"
#include "json_fields.h"
#include "mockroom/plugin.h"
#include "service.h"
#include "speech_requests.h"
#include "wav.h"

namespace mockroom::stt_openai {
namespace {

using nlohmann::json;
using plugin_support::fail;
using plugin_support::guarded;
using plugin_support::Parsed;
using plugin_support::view;

constexpr char kPluginName[] = "stt_openai";
constexpr char kPluginVersion[] = "1.0.0";
constexpr char kPluginDescription[] =
    "Speech-to-text on a Whisper-compatible /v1/audio/transcriptions API (OpenAI or self-hosted)";
constexpr char kUserAgent[] = "mockroom-stt_openai/1.0";
constexpr uint64_t kInstanceMagic = 0x7374746f70656e61ull;  // "sttopena"
constexpr size_t kMaxConfigBytes = 8 * 1024;
// Whisper reads at most 224 tokens of prompt; this many characters stays below that.
constexpr size_t kMaxWhisperPromptChars = 800;
constexpr size_t kMaxTranscriptChars = 64 * 1024;

struct Config {
  plugin_http::ServiceConfig service;
  std::string language;  // ISO-639-1, "" = let the server detect it
};

Parsed<Config> parse_config(std::string_view text) {
  using namespace plugin_support;
  InputError error;
  json doc = parse_object(text, "config", EmptyInput::kRejected, kMaxConfigBytes, error);
  Fields root(doc, "config", error);
  std::vector<std::string_view> known(std::begin(plugin_http::kServiceKeys), std::end(plugin_http::kServiceKeys));
  known.push_back("language");
  root.reject_unknown(known);
  Config c;
  c.service.model = "whisper-1";
  plugin_http::read_service(root, c.service);
  c.language = root.text("language", Presence::kOptional, speech_support::kMaxLanguageBytes);
  if (error.failed()) return Parsed<Config>::failure(error.message());
  return {std::move(c), {}};
}

struct Instance {
  explicit Instance(Config c) : config(c), client(std::move(c.service), kUserAgent) {}
  uint64_t magic = kInstanceMagic;
  Config config;
  plugin_http::ServiceClient client;
};
constexpr auto create = &plugin_support::create_owned<Instance, Config, &parse_config>;
using Tag = plugin_support::Tagged<Instance, kInstanceMagic>;

// Whisper's prompt: the words the candidate is likely to use, then the question.
std::string whisper_prompt(const speech_support::SttRequest& r) {
  std::string prompt;
  for (const std::string& w : r.vocabulary) prompt += (prompt.empty() ? "" : ", ") + w;
  if (!prompt.empty()) prompt += ". ";
  prompt += r.prompt;
  if (prompt.size() > kMaxWhisperPromptChars) prompt.resize(kMaxWhisperPromptChars);
  return prompt;
}

// A multipart/form-data body: the text fields, then the audio as "file".
std::string multipart(const std::string& boundary, const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::string& wav) {
  std::string body;
  for (const auto& [name, value] : fields) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"answer.wav\"\r\n" +
          "Content-Type: audio/wav\r\n\r\n";
  body += wav;
  body += "\r\n--" + boundary + "--\r\n";
  return body;
}

mr_status transcribe(void* instance, mr_bytes request, mr_bytes audio_bytes, mr_call* call) {
  return guarded(call, [&] {
    if (mr_status s = Tag::check_call(instance, request, call); s != MR_OK) return s;
    auto parsed = speech_support::parse_stt_request(view(request));
    if (!parsed.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, parsed.error);
    std::string_view pcm = view(audio_bytes);
    if (std::string why = speech_support::check_audio(pcm, 0, parsed.value->sample_rate); !why.empty()) {
      return fail(call, MR_ERR_INVALID_ARGUMENT, why);
    }
    auto* self = static_cast<Instance*>(instance);
    const double seconds = static_cast<double>(pcm.size() / 2) / parsed.value->sample_rate;
    std::vector<int16_t> samples = audio::samples_of(pcm);
    std::vector<std::pair<std::string, std::string>> fields = {
        {"model", self->config.service.model}, {"response_format", "json"}, {"temperature", "0"}};
    std::string language = parsed.value->language.empty() ? self->config.language : parsed.value->language;
    if (!language.empty()) fields.emplace_back("language", language);
    if (std::string prompt = whisper_prompt(*parsed.value); !prompt.empty()) fields.emplace_back("prompt", prompt);
    const std::string boundary = "mockroom-" + std::to_string(reinterpret_cast<uintptr_t>(call)) + "-boundary";
    plugin_http::HttpRequest http;
    http.method = plugin_http::Method::kPost;
    http.body = multipart(boundary, fields, audio::write_wav(samples.data(), samples.size(), parsed.value->sample_rate));
    http.content_type = "multipart/form-data; boundary=" + boundary;
    auto out = self->client.send("/audio/transcriptions", std::move(http), call);
    if (!out.ok()) return fail(call, out.status, out.message);
    json doc = json::parse(out.reply.body, nullptr, false);
    if (!doc.is_object() || !doc.contains("text") || !doc["text"].is_string()) {
      return fail(call, MR_ERR_UNAVAILABLE, "the server's reply has no \"text\"");
    }
    std::string text = doc["text"].get<std::string>();
    if (text.size() > kMaxTranscriptChars) return fail(call, MR_ERR_UNAVAILABLE, "the transcript is implausibly long");
    size_t b = text.find_first_not_of(" \t\r\n");
    text = b == std::string::npos ? "" : text.substr(b, text.find_last_not_of(" \t\r\n") - b + 1);
    plugin_support::write_result(call, speech_support::stt_result(text, seconds, std::nullopt, self->config.service.model));
    return MR_OK;
  });
}

constexpr mr_stt_api kCalls = {sizeof(mr_stt_api), &transcribe, nullptr, nullptr, nullptr, nullptr};

constexpr mr_plugin kDescriptor = {MR_ABI_MAJOR,   MR_ABI_MINOR,       sizeof(mr_plugin), MR_KIND_STT, kPluginName,
                                   kPluginVersion, kPluginDescription, create,           &Tag::destroy, &kCalls};

}  // namespace
}  // namespace mockroom::stt_openai

extern "C" MR_PLUGIN_EXPORT int mr_plugin_entry(const mr_host_api* host, const mr_plugin** out) {
  return mockroom::plugin_support::accept_host(host, &mockroom::stt_openai::kDescriptor, out);
}
