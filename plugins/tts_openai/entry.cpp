// tts_openai: text-to-speech on an OpenAI-compatible /v1/audio/speech endpoint (OpenAI, or a
// self-hosted server such as openedai-speech or Kokoro-FastAPI), as a Mockroom TTS plugin.
//
// With responseFormat "pcm" (the default: raw s16le mono, 24 kHz from OpenAI) the audio
// streams: each piece is resampled to the rate the host asked for and handed on as it
// arrives, so the interviewer starts speaking before the server has finished. With "wav"
// the whole file is read first. A failed request is retried only before any audio was
// handed on, and a cancelled call stops the transfer.
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "boundary.h"
#include "json_fields.h"
#include "mockroom/plugin.h"
#include "resampler.h"
#include "service.h"
#include "speech_requests.h"
#include "wav.h"

namespace mockroom::tts_openai {
namespace {

using nlohmann::json;
using plugin_support::fail;
using plugin_support::guarded;
using plugin_support::Parsed;
using plugin_support::view;

constexpr char kPluginName[] = "tts_openai";
constexpr char kPluginVersion[] = "1.0.0";
constexpr char kPluginDescription[] = "Text-to-speech on an OpenAI-compatible /v1/audio/speech API, streamed";
constexpr char kUserAgent[] = "mockroom-tts_openai/1.0";
constexpr uint64_t kInstanceMagic = 0x7474736f70656e61ull;  // "ttsopena"
constexpr size_t kMaxConfigBytes = 8 * 1024;
constexpr int kOpenAiPcmRate = 24000;

enum class Format { kPcm, kWav };

struct Config {
  plugin_http::ServiceConfig service;
  std::string voice = "alloy";
  Format format = Format::kPcm;
  int pcm_sample_rate = kOpenAiPcmRate;  // of the server's "pcm" output
  double speed = 1.0;
};

Parsed<Config> parse_config(std::string_view text) {
  using namespace plugin_support;
  InputError error;
  json doc = parse_object(text, "config", EmptyInput::kRejected, kMaxConfigBytes, error);
  Fields root(doc, "config", error);
  std::vector<std::string_view> known(std::begin(plugin_http::kServiceKeys), std::end(plugin_http::kServiceKeys));
  for (std::string_view k : {"voice", "responseFormat", "pcmSampleRate", "speed"}) known.push_back(k);
  root.reject_unknown(known);
  Config c;
  c.service.model = "tts-1";
  plugin_http::read_service(root, c.service);
  if (root.has("voice")) c.voice = root.text("voice", Presence::kOptional, speech_support::kMaxVoiceBytes);
  std::string format = root.has("responseFormat") ? root.text("responseFormat", Presence::kOptional, 8) : "pcm";
  c.pcm_sample_rate = static_cast<int>(
      root.integer("pcmSampleRate", Presence::kOptional, audio::kMinSampleRate, audio::kMaxSampleRate, c.pcm_sample_rate));
  c.speed = root.number("speed", Presence::kOptional, speech_support::kMinSpeed, speech_support::kMaxSpeed, c.speed);
  if (!error.failed() && format != "pcm" && format != "wav") error.set("config.responseFormat must be \"pcm\" or \"wav\"");
  c.format = format == "wav" ? Format::kWav : Format::kPcm;
  if (!error.failed() && c.voice.empty()) error.set("config.voice must not be empty");
  if (error.failed()) return Parsed<Config>::failure(error.message());
  return {std::move(c), {}};
}

struct Instance {
  explicit Instance(Config c) : config(c), client(std::move(c.service), kUserAgent) {}
  uint64_t magic = kInstanceMagic;
  Config config;
  plugin_http::ServiceClient client;
};
using Tag = plugin_support::Tagged<Instance, kInstanceMagic>;

void* create(mr_bytes config_json, mr_call* call) {
  if (!plugin_support::host_takes_bytes()) {
    plugin_support::fail(call, MR_ERR_UNSUPPORTED, "the host does not take audio (ABI 1.3 emit_bytes)");
    return nullptr;
  }
  return plugin_support::create_owned<Instance, Config, &parse_config>(config_json, call);
}

mr_status synthesize(void* instance, mr_bytes request, mr_call* call) {
  return guarded(call, [&] {
    if (mr_status s = Tag::check_call(instance, request, call); s != MR_OK) return s;
    auto parsed = speech_support::parse_tts_request(view(request));
    if (!parsed.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, parsed.error);
    auto* self = static_cast<Instance*>(instance);
    const Config& config = self->config;
    const int rate = parsed.value->sample_rate;
    std::string voice = parsed.value->voice.empty() ? config.voice : parsed.value->voice;
    json body = {{"model", config.service.model}, {"input", parsed.value->text}, {"voice", voice},
                 {"response_format", config.format == Format::kPcm ? "pcm" : "wav"},
                 {"speed", config.speed * parsed.value->speed}};
    speech_support::AudioOut out(call);
    plugin_http::HttpRequest http;
    http.method = plugin_http::Method::kPost;
    http.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    http.headers.push_back("Accept: */*");
    std::unique_ptr<audio::Resampler> resampler;
    std::string odd_byte;  // a sample split across two pieces
    std::vector<int16_t> converted;
    if (config.format == Format::kPcm) {
      http.on_data = [&](std::string_view piece) {
        if (plugin_support::cancelled(call)) return false;
        if (!resampler) resampler = std::make_unique<audio::Resampler>(config.pcm_sample_rate, rate);
        std::string data = odd_byte + std::string(piece);
        odd_byte = data.size() % 2 ? data.substr(data.size() - 1) : "";
        std::vector<int16_t> samples = audio::samples_of(data);
        converted.clear();
        resampler->process(samples.data(), samples.size(), converted);
        out.emit(converted);
        return true;
      };
    }
    auto result = self->client.send("/audio/speech", std::move(http), call, [&] { return out.samples() == 0; });
    if (!result.ok()) return fail(call, result.status, result.message);
    if (config.format == Format::kPcm) {
      if (!resampler) return fail(call, MR_ERR_UNAVAILABLE, "the server sent no audio");
      converted.clear();
      resampler->finish(converted);
      out.emit(converted);
    } else {
      audio::PcmRead wav = audio::read_wav(result.reply.body);
      if (!wav.ok()) return fail(call, MR_ERR_UNAVAILABLE, "the server's audio is not usable: " + wav.error);
      out.emit(audio::resample(wav.pcm->samples, wav.pcm->sample_rate, rate));
    }
    if (out.samples() == 0) return fail(call, MR_ERR_UNAVAILABLE, "the server sent no audio");
    plugin_support::write_result(call, speech_support::tts_result(rate, out.samples(), voice, config.service.model));
    return MR_OK;
  });
}

constexpr mr_tts_api kCalls = {sizeof(mr_tts_api), &synthesize};

constexpr mr_plugin kDescriptor = {MR_ABI_MAJOR,   MR_ABI_MINOR,       sizeof(mr_plugin), MR_KIND_TTS, kPluginName,
                                   kPluginVersion, kPluginDescription, create,           &Tag::destroy, &kCalls};

}  // namespace
}  // namespace mockroom::tts_openai

extern "C" MR_PLUGIN_EXPORT int mr_plugin_entry(const mr_host_api* host, const mr_plugin** out) {
  return mockroom::plugin_support::accept_host(host, &mockroom::tts_openai::kDescriptor, out);
}
