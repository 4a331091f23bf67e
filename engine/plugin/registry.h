// Registry: the plugins this engine found and the active provider of each kind.
// Libraries are discovered once at start-up; the active instance of a kind can be swapped
// while sessions run: callers hold a shared_ptr to the instance for the length of a call,
// so a turn in flight finishes on the provider it started with. Thread-safe.
//
// A kind may also have a fallback provider (the offline llm_rules for LLMs): when the active
// provider fails a call, the same call goes to the fallback, its result says so
// ("fallback": {from, error}), and the failure and fallback are counted per plugin.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "plugin/call_stats.h"
#include "plugin/loader.h"
#include "plugin/stt_stream.h"
#include "util/call_pool.h"

namespace mockroom::plugin {

struct PluginInfo {
  std::string name;
  std::string kind;
  std::string version;
  std::string description;
  std::string path;
  bool active = false;
  bool fallback = false;       // the fallback provider of its kind
  uint64_t calls = 0;          // calls made to it as the active provider
  uint64_t failures = 0;       // of those, how many failed
  uint64_t fallbacks = 0;      // failures the fallback answered instead
  RecentCalls recent;          // the last few minutes: error rate, latency (call_stats.h)
  std::string health;          // health_of(): inactive, idle, ok, degraded, failing
};

// The longest model name a plugin may report.
inline constexpr std::size_t kMaxModelNameBytes = 200;

// What the active LLM instance says of itself (mr_llm_api.describe).
struct LlmProfile {
  std::string model;       // recorded as model_version: "gpt-4o-mini", or "llm_rules@1.0.0"
  bool knowledge = false;  // reads the retrieved knowledge, so retrieval is worth doing
  bool prompts = false;    // honours per-format prompt overrides
};

class Registry {
 public:
  // Loads every *.so in `dir`. A library that fails the ABI checks is skipped with an
  // error log line naming the file and the reason; it is not fatal.
  void discover(const std::string& dir);
  // Adds one library (tests use this for plugins outside the plugin dir).
  Status add_library(const std::string& path);

  // Creates an instance of the named plugin with `config_json` and makes it the active
  // provider of its kind. Fails if the plugin is unknown, of another kind, or rejects
  // the config; the previous provider stays active then.
  Status activate(mr_kind kind, const std::string& name, const std::string& config_json);

  // Creates an instance of `name` as the fallback of `kind`: calls the active provider
  // fails are answered by it. Same checks as activate().
  Status set_fallback(mr_kind kind, const std::string& name, const std::string& config_json);

  // Calls to the active LLM provider run on `pool`'s threads (null: on the caller's thread,
  // the default). For a networked provider: the thread that waits on its stream then keeps
  // the priority of the network threads (see util::CallPool); the fallback runs in place.
  void set_call_pool(std::shared_ptr<util::CallPool> pool);
  // Speech synthesis runs on `pool`'s threads (null: on the caller's): the interviewer's
  // first audio should not wait behind the request workers' lower priority.
  void set_speech_pool(std::shared_ptr<util::CallPool> pool) { speech_pool_ = std::move(pool); }

  std::shared_ptr<const Instance> active(mr_kind kind) const;
  LlmProfile llm_profile() const;
  std::vector<PluginInfo> list() const;

  // Typed calls on the active provider. Each returns the plugin's parsed JSON result;
  // a missing provider, a plugin error, or output that is not a JSON object is an error.
  // `cancelled` (may be null) asks the provider to stop: the call then ends at once and the
  // fallback answers, marked "cancelled": true.
  Result<nlohmann::json> llm_followup(const nlohmann::json& request,
                                      const std::atomic<bool>* cancelled = nullptr) const;
  // `on_chunk` gets the reply's text as the provider streams it (may be empty).
  Result<nlohmann::json> llm_acknowledge(const nlohmann::json& request,
                                         const std::function<void(std::string_view)>& on_chunk = {},
                                         const std::atomic<bool>* cancelled = nullptr) const;
  // On the active scorer; if it fails, on the scorer's fallback (scoring_rubric), whose
  // report then says so ("fallback": {from, to, error}).
  Result<nlohmann::json> score_session(const nlohmann::json& request) const;
  Result<nlohmann::json> runner_execute(const nlohmann::json& request) const;
  Result<nlohmann::json> runner_execute_batch(const nlohmann::json& request) const;

