// runner_judge0: runs candidates' code on a Judge0 server, as a Mockroom runner plugin.
//
// This file is the C face of the plugin: the static descriptor, instance creation and the
// two runner calls. The host table and the exception guard live in
// plugins/support/boundary.h. An instance owns a Runner (its config and a pool of HTTP
// connections guarded by a mutex), so any number of threads may call one instance at once.
#include <cstdint>
#include <string>

#include "boundary.h"
#include "config.h"
#include "mockroom/plugin.h"
#include "request.h"
#include "runner.h"

namespace mockroom::runner_judge0 {
namespace {

using plugin_support::fail;
using plugin_support::guarded;
using plugin_support::view;

constexpr char kPluginName[] = "runner_judge0";
constexpr char kPluginVersion[] = "1.0.0";
constexpr char kPluginDescription[] =
    "Code runner on a Judge0 server (HTTP API): Python, C++ and JavaScript, per-test verdicts";
constexpr uint64_t kInstanceMagic = 0x6a75646765306a30ull;  // "judge0j0"

struct Instance {
  explicit Instance(Config config) : runner(std::move(config)) {}
  uint64_t magic = kInstanceMagic;
  Runner runner;
};

constexpr auto create = &plugin_support::create_owned<Instance, Config, &parse_config>;

using Tag = plugin_support::Tagged<Instance, kInstanceMagic>;

using ParseFn = Parsed<RunRequest> (*)(std::string_view, const LanguageIds&);
using RunFn = Result<std::string> (Runner::*)(const RunRequest&, mr_call*);

mr_status run(void* instance, mr_bytes request, mr_call* call, ParseFn parse, RunFn run) {
  return guarded(call, [&] {
    if (mr_status s = Tag::check_call(instance, request, call); s != MR_OK) return s;
    auto* self = static_cast<Instance*>(instance);
    Parsed<RunRequest> parsed = parse(view(request), self->runner.config().language_ids);
    if (!parsed.ok()) return fail(call, MR_ERR_INVALID_ARGUMENT, parsed.error);
    Result<std::string> result = (self->runner.*run)(*parsed.value, call);
    if (!result.ok()) return fail(call, result.failure().status, result.failure().message);
    plugin_support::write_result(call, result.value());
    return MR_OK;
  });
}

mr_status execute(void* instance, mr_bytes request, mr_call* call) {
  return run(instance, request, call, &parse_execute_request, &Runner::execute);
}

mr_status execute_batch(void* instance, mr_bytes request, mr_call* call) {
  return run(instance, request, call, &parse_batch_request, &Runner::execute_batch);
}

constexpr mr_runner_api kCalls = {sizeof(mr_runner_api), &execute, &execute_batch};

constexpr mr_plugin kDescriptor = {MR_ABI_MAJOR, MR_ABI_MINOR,   sizeof(mr_plugin),  MR_KIND_RUNNER,
                                   kPluginName,  kPluginVersion, kPluginDescription, create,
                                   &Tag::destroy, &kCalls};

}  // namespace
}  // namespace mockroom::runner_judge0

extern "C" MR_PLUGIN_EXPORT int mr_plugin_entry(const mr_host_api* host, const mr_plugin** out) {
  return mockroom::plugin_support::accept_host(host, &mockroom::runner_judge0::kDescriptor, out);
}
