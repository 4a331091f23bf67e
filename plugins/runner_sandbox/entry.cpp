// runner_sandbox: the offline code runner, as a Mockroom runner plugin (ABI 1.1).
//
// This file is the C face of the plugin: the descriptor, create/destroy and the two runner
// calls. Each instance owns a Judge (sandbox settings, cgroup support, seccomp program,
// work root) and is thread-safe: any number of threads may call execute at once. Results
// are Judge0-shaped JSON (see plugin.h); a null result from the Judge means the host
// cancelled the call.
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "boundary.h"
#include "config.h"
#include "judge.h"
#include "mockroom/plugin.h"
#include "request.h"
#include "verdict.h"

namespace mockroom::runner_sandbox {
namespace {

using plugin_support::fail;
using plugin_support::guarded;
using plugin_support::view;

constexpr char kPluginName[] = "runner_sandbox";
constexpr char kPluginVersion[] = "1.0.0";
constexpr char kPluginDescription[] =
    "Offline code runner: Python 3, C++17 and JavaScript in bubblewrap boxes with seccomp, "
    "rlimits and cgroups; Judge0 verdicts";
constexpr uint64_t kInstanceMagic = 0x72756e6e6572626full;  // "runnerbo"

std::atomic<const mr_host_api*> g_host{nullptr};

void log_line(mr_log_level level, const std::string& message) {
  const mr_host_api* host = g_host.load();
  if (!host || !host->log) return;
  if (host->log_enabled && !host->log_enabled(host->host_ctx, level)) return;
  std::string full = std::string(kPluginName) + ": " + message;
  host->log(host->host_ctx, level, full.data(), full.size());
}

struct Instance {
  uint64_t magic = kInstanceMagic;
  Config config;
  std::unique_ptr<Judge> judge;
};

void* create(mr_bytes config_json, mr_call* call) {
  Instance* created = nullptr;
  guarded(call, [&] {
    plugin_support::Parsed<Config> config = parse_config(view(config_json));
    if (!config.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, config.error);
    gid_t search_group = ::geteuid() == 0 ? config.value->sandbox_gid : static_cast<gid_t>(-1);
    plugin_support::Parsed<WorkRoot> root = WorkRoot::open(config.value->work_root, search_group);
    if (!root.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, root.error);
    std::string error, fallback_note;
    std::unique_ptr<Sandbox> sandbox = Sandbox::create(*config.value, error, fallback_note);
    if (!sandbox) return fail(call, MR_ERR_UNAVAILABLE, error);
    if (!fallback_note.empty())
      log_line(MR_LOG_WARN, "no usable cgroups (" + fallback_note +
                                "); memory is limited with RLIMIT_AS (node: --max-old-space-size), "
                                "processes with RLIMIT_NPROC, and memory use is measured as max RSS");
    auto instance = std::make_unique<Instance>();
    instance->config = *config.value;
    instance->judge = std::make_unique<Judge>(std::move(sandbox), *root.value);
    created = instance.release();
    return MR_OK;
  });
  return created;
}

using Tag = plugin_support::Tagged<Instance, kInstanceMagic>;

mr_status run(void* instance, mr_bytes request, mr_call* call, RequestShape shape) {
  return guarded(call, [&] {
    if (mr_status s = Tag::check_call(instance, request, call); s != MR_OK) return s;
    const Instance& self = *static_cast<Instance*>(instance);
    auto parsed = parse_submission(view(request), shape, self.config);
    if (!parsed.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, parsed.error);
    CancelCheck cancelled = [call] { return plugin_support::cancelled(call); };
    nlohmann::json result = shape == RequestShape::kSingle
                                ? self.judge->execute(*parsed.value, cancelled)
                                : self.judge->execute_batch(*parsed.value, cancelled);
    if (result.is_null()) return fail(call, MR_ERR_CANCELLED, "cancelled by the host");
    plugin_support::write_result(call, dump_json(result));
    return MR_OK;
  });
}

mr_status execute(void* instance, mr_bytes request, mr_call* call) {
  return run(instance, request, call, RequestShape::kSingle);
}

mr_status execute_batch(void* instance, mr_bytes request, mr_call* call) {
  return run(instance, request, call, RequestShape::kBatch);
}

constexpr mr_runner_api kCalls = {sizeof(mr_runner_api), &execute, &execute_batch};

constexpr mr_plugin kDescriptor = {MR_ABI_MAJOR,   MR_ABI_MINOR,       sizeof(mr_plugin),
                                   MR_KIND_RUNNER, kPluginName,        kPluginVersion,
                                   kPluginDescription, &create, &Tag::destroy, &kCalls};

}  // namespace
}  // namespace mockroom::runner_sandbox

extern "C" MR_PLUGIN_EXPORT int mr_plugin_entry(const mr_host_api* host, const mr_plugin** out) {
  int status = mockroom::plugin_support::accept_host(host, &mockroom::runner_sandbox::kDescriptor, out);
  if (status == MR_OK) mockroom::runner_sandbox::g_host.store(host);
  return status;
}
