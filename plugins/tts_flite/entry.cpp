// tts_flite: offline text-to-speech on Debian's flite with the CMU Arctic "slt" voice (or
// rms, awb, kal16), as a Mockroom TTS plugin. Audio streams to the host as flite makes
// it; a cancelled call stops between chunks.
//
// flite keeps process-wide state in its voices and lexicon, so one synthesis runs at a
// time per process (a mutex); each takes a few percent of the audio's duration.
#include <flite/flite.h>

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
#include "voices.h"

namespace mockroom::tts_flite {
namespace {

using plugin_support::fail;
using plugin_support::guarded;
using plugin_support::Parsed;
using plugin_support::view;

constexpr char kPluginName[] = "tts_flite";
constexpr char kPluginVersion[] = "1.0.0";
constexpr char kPluginDescription[] = "Offline text-to-speech: flite with the CMU slt voice (or rms, awb, kal16)";
constexpr uint64_t kInstanceMagic = 0x747473666c697465ull;  // "ttsflite"
constexpr size_t kMaxConfigBytes = 4096;

struct Config {
  std::string voice{kDefaultVoice};
  double speed = 1.0;
};

std::string voice_list() {
  std::string out;
  for (auto v : kVoiceNames) out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

Parsed<Config> parse_config(std::string_view text) {
  using namespace plugin_support;
  InputError error;
  nlohmann::json doc = parse_object(text, "config", EmptyInput::kAllowed, kMaxConfigBytes, error);
  Fields root(doc, "config", error);
  root.reject_unknown({"voice", "speed"});
  Config c;
  if (root.has("voice")) c.voice = root.text("voice", Presence::kOptional, speech_support::kMaxVoiceBytes);
  c.speed = root.number("speed", Presence::kOptional, speech_support::kMinSpeed, speech_support::kMaxSpeed, c.speed);
  if (!error.failed() && !voice(c.voice)) error.set("config.voice must be one of " + voice_list());
  if (error.failed()) return Parsed<Config>::failure(error.message());
  return {std::move(c), {}};
}

struct Instance {
  uint64_t magic = kInstanceMagic;
  Config config;
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
    created = new Instance{kInstanceMagic, std::move(*config.value)};
    return MR_OK;
  });
  return created;
}

// What the streaming callback needs: where audio goes, and whether to stop.
struct Synthesis {
  mr_call* call;
  speech_support::AudioOut out;
  std::unique_ptr<audio::Resampler> resampler;  // null when flite's rate is the one asked for
  int output_rate;
  bool cancelled = false;
  std::vector<int16_t> converted;
};

int on_audio(const cst_wave* w, int start, int size, int last, cst_audio_streaming_info* info) {
  auto* s = static_cast<Synthesis*>(info->userdata);
  try {
    if (plugin_support::cancelled(s->call)) {
      s->cancelled = true;
      return CST_AUDIO_STREAM_STOP;
    }
    const int16_t* samples = w->samples + start;
    if (!s->resampler && w->sample_rate != s->output_rate) {
      s->resampler = std::make_unique<audio::Resampler>(w->sample_rate, s->output_rate);
    }
    if (s->resampler) {
      s->converted.clear();
      s->resampler->process(samples, static_cast<size_t>(size), s->converted);
      if (last) s->resampler->finish(s->converted);
      s->out.emit(s->converted);
    } else {
      s->out.emit(samples, static_cast<size_t>(size));
    }
  } catch (...) {
    s->cancelled = true;
    return CST_AUDIO_STREAM_STOP;
  }
  return CST_AUDIO_STREAM_CONT;
}

// Control characters (other than line breaks) make flite read out junk; spaces instead.
std::string speakable(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n') || u == 0x7F) c = ' ';
  }
  return out;
}

mr_status synthesize(void* instance, mr_bytes request, mr_call* call) {
  return guarded(call, [&] {
    if (mr_status s = Tag::check_call(instance, request, call); s != MR_OK) return s;
    auto parsed = speech_support::parse_tts_request(view(request));
    if (!parsed.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, parsed.error);
    const Config& config = static_cast<Instance*>(instance)->config;
    std::string voice_name = parsed.value->voice.empty() ? config.voice : parsed.value->voice;
    cst_voice* v = voice(voice_name);
    if (!v) return fail(call, MR_ERR_INVALID_ARGUMENT, "no voice '" + voice_name + "'; use one of " + voice_list());
    double speed = config.speed * parsed.value->speed;
    Synthesis synthesis{call, speech_support::AudioOut(call), nullptr, parsed.value->sample_rate};
    std::string text = speakable(parsed.value->text);
    {
      static std::mutex flite_mutex;
      std::lock_guard lock(flite_mutex);
      cst_utterance* utt = new_utterance();
      utt_set_input_text(utt, text.c_str());
      utt_init(utt, v);
      cst_audio_streaming_info* info = new_audio_streaming_info();  // owned by utt's features
      info->asc = &on_audio;
      info->userdata = &synthesis;
      feat_set(utt->features, "streaming_info", audio_streaming_info_val(info));
      feat_set_float(utt->features, "duration_stretch", static_cast<float>(1.0 / speed));
      utt_synth(utt);
      delete_utterance(utt);
    }
    if (synthesis.cancelled) return fail(call, MR_ERR_CANCELLED, "cancelled by the host");
    plugin_support::write_result(call, speech_support::tts_result(parsed.value->sample_rate,
                                                                  synthesis.out.samples(), voice_name, "flite-" + voice_name));
    return MR_OK;
  });
}

constexpr mr_tts_api kCalls = {sizeof(mr_tts_api), &synthesize};

constexpr mr_plugin kDescriptor = {MR_ABI_MAJOR,   MR_ABI_MINOR,       sizeof(mr_plugin), MR_KIND_TTS, kPluginName,
                                   kPluginVersion, kPluginDescription, create,           &Tag::destroy, &kCalls};

}  // namespace
}  // namespace mockroom::tts_flite

extern "C" MR_PLUGIN_EXPORT int mr_plugin_entry(const mr_host_api* host, const mr_plugin** out) {
  return mockroom::plugin_support::accept_host(host, &mockroom::tts_flite::kDescriptor, out);
}
