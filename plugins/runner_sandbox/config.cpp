#include "config.h"

#include <nlohmann/json.hpp>

namespace mockroom::runner_sandbox {
namespace {

using plugin_support::EmptyInput;
using plugin_support::Fields;
using plugin_support::InputError;
using plugin_support::Parsed;
using plugin_support::Presence;

constexpr size_t kMaxConfigBytes = 64 * 1024;
constexpr size_t kMaxPathBytes = 1024;
constexpr int64_t kMaxUid = 4294967294;
constexpr int64_t kMaxParallelBoxes = 256;
constexpr int64_t kMaxWarmBoxes = 64;

Limits read_max_run(Fields& root) {
  Limits l;
  l.cpu_seconds = root.number("maxCpuTimeLimit", Presence::kOptional, kMinTimeLimit,
                              kCeilingTimeLimit, kDefaultMaxCpuTimeLimit);
  l.wall_seconds = root.number("maxWallTimeLimit", Presence::kOptional, kMinTimeLimit,
                               kCeilingTimeLimit, kDefaultMaxWallTimeLimit);
  l.memory_kb = root.integer("maxMemoryLimit", Presence::kOptional, kMinMemoryLimitKb,
                             kCeilingMemoryLimitKb, kDefaultMaxMemoryLimitKb);
  l.max_processes = root.integer("maxMaxProcesses", Presence::kOptional, kMinMaxProcesses,
                                 kCeilingMaxProcesses, kDefaultMaxMaxProcesses);
  l.max_file_kb = root.integer("maxMaxFileSize", Presence::kOptional, kMinMaxFileSizeKb,
                               kCeilingMaxFileSizeKb, kDefaultMaxMaxFileSizeKb);
  return l;
}

Limits read_compile(Fields& root) {
  Limits l = kDefaultCompileLimits;
  l.cpu_seconds = root.number("compileCpuTimeLimit", Presence::kOptional, kMinTimeLimit,
                              kCeilingTimeLimit, l.cpu_seconds);
  l.wall_seconds = root.number("compileWallTimeLimit", Presence::kOptional, kMinTimeLimit,
                               kCeilingTimeLimit, l.wall_seconds);
  l.memory_kb = root.integer("compileMemoryLimit", Presence::kOptional, kMinMemoryLimitKb,
                             kCeilingMemoryLimitKb, l.memory_kb);
  return l;
}

CgroupMode read_cgroup_mode(Fields& root) {
  std::string mode = root.text("cgroups", Presence::kOptional, 16);
  if (mode.empty() || mode == "auto") return CgroupMode::kAuto;
  if (mode == "off") return CgroupMode::kOff;
  root.error().set("config.cgroups must be \"auto\" or \"off\", not \"" + mode + "\"");
  return CgroupMode::kAuto;
}

void check_absolute(InputError& error, std::string_view key, const std::string& path) {
  if (path.empty() || path.front() != '/' || path.find("/..") != std::string::npos)
    error.set("config." + std::string(key) + " must be an absolute path without '..'");
}

}  // namespace

Parsed<Config> parse_config(std::string_view json_text) {
  InputError error;
  nlohmann::json doc = plugin_support::parse_object(json_text, "config", EmptyInput::kAllowed,
                                                    kMaxConfigBytes, error);
  Fields root(doc, "config", error);
  root.reject_unknown({"maxCpuTimeLimit", "maxWallTimeLimit", "maxMemoryLimit",
                       "maxMaxProcesses", "maxMaxFileSize", "compileCpuTimeLimit",
                       "compileWallTimeLimit", "compileMemoryLimit", "outputLimit", "workRoot",
                       "bwrapPath", "cgroups", "sandboxUid", "sandboxGid", "parallelBoxes",
                       "warmBoxes"});
  Config c;
  c.max_run = read_max_run(root);
  c.compile = read_compile(root);
  c.output_limit_bytes = root.integer("outputLimit", Presence::kOptional, 1,
                                      kCeilingOutputLimitBytes, kDefaultOutputLimitBytes);
  if (root.has("workRoot")) c.work_root = root.text("workRoot", Presence::kOptional, kMaxPathBytes);
  if (root.has("bwrapPath"))
    c.bwrap_path = root.text("bwrapPath", Presence::kOptional, kMaxPathBytes);
  c.cgroups = read_cgroup_mode(root);
  c.sandbox_uid = static_cast<uid_t>(
      root.integer("sandboxUid", Presence::kOptional, 1, kMaxUid, c.sandbox_uid));
  c.sandbox_gid = static_cast<gid_t>(
      root.integer("sandboxGid", Presence::kOptional, 1, kMaxUid, c.sandbox_gid));
  c.parallel_boxes = static_cast<int>(
      root.integer("parallelBoxes", Presence::kOptional, 0, kMaxParallelBoxes, 0));
  c.warm_boxes = static_cast<int>(
      root.integer("warmBoxes", Presence::kOptional, -1, kMaxWarmBoxes, c.warm_boxes));
  check_absolute(error, "workRoot", c.work_root);
  check_absolute(error, "bwrapPath", c.bwrap_path);
  if (error.failed()) return Parsed<Config>::failure(error.message());
  return {c, {}};
}

}  // namespace mockroom::runner_sandbox
