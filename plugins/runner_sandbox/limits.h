// Resource limits of one sandboxed step, and the defaults and bounds they come from.
//
// The run defaults are Judge0's (cpu_time_limit 5 s, wall_time_limit 10 s, memory_limit
// 128000 KB, max_processes 60, max_file_size 1024 KB). Compile steps get their own,
// more generous limits (a compiler is big), set in the plugin config.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mockroom::runner_sandbox {

struct Limits {
  double cpu_seconds = 0;
  double wall_seconds = 0;
  int64_t memory_kb = 0;
  int64_t max_processes = 0;
  int64_t max_file_kb = 0;
};

// Judge0's defaults for a run.
inline constexpr double kDefaultCpuTimeLimit = 5.0;
inline constexpr double kDefaultWallTimeLimit = 10.0;
inline constexpr int64_t kDefaultMemoryLimitKb = 128000;
inline constexpr int64_t kDefaultMaxProcesses = 60;
inline constexpr int64_t kDefaultMaxFileSizeKb = 1024;

// Defaults of the configurable maxima a request may ask for.
inline constexpr double kDefaultMaxCpuTimeLimit = 15.0;
inline constexpr double kDefaultMaxWallTimeLimit = 20.0;
inline constexpr int64_t kDefaultMaxMemoryLimitKb = 512000;
inline constexpr int64_t kDefaultMaxMaxProcesses = 120;
inline constexpr int64_t kDefaultMaxMaxFileSizeKb = 4096;

// Compile steps: 10 s CPU and 512 MB, so template bombs and endless includes end safely.
inline constexpr Limits kDefaultCompileLimits{10.0, 20.0, 512000, 64, 65536};

// Smallest limits a request may ask for (anything less cannot start an interpreter).
inline constexpr double kMinTimeLimit = 0.05;
inline constexpr int64_t kMinMemoryLimitKb = 4096;
inline constexpr int64_t kMinMaxProcesses = 1;
inline constexpr int64_t kMinMaxFileSizeKb = 1;

// Hard ceilings on configured maxima, so a typo cannot disable a limit.
inline constexpr double kCeilingTimeLimit = 300.0;
inline constexpr int64_t kCeilingMemoryLimitKb = 16 * 1024 * 1024;
inline constexpr int64_t kCeilingMaxProcesses = 4096;
inline constexpr int64_t kCeilingMaxFileSizeKb = 1024 * 1024;

// stdout and stderr are each captured up to this many bytes; more is Output Limit Exceeded.
inline constexpr int64_t kDefaultOutputLimitBytes = 64 * 1024;
inline constexpr int64_t kCeilingOutputLimitBytes = 16 * 1024 * 1024;

// Request size bounds.
inline constexpr size_t kMaxSourceBytes = 256 * 1024;
inline constexpr size_t kMaxStdinBytes = 8 * 1024 * 1024;
inline constexpr size_t kMaxExpectedBytes = 8 * 1024 * 1024;
inline constexpr size_t kMaxTests = 256;
inline constexpr size_t kMaxRequestBytes = 64 * 1024 * 1024;

// Headroom for bubblewrap's own two processes inside each box's cgroup.
inline constexpr int64_t kBoxOverheadProcesses = 3;
inline constexpr int64_t kBoxOverheadMemoryKb = 4096;

// Per-process rlimits inside every box.
inline constexpr int64_t kCpuRlimitGraceSeconds = 1;  // RLIMIT_CPU backs up the CPU watchdog
inline constexpr int64_t kStackLimitKb = 64000;  // Judge0's stack_limit default
inline constexpr int64_t kOpenFilesLimit = 256;
inline constexpr int64_t kTmpfsSizeBytes = 64 * 1024 * 1024;

}  // namespace mockroom::runner_sandbox
