// The C boundary every provider plugin needs, written once: the host table kept from
// mr_plugin_entry, the guard that turns escaping exceptions into a status plus a message,
// host callbacks (errors, debug logging, cancellation, results), and instance scaffolding
// (create/destroy with a magic tag, the per-call checks).
//
// Contract:
// - Compiled into each plugin .so (static linkage, hidden visibility); nothing here crosses
//   the ABI, and the state below (host table, descriptor) is per plugin .so.
// - A plugin's mr_plugin_entry returns accept_host(host, &descriptor, out). The descriptor's
//   name prefixes every message this file produces ("<name>: ..."), so messages read
//   exactly as if the plugin had spelled its own name.
// - The host table must outlive every instance (plugin.h promises it). Instances hold only
//   their immutable config, so any number of threads may call one instance at once.
// - Every function that may throw must run inside guarded(); guarded() itself never throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "json_fields.h"
#include "mockroom/plugin.h"

namespace mockroom::plugin_support {

// The host fields every plugin uses end with set_error.
inline constexpr size_t kMinHostTableSize =
    offsetof(mr_host_api, set_error) + sizeof(mr_host_api::set_error);
inline constexpr size_t kHostTableSizeWithCancel =
    offsetof(mr_host_api, is_cancelled) + sizeof(mr_host_api::is_cancelled);
// ABI 1.3: binary output (speech audio).
inline constexpr size_t kHostTableSizeWithBytes =
    offsetof(mr_host_api, emit_bytes) + sizeof(mr_host_api::emit_bytes);

// The body of mr_plugin_entry: refuses a host with another ABI major version or a table
// too small (or without write_result / set_error), else keeps `host` and `descriptor` and
// hands the descriptor out. Returns an mr_status value.
int accept_host(const mr_host_api* host, const mr_plugin* descriptor,
                const mr_plugin** out) noexcept;

// The descriptor's name ("" before accept_host).
std::string_view plugin_name() noexcept;

// Borrowed bytes as a view; a null pointer reads as empty.
std::string_view view(mr_bytes bytes);

// Sets the call's error message as given. Never throws: used from the guard's catch blocks.
void set_error(mr_call* call, std::string_view message) noexcept;

// Sets "<name>: <message>" as the call's error and returns `status`.
mr_status fail(mr_call* call, mr_status status, const std::string& message);

// Logs "<name>: <message>" at debug level when the host has debug logging on.
void log_debug(std::string_view message);

// True when the host supports cancellation and wants this call to stop.
bool cancelled(const mr_call* call);

// Hands the call's result to the host (which copies it).
void write_result(mr_call* call, const std::string& json_text);

// Streams partial output (LLM tokens) to the host, when it takes chunks.
void emit_chunk(mr_call* call, std::string_view text);

// True when the host's table has emit_bytes (ABI 1.3 or later).
bool host_takes_bytes() noexcept;
// Streams binary output (speech audio) to the host; nothing when it does not take bytes.
void emit_bytes(mr_call* call, std::string_view data);

// Reports the exception being handled (call only from a catch block) as MR_ERR_INTERNAL:
// "<name>: out of memory", "<name>: internal error" (plus the exception's text in the
// host's error log) or "<name>: internal error (unknown exception)".
mr_status report_current_exception(mr_call* call) noexcept;

// Runs `body` (returning mr_status), turning any escaping exception into MR_ERR_INTERNAL
// plus a message.
template <class Body>
mr_status guarded(mr_call* call, Body&& body) noexcept {
  try {
    return std::forward<Body>(body)();
  } catch (...) {
    return report_current_exception(call);
  }
}

// The checks for instances of any type T whose `magic` member holds Magic while the
// instance lives, so a stray pointer from another plugin is refused, not used.
template <class T, uint64_t Magic>
struct Tagged {
  // mr_plugin::destroy: ignores null and anything that is not a live instance.
  static void destroy(void* instance) {
    auto* self = static_cast<T*>(instance);
    if (!self || self->magic != Magic) return;
    self->magic = 0;
    delete self;
  }

  // Checks what every call needs; returns MR_OK or the status already reported.
  static mr_status check_call(void* instance, mr_bytes request, mr_call* call) {
    auto* self = static_cast<T*>(instance);
    if (!self || self->magic != Magic)
      return fail(call, MR_ERR_INVALID_ARGUMENT,
                  "called without a valid " + std::string(plugin_name()) + " instance");
    if (!request.ptr && request.len != 0)
      return fail(call, MR_ERR_INVALID_ARGUMENT, "request has a length but no data");
    if (cancelled(call)) return fail(call, MR_ERR_CANCELLED, "cancelled by the host");
    return MR_OK;
  }
};

// mr_plugin::create for a plugin whose Instance is built from a Config parsed by `Parse`
// (an Instance(Config) constructor): refuses a bad config with its reason, and turns any
// exception into MR_ERR_INTERNAL.
template <class Instance, class Config, Parsed<Config> (*Parse)(std::string_view)>
void* create_owned(mr_bytes config_json, mr_call* call) {
  Instance* created = nullptr;
  guarded(call, [&] {
    if (!config_json.ptr && config_json.len != 0)
      return fail(call, MR_ERR_INVALID_ARGUMENT, "config has a length but no data");
    Parsed<Config> config = Parse(view(config_json));
    if (!config.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, config.error);
    created = new Instance(std::move(*config.value));
    return MR_OK;
  });
  return created;
}

// Instance scaffolding for a plugin whose instances hold one immutable Config parsed by
// `Parse` from the config JSON. `Magic` tags live instances so a stray pointer from
// another plugin is refused, not used.
template <class Config, uint64_t Magic, Parsed<Config> (*Parse)(std::string_view)>
class Instances {
 public:
  // mr_plugin::create: parses the config; on failure returns null with the reason set.
  static void* create(mr_bytes config_json, mr_call* call) {
    Instance* created = nullptr;
    guarded(call, [&] {
      if (!config_json.ptr && config_json.len != 0)
        return fail(call, MR_ERR_INVALID_ARGUMENT, "config has a length but no data");
      Parsed<Config> config = Parse(view(config_json));
      if (!config.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, config.error);
      created = new Instance{Magic, *config.value};
      return MR_OK;
    });
    return created;
  }

  // mr_plugin::destroy and the per-call checks (see Tagged).
  static void destroy(void* instance) { Tagged<Instance, Magic>::destroy(instance); }
  static mr_status check_call(void* instance, mr_bytes request, mr_call* call) {
    return Tagged<Instance, Magic>::check_call(instance, request, call);
  }

  // The config of an instance that passed check_call.
  static const Config& config(void* instance) { return static_cast<Instance*>(instance)->config; }

 private:
  struct Instance {
    uint64_t magic = Magic;
    Config config;
  };
};

}  // namespace mockroom::plugin_support
