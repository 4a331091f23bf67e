// The runner plugin's configuration: the maxima a request may ask for, the compile
// limits, where run directories live and how the sandbox is set up. Parsed once by
// create(); immutable afterwards, so any thread may read it.
#pragma once

#include <string>
#include <string_view>
#include <sys/types.h>

#include "json_fields.h"
#include "limits.h"

namespace mockroom::runner_sandbox {

enum class CgroupMode { kAuto, kOff };

struct Config {
  Limits max_run{kDefaultMaxCpuTimeLimit, kDefaultMaxWallTimeLimit, kDefaultMaxMemoryLimitKb,
                 kDefaultMaxMaxProcesses, kDefaultMaxMaxFileSizeKb};
  Limits compile = kDefaultCompileLimits;
  int64_t output_limit_bytes = kDefaultOutputLimitBytes;
  std::string work_root = "/tmp/mockroom-runner";
  std::string bwrap_path = "/usr/bin/bwrap";
  CgroupMode cgroups = CgroupMode::kAuto;
  uid_t sandbox_uid = 65534;  // host uid the box runs as when the host runs as root
  gid_t sandbox_gid = 65534;
  int parallel_boxes = 0;     // 0: one per CPU
  int warm_boxes = -1;        // boxes kept started ahead (box_pool.h); -1: parallel_boxes
};

// Parses the config JSON ({} or empty for all defaults); unknown keys are refused.
plugin_support::Parsed<Config> parse_config(std::string_view json_text);

}  // namespace mockroom::runner_sandbox
