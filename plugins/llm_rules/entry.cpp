// llm_rules: the offline, rule-based interviewer, as a Mockroom LLM plugin.
//
// This file is the C face of the plugin: the static descriptor, the host table kept from
// mr_plugin_entry, and the guard that keeps exceptions and C++ types on this side of the
// ABI. Instances hold only their immutable config, so any number of threads may call one
// instance at once. The host table must outlive every instance (plugin.h promises it).
#include <atomic>
#include <cstddef>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <string_view>

#include "acknowledge.h"
#include "followup.h"
#include "mockroom/plugin.h"
#include "requests.h"

namespace mockroom::llm_rules {
namespace {

constexpr char kPluginName[] = "llm_rules";
constexpr char kPluginVersion[] = "1.0.0";
constexpr char kPluginDescription[] =
    "Offline rule-based interviewer: follow-ups from key phrases of the answer, varied "
    "acknowledgements";
// Tags live instances so a stray pointer from another plugin is refused, not used.
constexpr uint64_t kInstanceMagic = 0x6c6c6d5f72756c65ull;  // "llm_rule"

// The host fields this plugin uses end with set_error.
constexpr size_t kMinHostTableSize =
    offsetof(mr_host_api, set_error) + sizeof(mr_host_api::set_error);
constexpr size_t kHostTableSizeWithCancel =
    offsetof(mr_host_api, is_cancelled) + sizeof(mr_host_api::is_cancelled);

std::atomic<const mr_host_api*> g_host{nullptr};

struct Instance {
  uint64_t magic = kInstanceMagic;
  Config config;
};

std::string_view view(mr_bytes bytes) {
  return bytes.ptr ? std::string_view(bytes.ptr, bytes.len) : std::string_view();
}

// Never throws: used from the guard's catch blocks.
void set_error(mr_call* call, std::string_view message) noexcept {
  const mr_host_api* host = g_host.load();
  if (host && host->set_error) host->set_error(call, message.data(), message.size());
}

mr_status fail(mr_call* call, mr_status status, const std::string& message) {
  set_error(call, std::string(kPluginName) + ": " + message);
  return status;
}

void log_debug(std::string_view message) {
  const mr_host_api* host = g_host.load();
  if (!host || !host->log) return;
  if (host->log_enabled && !host->log_enabled(host->host_ctx, MR_LOG_DEBUG)) return;
  std::string full = std::string(kPluginName) + ": " + std::string(message);
  host->log(host->host_ctx, MR_LOG_DEBUG, full.data(), full.size());
}

bool cancelled(const mr_call* call) {
  const mr_host_api* host = g_host.load();
  return host && host->struct_size >= kHostTableSizeWithCancel && host->is_cancelled &&
         host->is_cancelled(call) != 0;
}

void write_result(mr_call* call, const std::string& json_text) {
  g_host.load()->write_result(call, json_text.data(), json_text.size());
}

// Runs `body`, turning any escaping exception into MR_ERR_INTERNAL plus a message.
template <class Body>
mr_status guarded(mr_call* call, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    set_error(call, "llm_rules: out of memory");
  } catch (const std::exception& e) {
    set_error(call, "llm_rules: internal error");
    const mr_host_api* host = g_host.load();
    if (host && host->log) host->log(host->host_ctx, MR_LOG_ERROR, e.what(), std::strlen(e.what()));
  } catch (...) {
    set_error(call, "llm_rules: internal error (unknown exception)");
  }
  return MR_ERR_INTERNAL;
}

// Checks what every call needs; returns MR_OK or the status already reported.
mr_status check_call(void* instance, mr_bytes request, mr_call* call) {
  auto* self = static_cast<Instance*>(instance);
  if (!self || self->magic != kInstanceMagic)
    return fail(call, MR_ERR_INVALID_ARGUMENT, "called without a valid llm_rules instance");
  if (!request.ptr && request.len != 0)
    return fail(call, MR_ERR_INVALID_ARGUMENT, "request has a length but no data");
  if (cancelled(call)) return fail(call, MR_ERR_CANCELLED, "cancelled by the host");
  return MR_OK;
}

void* create(mr_bytes config_json, mr_call* call) {
  Instance* created = nullptr;
  guarded(call, [&] {
    if (!config_json.ptr && config_json.len != 0)
      return fail(call, MR_ERR_INVALID_ARGUMENT, "config has a length but no data");
    Parsed<Config> config = parse_config(view(config_json));
    if (!config.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, config.error);
    created = new Instance{kInstanceMagic, *config.value};
    return MR_OK;
  });
  return created;
}

void destroy(void* instance) {
  auto* self = static_cast<Instance*>(instance);
  if (!self || self->magic != kInstanceMagic) return;
  self->magic = 0;
  delete self;
}

mr_status followup(void* instance, mr_bytes request, mr_call* call) {
  return guarded(call, [&] {
    if (mr_status s = check_call(instance, request, call); s != MR_OK) return s;
    Parsed<FollowupRequest> parsed = parse_followup_request(view(request));
    if (!parsed.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, parsed.error);
    FollowupDecision decision =
        decide_followup(*parsed.value, static_cast<Instance*>(instance)->config);
    log_debug("followup for question \"" + parsed.value->question.id + "\": " + decision.reason);
    write_result(call, to_json_text(decision));
    return MR_OK;
  });
}

mr_status acknowledge(void* instance, mr_bytes request, mr_call* call) {
  return guarded(call, [&] {
    if (mr_status s = check_call(instance, request, call); s != MR_OK) return s;
    Parsed<AcknowledgeRequest> parsed = parse_acknowledge_request(view(request));
    if (!parsed.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, parsed.error);
    write_result(call, acknowledgement_json(*parsed.value));
    return MR_OK;
  });
}

constexpr mr_llm_api kCalls = {sizeof(mr_llm_api), &followup, &acknowledge};

constexpr mr_plugin kDescriptor = {MR_ABI_MAJOR, MR_ABI_MINOR,   sizeof(mr_plugin),  MR_KIND_LLM,
                                   kPluginName,  kPluginVersion, kPluginDescription, &create,
                                   &destroy,     &kCalls};

}  // namespace
}  // namespace mockroom::llm_rules

extern "C" MR_PLUGIN_EXPORT int mr_plugin_entry(const mr_host_api* host, const mr_plugin** out) {
  using namespace mockroom::llm_rules;
  if (!host || !out) return MR_ERR_INVALID_ARGUMENT;
  // Read nothing past the version header until the major version is known to match.
  if (host->abi_major != MR_ABI_MAJOR) return MR_ERR_UNSUPPORTED;
  if (host->struct_size < kMinHostTableSize || !host->write_result || !host->set_error)
    return MR_ERR_UNSUPPORTED;
  g_host.store(host);
  *out = &kDescriptor;
  return MR_OK;
}