  // ---- Speech (engine/plugin/registry_speech.cpp). Audio is PCM: s16le mono at the
  // request's sampleRate (plugin.h, "Speech"). When the active provider fails and its kind
  // has a fallback (the offline stt_pocketsphinx, tts_flite), the fallback answers and the
  // result says so ("fallback": {from, to, error}); a cancelled call is nobody's failure.

  // The transcript of one whole utterance: {text, durationS, confidence?, model?, provider}.
  Result<nlohmann::json> stt_transcribe(const nlohmann::json& request, std::string_view pcm,
                                        const std::atomic<bool>* cancelled = nullptr) const;
  // An utterance that arrives in pieces (see SttStream); unavailable with no STT provider.
  Result<std::unique_ptr<SttStream>> stt_stream(const nlohmann::json& request) const;
  // Speaks request.text ({text, sampleRate, voice?, speed?}); the audio goes to `on_audio`
  // as it is made. The fallback speaks only if the provider failed before any audio.
  // -> {sampleRate, samples, voice, model?, provider}
  Result<nlohmann::json> tts_synthesize(const nlohmann::json& request,
                                        const std::function<void(std::string_view)>& on_audio,
                                        const std::atomic<bool>* cancelled = nullptr) const;
  bool has_provider(mr_kind kind) const { return active(kind) != nullptr; }

 private:
  friend class SttStream;
  enum class Outcome { kOk, kFailed, kFellBack, kCancelled };
  // Counts one call to `name` as the active provider.
  void count(const std::string& name, Outcome outcome) const;
  // The active provider and the fallback of `kind` (either may be null).
  std::pair<std::shared_ptr<const Instance>, std::shared_ptr<const Instance>> providers(mr_kind kind) const;
  Result<nlohmann::json> invoke(mr_kind kind, const std::shared_ptr<const Instance>& inst,
                                Instance::RawCall fn, const nlohmann::json& request,
                                const CallOptions& options = {}) const;
  Result<std::shared_ptr<const Instance>> make(mr_kind kind, const std::string& name,
                                               const std::string& config_json) const;
  // An LLM call on the active provider, then on the fallback if the first one failed.
  Result<nlohmann::json> llm_call(Instance::RawCall mr_llm_api::*fn, const nlohmann::json& request,
                                  const CallOptions& options) const;
  // A call on the active runner, counted like the other kinds' calls.
  Result<nlohmann::json> runner_call(Instance::RawCall mr_runner_api::*fn, const nlohmann::json& request) const;
  struct Counters {
    uint64_t calls = 0, failures = 0, fallbacks = 0;
  };

  mutable std::mutex mu_;
  std::map<std::string, LoadedLibrary> libraries_;  // by plugin name
  std::map<mr_kind, std::shared_ptr<const Instance>> active_;
  std::map<mr_kind, std::shared_ptr<const Instance>> fallback_;
  mutable std::map<std::string, Counters> counters_;  // by plugin name, guarded by mu_
  // By plugin name, one per library from add_library() on (the map is guarded by mu_, each
  // CallStats locks itself).
  std::map<std::string, std::unique_ptr<CallStats>> stats_;
  CallStats* stats_of(const std::string& name) const;
  LlmProfile llm_profile_;                            // of active_[MR_KIND_LLM]
  std::shared_ptr<util::CallPool> call_pool_;         // set before any call; may be null
  std::shared_ptr<util::CallPool> speech_pool_;       // likewise, for tts_synthesize
};

}  // namespace mockroom::plugin
