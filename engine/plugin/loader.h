// Loading provider plugins from shared libraries and calling them through the C ABI in
// plugins/include/mockroom/plugin.h. Libraries are never unloaded: a plugin's code must
// outlive every instance and every in-flight call (OBS does the same).
#pragma once

#include <mockroom/plugin.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "util/result.h"

namespace mockroom::plugin {

const char* kind_name(mr_kind kind);
Result<mr_kind> parse_kind(std::string_view name);

// The descriptor of a library that loaded and passed the ABI checks.
struct LoadedLibrary {
  std::string path;
  const mr_plugin* descriptor = nullptr;
};

// dlopen(RTLD_NOW | RTLD_LOCAL), look up mr_plugin_entry, check the descriptor's ABI
// version and size against this host's. The error names the file and the reason.
Result<LoadedLibrary> load_library(const std::string& path);

// The host services table handed to every plugin.
const mr_host_api* host_api();

// What one call returned: the JSON result text, streamed chunks went to on_chunk.
struct CallOptions {
  std::function<void(std::string_view)> on_chunk;  // may be empty
  const std::atomic<bool>* cancelled = nullptr;    // may be null
  // Binary output (TTS audio, ABI 1.3), as the plugin emits it; may be empty.
  std::function<void(std::string_view)> on_bytes;
};

// Whether a call must write a result (most do; an STT stream_feed may not).
enum class ResultPresence { kRequired, kOptional };

// A live instance of a plugin, created from its JSON config and destroyed with it.
// Thread-safe as far as the plugin is (the ABI requires plugins to be).
class Instance {
 public:
  static Result<std::unique_ptr<Instance>> create(const LoadedLibrary& lib,
                                                  const std::string& config_json);
  ~Instance();
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  const mr_plugin& descriptor() const { return *lib_.descriptor; }
  const std::string& name() const { return name_; }
  const std::string& path() const { return lib_.path; }

  // Calls an LLM or scorer entry point with a JSON request and returns the JSON result.
  using RawCall = mr_status (*)(void*, mr_bytes, mr_call*);
  Result<std::string> call(RawCall fn, std::string_view request, const CallOptions& options) const;
  // Runs `body` with a fresh call record and turns its status, error and result into a
  // Result: the JSON result text ("" when optional and none was written). For calls of
  // other shapes (speech: audio beside the request, streams).
  Result<std::string> run(const std::function<mr_status(mr_call*)>& body, const CallOptions& options,
                          ResultPresence presence = ResultPresence::kRequired) const;
  // mr_stt_api.stream_open: the plugin's stream, or the reason it gave.
  Result<void*> open(void* (*fn)(void*, mr_bytes, mr_call*), std::string_view request) const;
  void* handle() const { return instance_; }

 private:
  Instance(LoadedLibrary lib, void* instance);
  LoadedLibrary lib_;
  std::string name_;
  void* instance_;
};

}  // namespace mockroom::plugin
