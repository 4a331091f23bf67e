// A fake host for plugin unit tests (C++ only; not part of the plugin ABI).
//
// FakeHost is an mr_host_api table whose callbacks capture what a plugin reports: each
// call's result and error land in a FakeCall, log lines in FakeHost::logs. open_plugin()
// dlopens a plugin library (RTLD_NOW | RTLD_LOCAL, never dlclosed, as the engine does) and
// runs its entry point against shared_host(), which lives for the whole test process, so
// the host pointer a plugin keeps never dangles. Single-threaded use only.
#pragma once

#include <dlfcn.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "mockroom/plugin.h"

namespace mockroom::testing {

// What one plugin call reported. Handed to the plugin as an opaque mr_call*.
struct FakeCall {
  std::string result;
  std::string error;
  std::string chunks;
  std::string bytes;  // binary output (speech audio), concatenated
  int byte_writes = 0;
  int result_writes = 0;
  bool cancelled = false;

  mr_call* handle() { return reinterpret_cast<mr_call*>(this); }
  static FakeCall& of(const mr_call* call) {
    return *reinterpret_cast<FakeCall*>(const_cast<mr_call*>(call));
  }
};

class FakeHost {
 public:
  FakeHost()
      : table_{MR_ABI_MAJOR, MR_ABI_MINOR,  sizeof(mr_host_api), this,       &log,
               &log_enabled, &write_result, &emit_chunk,         &set_error, &is_cancelled,
               &emit_bytes} {}
  FakeHost(const FakeHost&) = delete;
  FakeHost& operator=(const FakeHost&) = delete;

  // The table to pass to mr_plugin_entry; tests may alter a copy to simulate other hosts.
  const mr_host_api* table() const { return &table_; }

  std::vector<std::string> logs;

 private:
  static void log(void* host_ctx, mr_log_level, const char* msg, size_t len) {
    static_cast<FakeHost*>(host_ctx)->logs.emplace_back(msg, len);
  }
  static int log_enabled(void*, mr_log_level) { return 1; }
  static void write_result(mr_call* call, const char* data, size_t len) {
    FakeCall& c = FakeCall::of(call);
    c.result.assign(data, len);
    ++c.result_writes;
  }
  static void emit_chunk(mr_call* call, const char* data, size_t len) {
    FakeCall::of(call).chunks.append(data, len);
  }
  static void set_error(mr_call* call, const char* msg, size_t len) {
    FakeCall::of(call).error.assign(msg, len);
  }
  static int is_cancelled(const mr_call* call) { return FakeCall::of(call).cancelled ? 1 : 0; }
  static void emit_bytes(mr_call* call, const char* data, size_t len) {
    FakeCall& c = FakeCall::of(call);
    c.bytes.append(data, len);
    ++c.byte_writes;
  }

  mr_host_api table_;
};

inline FakeHost& shared_host() {
  static FakeHost host;
  return host;
}

inline mr_bytes bytes(std::string_view text) { return mr_bytes{text.data(), text.size()}; }

// The library's entry point, or null with `error` set to the dlopen/dlsym message.
inline mr_plugin_entry_fn load_entry(const std::string& path, std::string& error) {
  void* library = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    const char* why = dlerror();
    error = why ? why : "dlopen failed";
    return nullptr;
  }
  void* symbol = dlsym(library, MR_PLUGIN_ENTRY_SYMBOL);
  if (!symbol) {
    const char* why = dlerror();
    error = why ? why : "mr_plugin_entry not found";
    return nullptr;
  }
  return reinterpret_cast<mr_plugin_entry_fn>(symbol);
}

// Loads the plugin at `path` and registers shared_host() with it; null with `error` set
// on failure.
inline const mr_plugin* open_plugin(const std::string& path, std::string& error) {
  mr_plugin_entry_fn entry = load_entry(path, error);
  if (!entry) return nullptr;
  const mr_plugin* plugin = nullptr;
  int status = entry(shared_host().table(), &plugin);
  if (status != MR_OK || !plugin) {
    error = "mr_plugin_entry returned " + std::to_string(status);
    return nullptr;
  }
  return plugin;
}

// An instance created from `config_json`; destroyed with the owner.
struct InstanceDeleter {
  const mr_plugin* plugin;
  void operator()(void* instance) const {
    if (instance) plugin->destroy(instance);
  }
};
using InstancePtr = std::unique_ptr<void, InstanceDeleter>;

inline InstancePtr create_instance(const mr_plugin* plugin, std::string_view config_json,
                                   FakeCall& call) {
  return InstancePtr(plugin->create(bytes(config_json), call.handle()), InstanceDeleter{plugin});
}

// Runs one request through a call-table function and returns the status; output in `call`.
template <class Fn>
mr_status invoke(Fn fn, const InstancePtr& instance, std::string_view request, FakeCall& call) {
  return fn(instance.get(), bytes(request), call.handle());
}

}  // namespace mockroom::testing
