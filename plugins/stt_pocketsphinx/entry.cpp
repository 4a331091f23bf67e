// stt_pocketsphinx: offline speech-to-text on Debian's pocketsphinx and its US English
// model, as a Mockroom STT plugin. Streams partial hypotheses, and biases recognition
// toward the words of the question being answered (see decoder.h).
//
// This file is the C face of the plugin: the descriptor, instances (a config and a pool
// of decoders, so any number of threads may call one instance at once) and the calls.
#include <cstdint>
#include <memory>
#include <string>

#include "boundary.h"
#include "config.h"
#include "decoder_pool.h"
#include "mockroom/plugin.h"
#include "speech_requests.h"
#include "stream.h"

namespace mockroom::stt_pocketsphinx {
namespace {

using plugin_support::fail;
using plugin_support::guarded;
using plugin_support::view;

constexpr char kPluginName[] = "stt_pocketsphinx";
constexpr char kPluginVersion[] = "1.0.0";
constexpr char kPluginDescription[] =
    "Offline speech-to-text: pocketsphinx with the US English model, streaming partials, biased toward the "
    "question's words";
constexpr uint64_t kInstanceMagic = 0x7374747073706878ull;  // "sttpsphx"
constexpr uint64_t kStreamMagic = 0x7073747265616d31ull;    // "pstream1"

struct Instance {
  explicit Instance(Config c) : config(std::move(c)), pool(config) {}
  uint64_t magic = kInstanceMagic;
  Config config;
  DecoderPool pool;
};

struct StreamHandle {
  StreamHandle(Instance& instance, const speech_support::SttRequest& request)
      : stream(instance.pool, instance.config, request, Partials::kOffered) {}
  uint64_t magic = kStreamMagic;
  Stream stream;
};

using Tag = plugin_support::Tagged<Instance, kInstanceMagic>;
using StreamTag = plugin_support::Tagged<StreamHandle, kStreamMagic>;

void* create(mr_bytes config_json, mr_call* call) {
  Instance* created = nullptr;
  guarded(call, [&] {
    auto config = parse_config(view(config_json));
    if (!config.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, config.error);
    auto instance = std::make_unique<Instance>(std::move(*config.value));
    std::string error;
    if (!instance->pool.warm(error)) return fail(call, MR_ERR_UNAVAILABLE, error);
    created = instance.release();
    return MR_OK;
  });
  return created;
}

mr_status transcribe(void* instance, mr_bytes request, mr_bytes audio, mr_call* call) {
  return guarded(call, [&] {
    if (mr_status s = Tag::check_call(instance, request, call); s != MR_OK) return s;
    if (!audio.ptr && audio.len != 0) return fail(call, MR_ERR_INVALID_ARGUMENT, "audio has a length but no data");
    auto parsed = speech_support::parse_stt_request(view(request));
    if (!parsed.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, parsed.error);
    auto* self = static_cast<Instance*>(instance);
    // A whole utterance is one stream fed once: its only result is the final one.
    Stream stream(self->pool, self->config, *parsed.value, Partials::kNone);
    if (mr_status s = stream.feed(view(audio), call); s != MR_OK) return s;
    return stream.finish(call);
  });
}

void* stream_open(void* instance, mr_bytes request, mr_call* call) {
  StreamHandle* opened = nullptr;
  guarded(call, [&] {
    if (mr_status s = Tag::check_call(instance, request, call); s != MR_OK) return s;
    auto parsed = speech_support::parse_stt_request(view(request));
    if (!parsed.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, parsed.error);
    opened = new StreamHandle(*static_cast<Instance*>(instance), *parsed.value);
    return MR_OK;
  });
  return opened;
}

mr_status stream_feed(void* stream, mr_bytes audio, mr_call* call) {
  return guarded(call, [&] {
    if (mr_status s = StreamTag::check_call(stream, audio, call); s != MR_OK) return s;
    return static_cast<StreamHandle*>(stream)->stream.feed(view(audio), call);
  });
}

mr_status stream_finish(void* stream, mr_call* call) {
  return guarded(call, [&] {
    if (mr_status s = StreamTag::check_call(stream, mr_bytes{nullptr, 0}, call); s != MR_OK) return s;
    return static_cast<StreamHandle*>(stream)->stream.finish(call);
  });
}

void stream_close(void* stream) { StreamTag::destroy(stream); }

constexpr mr_stt_api kCalls = {sizeof(mr_stt_api), &transcribe, &stream_open, &stream_feed, &stream_finish,
                               &stream_close};

constexpr mr_plugin kDescriptor = {MR_ABI_MAJOR,   MR_ABI_MINOR,       sizeof(mr_plugin), MR_KIND_STT, kPluginName,
                                   kPluginVersion, kPluginDescription, create,           &Tag::destroy, &kCalls};

}  // namespace
}  // namespace mockroom::stt_pocketsphinx

extern "C" MR_PLUGIN_EXPORT int mr_plugin_entry(const mr_host_api* host, const mr_plugin** out) {
  return mockroom::plugin_support::accept_host(host, &mockroom::stt_pocketsphinx::kDescriptor, out);
}
