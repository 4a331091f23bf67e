// Speech plugins that fail as a networked provider that is down would (test code only):
// "failing_stt" refuses every transcription; "failing_tts" fails, after emitting a little
// audio when its config says {"audioFirst": true}. The engine must fall back to the
// offline engines and the interview must go on.
#include <mockroom/plugin.h>

#include <cstring>
#include <string>

namespace {
const mr_host_api* g_host = nullptr;
int g_plain = 0, g_audio_first = 1;

mr_status down(mr_call* call) {
  const char* msg = "connection refused (test speech provider is down)";
  g_host->set_error(call, msg, std::strlen(msg));
  return MR_ERR_UNAVAILABLE;
}
mr_status transcribe(void*, mr_bytes, mr_bytes, mr_call* call) { return down(call); }
mr_status synthesize(void* instance, mr_bytes, mr_call* call) {
  if (instance == &g_audio_first) {
    static const char samples[320] = {};
    g_host->emit_bytes(call, samples, sizeof samples);
  }
  return down(call);
}
void* create(mr_bytes config, mr_call*) {
  std::string text(config.ptr ? config.ptr : "", config.len);
  return text.find("\"audioFirst\":true") != std::string::npos ? &g_audio_first : &g_plain;
}
void destroy(void*) {}

const mr_stt_api kStt = {sizeof(mr_stt_api), transcribe, nullptr, nullptr, nullptr, nullptr};
const mr_tts_api kTts = {sizeof(mr_tts_api), synthesize};
const mr_plugin kSttPlugin = {MR_ABI_MAJOR, MR_ABI_MINOR, sizeof(mr_plugin), MR_KIND_STT, "failing_stt", "0.0.1",
                              "test STT that is always down", create, destroy, &kStt};
const mr_plugin kTtsPlugin = {MR_ABI_MAJOR, MR_ABI_MINOR, sizeof(mr_plugin), MR_KIND_TTS, "failing_tts", "0.0.1",
                              "test TTS that is always down", create, destroy, &kTts};
}  // namespace

// One library, two plugins: which one is a compile-time choice (FAILING_TTS).
extern "C" MR_PLUGIN_EXPORT int mr_plugin_entry(const mr_host_api* host, const mr_plugin** out) {
  g_host = host;
#ifdef FAILING_TTS
  *out = &kTtsPlugin;
#else
  *out = &kSttPlugin;
#endif
  return 0;
}
