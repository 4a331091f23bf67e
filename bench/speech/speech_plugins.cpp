#include "speech_plugins.h"

#include <time.h>

#include <chrono>
#include <cstdio>

namespace mockroom::bench::speech {

using nlohmann::json;
using mockroom::testing::FakeCall;

namespace {

double thread_cpu_s() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// The host table of the test host, with emit_bytes noting when the first audio came.
thread_local double g_first_audio = -1;
void emit_bytes_noting(mr_call* call, const char* data, size_t len) {
  if (g_first_audio < 0) g_first_audio = now_s();
  FakeCall& c = FakeCall::of(call);
  c.bytes.append(data, len);
  ++c.byte_writes;
}
const mr_host_api* bench_host() {
  static const mr_host_api table = [] {
    mr_host_api t = *mockroom::testing::shared_host().table();
    t.emit_bytes = &emit_bytes_noting;
    return t;
  }();
  return &table;
}

}  // namespace

std::optional<SpeechPlugin> SpeechPlugin::open(const std::string& dir, const std::string& name, const json& config) {
  std::string error;
  mr_plugin_entry_fn entry = mockroom::testing::load_entry(dir + "/" + name + ".so", error);
  const mr_plugin* plugin = nullptr;
  if (!entry || entry(bench_host(), &plugin) != MR_OK || !plugin) {
    std::fprintf(stderr, "cannot load %s: %s\n", name.c_str(), error.c_str());
    return std::nullopt;
  }
  FakeCall call;
  std::string text = config.dump();
  void* instance = plugin->create(mockroom::testing::bytes(text), call.handle());
  if (!instance) {
    std::fprintf(stderr, "%s refused its config: %s\n", name.c_str(), call.error.c_str());
    return std::nullopt;
  }
  SpeechPlugin p;
  p.name_ = name;
  p.plugin_ = plugin;
  p.instance_ = std::shared_ptr<void>(instance, [plugin](void* i) { plugin->destroy(i); });
  return p;
}

std::optional<json> SpeechPlugin::transcribe(const std::string& pcm, const json& request, Timing& timing) const {
  const auto& api = *static_cast<const mr_stt_api*>(plugin_->calls);
  FakeCall call;
  std::string text = request.dump();
  double wall = now_s(), cpu = thread_cpu_s();
  mr_status s = api.transcribe(instance_.get(), mockroom::testing::bytes(text), mockroom::testing::bytes(pcm), call.handle());
  timing.wall_s += now_s() - wall;
  timing.cpu_s += thread_cpu_s() - cpu;
  if (s != MR_OK) {
    std::fprintf(stderr, "%s: %s\n", name_.c_str(), call.error.c_str());
    return std::nullopt;
  }
  return json::parse(call.result);
}

std::optional<std::string> SpeechPlugin::synthesize(const std::string& text, Timing& timing) const {
  const auto& api = *static_cast<const mr_tts_api*>(plugin_->calls);
  FakeCall call;
  std::string request = json{{"text", text}, {"sampleRate", 16000}}.dump();
  g_first_audio = -1;
  double wall = now_s(), cpu = thread_cpu_s();
  mr_status s = api.synthesize(instance_.get(), mockroom::testing::bytes(request), call.handle());
  timing.wall_s += now_s() - wall;
  timing.cpu_s += thread_cpu_s() - cpu;
  timing.first_audio_s = g_first_audio < 0 ? -1 : g_first_audio - wall;
  if (s != MR_OK) {
    std::fprintf(stderr, "%s: %s\n", name_.c_str(), call.error.c_str());
    return std::nullopt;
  }
  return call.bytes;
}

}  // namespace mockroom::bench::speech
