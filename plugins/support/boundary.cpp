// Implementation of boundary.h: see the contract there. The state is two atomics per
// plugin .so, written by accept_host and read by every call. Message texts are part of the
// plugins' observable behaviour; keep them stable.
#include "boundary.h"

#include <atomic>
#include <cstring>
#include <exception>
#include <new>

namespace mockroom::plugin_support {
namespace {

std::atomic<const mr_host_api*> g_host{nullptr};
std::atomic<const mr_plugin*> g_descriptor{nullptr};

// Sets "<name>: <text>" without allocating, so it is safe while out of memory.
void set_prefixed_error(mr_call* call, std::string_view text) noexcept {
  std::string_view name = plugin_name();
  char buffer[256];
  if (name.size() + 2 + text.size() > sizeof(buffer)) {
    set_error(call, text);  // not reached for real plugin names
    return;
  }
  std::memcpy(buffer, name.data(), name.size());
  std::memcpy(buffer + name.size(), ": ", 2);
  std::memcpy(buffer + name.size() + 2, text.data(), text.size());
  set_error(call, std::string_view(buffer, name.size() + 2 + text.size()));
}

}  // namespace

int accept_host(const mr_host_api* host, const mr_plugin* descriptor,
                const mr_plugin** out) noexcept {
  if (!host || !out) return MR_ERR_INVALID_ARGUMENT;
  // Read nothing past the version header until the major version is known to match.
  if (host->abi_major != MR_ABI_MAJOR) return MR_ERR_UNSUPPORTED;
  if (host->struct_size < kMinHostTableSize || !host->write_result || !host->set_error)
    return MR_ERR_UNSUPPORTED;
  g_descriptor.store(descriptor);
  g_host.store(host);
  *out = descriptor;
  return MR_OK;
}

std::string_view plugin_name() noexcept {
  const mr_plugin* descriptor = g_descriptor.load();
  return descriptor && descriptor->name ? std::string_view(descriptor->name) : std::string_view();
}

std::string_view view(mr_bytes bytes) {
  return bytes.ptr ? std::string_view(bytes.ptr, bytes.len) : std::string_view();
}

void set_error(mr_call* call, std::string_view message) noexcept {
  const mr_host_api* host = g_host.load();
  if (host && host->set_error) host->set_error(call, message.data(), message.size());
}

mr_status fail(mr_call* call, mr_status status, const std::string& message) {
  set_error(call, std::string(plugin_name()) + ": " + message);
  return status;
}

void log_debug(std::string_view message) {
  const mr_host_api* host = g_host.load();
  if (!host || !host->log) return;
  if (host->log_enabled && !host->log_enabled(host->host_ctx, MR_LOG_DEBUG)) return;
  std::string full = std::string(plugin_name()) + ": " + std::string(message);
  host->log(host->host_ctx, MR_LOG_DEBUG, full.data(), full.size());
}

bool cancelled(const mr_call* call) {
  const mr_host_api* host = g_host.load();
  return host && host->struct_size >= kHostTableSizeWithCancel && host->is_cancelled &&
         host->is_cancelled(call) != 0;
}

void emit_chunk(mr_call* call, std::string_view text) {
  const mr_host_api* host = g_host.load();
  if (host && host->emit_chunk && !text.empty()) host->emit_chunk(call, text.data(), text.size());
}

bool host_takes_bytes() noexcept {
  const mr_host_api* host = g_host.load();
  return host && host->struct_size >= kHostTableSizeWithBytes && host->emit_bytes;
}

void emit_bytes(mr_call* call, std::string_view data) {
  if (host_takes_bytes() && !data.empty()) g_host.load()->emit_bytes(call, data.data(), data.size());
}

void write_result(mr_call* call, const std::string& json_text) {
  g_host.load()->write_result(call, json_text.data(), json_text.size());
}

mr_status report_current_exception(mr_call* call) noexcept {
  try {
    throw;
  } catch (const std::bad_alloc&) {
    set_prefixed_error(call, "out of memory");
  } catch (const std::exception& e) {
    set_prefixed_error(call, "internal error");
    const mr_host_api* host = g_host.load();
    if (host && host->log) host->log(host->host_ctx, MR_LOG_ERROR, e.what(), std::strlen(e.what()));
  } catch (...) {
    set_prefixed_error(call, "internal error (unknown exception)");
  }
  return MR_ERR_INTERNAL;
}

}  // namespace mockroom::plugin_support
