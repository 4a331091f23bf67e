#include "plugin/loader.h"

#include <dlfcn.h>
#include <spdlog/spdlog.h>

#include <cstring>

// The host's definition of the call record the ABI keeps opaque.
struct mr_call {
  std::string result;
  bool has_result = false;
  std::string error;
  const mockroom::plugin::CallOptions* options = nullptr;
};

namespace mockroom::plugin {
namespace {

constexpr std::size_t kMaxResultBytes = 4 << 20;  // a plugin result larger than this is refused

void host_log(void*, mr_log_level level, const char* msg, size_t len) {
  std::string_view text(msg ? msg : "", msg ? len : 0);
  switch (level) {
    case MR_LOG_DEBUG: spdlog::debug("plugin: {}", text); break;
    case MR_LOG_INFO: spdlog::info("plugin: {}", text); break;
    case MR_LOG_WARN: spdlog::warn("plugin: {}", text); break;
    default: spdlog::error("plugin: {}", text); break;
  }
}

int host_log_enabled(void*, mr_log_level level) {
  auto want = level == MR_LOG_DEBUG  ? spdlog::level::debug
              : level == MR_LOG_INFO ? spdlog::level::info
              : level == MR_LOG_WARN ? spdlog::level::warn
                                     : spdlog::level::err;
  return spdlog::should_log(want) ? 1 : 0;
}

void host_write_result(mr_call* call, const char* data, size_t len) {
  if (!call || call->has_result) return;
  if (len > kMaxResultBytes) {
    call->error = "plugin result exceeds " + std::to_string(kMaxResultBytes) + " bytes";
    return;
  }
  call->result.assign(data ? data : "", data ? len : 0);
  call->has_result = true;
}

void host_emit_chunk(mr_call* call, const char* data, size_t len) {
  if (!call || !call->options || !call->options->on_chunk || !data) return;
  call->options->on_chunk(std::string_view(data, len));
}

void host_emit_bytes(mr_call* call, const char* data, size_t len) {
  if (!call || !call->options || !call->options->on_bytes || !data || len == 0) return;
  call->options->on_bytes(std::string_view(data, len));
}

void host_set_error(mr_call* call, const char* msg, size_t len) {
  if (call && msg) call->error.assign(msg, len);
}

int host_is_cancelled(const mr_call* call) {
  return call && call->options && call->options->cancelled &&
                 call->options->cancelled->load(std::memory_order_relaxed)
             ? 1
             : 0;
}

const mr_host_api kHostApi = {
    MR_ABI_MAJOR, MR_ABI_MINOR, sizeof(mr_host_api), nullptr,
    host_log,     host_log_enabled,  host_write_result, host_emit_chunk,
    host_set_error, host_is_cancelled, host_emit_bytes,
};

const char* status_name(mr_status s) {
  switch (s) {
    case MR_OK: return "ok";
    case MR_ERR_INVALID_ARGUMENT: return "invalid argument";
    case MR_ERR_UNAVAILABLE: return "unavailable";
    case MR_ERR_TIMEOUT: return "timeout";
    case MR_ERR_CANCELLED: return "cancelled";
    case MR_ERR_UNSUPPORTED: return "unsupported";
    case MR_ERR_INTERNAL: return "internal error";
  }
  return "unknown status";
}

}  // namespace

const char* kind_name(mr_kind kind) {
  switch (kind) {
    case MR_KIND_LLM: return "llm";
    case MR_KIND_SCORER: return "scorer";
    case MR_KIND_STT: return "stt";
    case MR_KIND_TTS: return "tts";
    case MR_KIND_RUNNER: return "runner";
  }
  return "unknown";
}

Result<mr_kind> parse_kind(std::string_view name) {
  for (mr_kind k : {MR_KIND_LLM, MR_KIND_SCORER, MR_KIND_STT, MR_KIND_TTS, MR_KIND_RUNNER}) {
    if (name == kind_name(k)) return k;
  }
  return invalid("unknown plugin kind '" + std::string(name) + "'");
}

const mr_host_api* host_api() { return &kHostApi; }

Result<LoadedLibrary> load_library(const std::string& path) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* err = dlerror();
    return unavailable("cannot load plugin " + path + ": " + (err ? err : "unknown error"));
  }
  dlerror();
  auto entry = reinterpret_cast<mr_plugin_entry_fn>(dlsym(handle, MR_PLUGIN_ENTRY_SYMBOL));
  if (!entry) {
    return invalid("plugin " + path + " does not export " + MR_PLUGIN_ENTRY_SYMBOL);
  }
  const mr_plugin* desc = nullptr;
  int rc = entry(&kHostApi, &desc);
  if (rc != 0 || !desc) {
    return invalid("plugin " + path + " refused to initialise (entry returned " +
                   std::to_string(rc) + ")");
  }
  // Read the version fields first: they sit at the same offsets in every ABI version.
  if (desc->abi_major != MR_ABI_MAJOR || desc->abi_minor > MR_ABI_MINOR) {
    return invalid("plugin " + path + " was built for ABI " + std::to_string(desc->abi_major) +
                   "." + std::to_string(desc->abi_minor) + ", this host provides " +
                   std::to_string(MR_ABI_MAJOR) + "." + std::to_string(MR_ABI_MINOR));
  }
  if (desc->struct_size < sizeof(mr_plugin)) {
    return invalid("plugin " + path + " has a truncated descriptor (" +
                   std::to_string(desc->struct_size) + " bytes)");
  }
  if (!desc->name || !desc->create || !desc->destroy || !desc->calls) {
    return invalid("plugin " + path + " has an incomplete descriptor");
  }
  return LoadedLibrary{path, desc};
}

