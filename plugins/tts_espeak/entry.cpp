// tts_espeak: offline text-to-speech on Debian's libespeak-ng (over a hundred languages and
// accents), as a Mockroom TTS plugin. espeak-ng speaks at 22050 Hz; the audio is
// resampled to the rate asked for and streams to the host as espeak makes it.
//
// libespeak-ng is one global synthesiser per process (its voice, rate and callback are
// global), so one synthesis runs at a time (a mutex), each with its own voice and rate.
#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "boundary.h"
#include "json_fields.h"
#include "mockroom/plugin.h"
#include "resampler.h"
#include "speech_requests.h"

namespace mockroom::tts_espeak {
namespace {

using plugin_support::fail;
using plugin_support::guarded;
using plugin_support::Parsed;
using plugin_support::view;

constexpr char kPluginName[] = "tts_espeak";
constexpr char kPluginVersion[] = "1.0.0";
constexpr char kPluginDescription[] = "Offline text-to-speech: eSpeak NG, many languages and accents";
constexpr uint64_t kInstanceMagic = 0x7474736573706b31ull;  // "ttsespk1"
constexpr size_t kMaxConfigBytes = 4096;
constexpr size_t kMaxPathBytes = 1024;
constexpr int kBufferMs = 100;  // how much audio espeak hands over per callback
constexpr char kDefaultVoice[] = "en-us";

struct Config {
  std::string voice = kDefaultVoice;
  int words_per_minute = espeakRATE_NORMAL;
  std::string data_path;  // "" = Debian's espeak-ng-data
};

std::mutex& espeak_mutex() {
  static std::mutex m;
  return m;
}

// Everything global in espeak: started once, by the first instance. Returns espeak's sample
// rate, or a negative number when it cannot start. Call with espeak_mutex() held.
int start_espeak(const std::string& data_path);

struct Synthesis {
  mr_call* call;
  speech_support::AudioOut out;
  audio::Resampler resampler;
  std::vector<int16_t> converted;
  bool cancelled = false;
  bool failed = false;
};

int on_audio(short* wav, int count, espeak_EVENT* events) {
  auto* s = events ? static_cast<Synthesis*>(events->user_data) : nullptr;
  if (!s) return 0;
  try {
    if (plugin_support::cancelled(s->call)) {
      s->cancelled = true;
      return 1;  // abort the synthesis
    }
    if (wav && count > 0) {
      s->converted.clear();
      s->resampler.process(wav, static_cast<size_t>(count), s->converted);
      s->out.emit(s->converted);
    }
  } catch (...) {
    s->failed = true;
    return 1;
  }
  return 0;
}

int start_espeak(const std::string& data_path) {
  static int rate = 0;
  if (rate > 0) return rate;
  rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, kBufferMs, data_path.empty() ? nullptr : data_path.c_str(),
                           espeakINITIALIZE_DONT_EXIT);
  if (rate > 0) espeak_SetSynthCallback(&on_audio);
  return rate;
}

Parsed<Config> parse_config(std::string_view text) {
  using namespace plugin_support;
  InputError error;
  nlohmann::json doc = parse_object(text, "config", EmptyInput::kAllowed, kMaxConfigBytes, error);
  Fields root(doc, "config", error);
  root.reject_unknown({"voice", "wordsPerMinute", "dataPath"});
  Config c;
  if (root.has("voice")) c.voice = root.text("voice", Presence::kOptional, speech_support::kMaxVoiceBytes);
  c.words_per_minute = static_cast<int>(root.integer("wordsPerMinute", Presence::kOptional, espeakRATE_MINIMUM,
                                                     espeakRATE_MAXIMUM, c.words_per_minute));
  c.data_path = root.text("dataPath", Presence::kOptional, kMaxPathBytes);
  if (error.failed()) return Parsed<Config>::failure(error.message());
  return {std::move(c), {}};
}

struct Instance {
  uint64_t magic = kInstanceMagic;
  Config config;
  int espeak_rate = 0;
};
using Tag = plugin_support::Tagged<Instance, kInstanceMagic>;

void* create(mr_bytes config_json, mr_call* call) {
  Instance* created = nullptr;
  guarded(call, [&] {
    if (!plugin_support::host_takes_bytes()) {
      return fail(call, MR_ERR_UNSUPPORTED, "the host does not take audio (ABI 1.3 emit_bytes)");
    }
    auto config = parse_config(view(config_json));
    if (!config.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, config.error);
    std::lock_guard lock(espeak_mutex());
    int rate = start_espeak(config.value->data_path);
    if (rate <= 0) return fail(call, MR_ERR_UNAVAILABLE, "eSpeak NG could not start (is espeak-ng-data installed?)");
    if (espeak_SetVoiceByName(config.value->voice.c_str()) != EE_OK) {
      return fail(call, MR_ERR_INVALID_ARGUMENT, "config.voice: eSpeak NG has no voice '" + config.value->voice +
                                                     "' (espeak-ng --voices lists them)");
    }
    created = new Instance{kInstanceMagic, std::move(*config.value), rate};
    return MR_OK;
  });
  return created;
}

mr_status synthesize(void* instance, mr_bytes request, mr_call* call) {
  return guarded(call, [&] {
    if (mr_status s = Tag::check_call(instance, request, call); s != MR_OK) return s;
    auto parsed = speech_support::parse_tts_request(view(request));
    if (!parsed.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, parsed.error);
    const auto* self = static_cast<Instance*>(instance);
    std::string voice = parsed.value->voice.empty() ? self->config.voice : parsed.value->voice;
    int wpm = std::clamp(static_cast<int>(std::lround(self->config.words_per_minute * parsed.value->speed)),
                         espeakRATE_MINIMUM, espeakRATE_MAXIMUM);
    Synthesis synthesis{call, speech_support::AudioOut(call),
                        audio::Resampler(self->espeak_rate, parsed.value->sample_rate)};
    {
      std::lock_guard lock(espeak_mutex());
      if (espeak_SetVoiceByName(voice.c_str()) != EE_OK) {
        return fail(call, MR_ERR_INVALID_ARGUMENT, "eSpeak NG has no voice '" + voice + "'");
      }
      espeak_SetParameter(espeakRATE, wpm, 0);
      const std::string& text = parsed.value->text;
      espeak_ERROR result = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                                         nullptr, &synthesis);
      if (result != EE_OK && !synthesis.cancelled) return fail(call, MR_ERR_INTERNAL, "eSpeak NG failed to speak");
    }
    if (synthesis.cancelled) return fail(call, MR_ERR_CANCELLED, "cancelled by the host");
    if (synthesis.failed) return fail(call, MR_ERR_INTERNAL, "the audio could not be converted");
    synthesis.converted.clear();
    synthesis.resampler.finish(synthesis.converted);
    synthesis.out.emit(synthesis.converted);
    plugin_support::write_result(call, speech_support::tts_result(parsed.value->sample_rate, synthesis.out.samples(),
                                                                  voice, "espeak-ng"));
    return MR_OK;
  });
}

constexpr mr_tts_api kCalls = {sizeof(mr_tts_api), &synthesize};

constexpr mr_plugin kDescriptor = {MR_ABI_MAJOR,   MR_ABI_MINOR,       sizeof(mr_plugin), MR_KIND_TTS, kPluginName,
                                   kPluginVersion, kPluginDescription, create,           &Tag::destroy, &kCalls};

}  // namespace
}  // namespace mockroom::tts_espeak

extern "C" MR_PLUGIN_EXPORT int mr_plugin_entry(const mr_host_api* host, const mr_plugin** out) {
  return mockroom::plugin_support::accept_host(host, &mockroom::tts_espeak::kDescriptor, out);
}