Instance::Instance(LoadedLibrary lib, void* instance)
    : lib_(std::move(lib)), name_(lib_.descriptor->name), instance_(instance) {}

Instance::~Instance() {
  if (instance_) lib_.descriptor->destroy(instance_);
}

Result<std::unique_ptr<Instance>> Instance::create(const LoadedLibrary& lib,
                                                   const std::string& config_json) {
  mr_call call;
  void* inst = lib.descriptor->create({config_json.data(), config_json.size()}, &call);
  if (!inst) {
    return invalid(std::string("plugin ") + lib.descriptor->name + " rejected its config: " +
                   (call.error.empty() ? "no reason given" : call.error));
  }
  return std::unique_ptr<Instance>(new Instance(lib, inst));
}

Result<std::string> Instance::call(RawCall fn, std::string_view request,
                                   const CallOptions& options) const {
  if (!fn) return unavailable("plugin " + name_ + " does not offer this call");
  return run([&](mr_call* call) { return fn(instance_, {request.data(), request.size()}, call); }, options);
}

Result<void*> Instance::open(void* (*fn)(void*, mr_bytes, mr_call*), std::string_view request) const {
  if (!fn) return unavailable("plugin " + name_ + " does not offer this call");
  mr_call call;
  void* opened = fn(instance_, {request.data(), request.size()}, &call);
  if (!opened) {
    return unavailable("plugin " + name_ + " could not open a stream" +
                       (call.error.empty() ? "" : ": " + call.error));
  }
  return opened;
}

Result<std::string> Instance::run(const std::function<mr_status(mr_call*)>& body, const CallOptions& options,
                                  ResultPresence presence) const {
  mr_call call;
  call.options = &options;
  mr_status status = body(&call);
  if (status != MR_OK) {
    auto code = status == MR_ERR_INVALID_ARGUMENT ? ErrorCode::kInvalidArgument
                                                  : ErrorCode::kUnavailable;
    return Error{code, "plugin " + name_ + ": " + status_name(status) +
                           (call.error.empty() ? "" : ": " + call.error)};
  }
  if (!call.has_result && presence == ResultPresence::kOptional && call.error.empty()) return std::string();
  if (!call.has_result) {
    return unavailable("plugin " + name_ + " returned no result" +
                       (call.error.empty() ? "" : ": " + call.error));
  }
  return std::move(call.result);
}

}  // namespace mockroom::plugin
