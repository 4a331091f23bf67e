// The wire format between the plugin and mockroom_box_init, the driver that runs as PID 1
// inside a reusable box and runs the candidate's program once per test.
//
// One AF_UNIX stream socket, fd kDriverControlFd inside the box. The driver first sends a
// DriverHello; then, for each test, the host sends a JobHeader, the argv strings (each
// NUL-terminated) and the stdin bytes, and the driver answers with a JobResult followed by
// the captured stdout and stderr. EOF from the host ends the box. Both ends run on the
// same machine, so the structs travel in native layout; every length is bounded by the
// reader before it allocates, since the driver runs next to candidate code.
#pragma once

#include <cstdint>

namespace mockroom::runner_sandbox::protocol {

inline constexpr uint32_t kHelloMagic = 0x6d72626fu;   // "mrbo"
inline constexpr uint32_t kJobMagic = 0x6d726a62u;     // "mrjb"
inline constexpr uint32_t kResultMagic = 0x6d727273u;  // "mrrs"
inline constexpr uint32_t kVersion = 1;

// The driver's control socket inside the box (its stdin); stderr carries diagnostics.
inline constexpr int kDriverControlFd = 0;

// Bounds the driver enforces on what it reads.
inline constexpr uint32_t kMaxArgs = 32;
inline constexpr uint32_t kMaxArgvBytes = 64 * 1024;
inline constexpr uint64_t kMaxStdinBytes = 64ull * 1024 * 1024;

struct DriverHello {
  uint32_t magic = kHelloMagic;
  uint32_t version = kVersion;
};

enum class JobFlag : uint32_t {
  kNone = 0,
  kLimitAddressSpace = 1,  // RLIMIT_AS = memory_kb (no cgroup)
  kLimitProcesses = 2,     // RLIMIT_NPROC = max_processes (no cgroup)
};

struct JobHeader {
  uint32_t magic = kJobMagic;
  uint32_t flags = 0;  // JobFlag bits
  double cpu_seconds = 0;
  double wall_seconds = 0;
  int64_t memory_kb = 0;
  int64_t max_processes = 0;
  int64_t max_file_kb = 0;
  int64_t output_limit_bytes = 0;
  uint32_t argc = 0;
  uint32_t argv_bytes = 0;  // total of the NUL-terminated strings that follow
  uint64_t stdin_bytes = 0;
};

enum class Ending : int32_t {
  kExited = 0,       // code = exit status
  kSignaled = 1,     // code = signal number
  kStartFailed = 2,  // code = errno of execve (or of the setup before it)
};

enum class Stop : int32_t { kNone = 0, kWallTimeout = 1, kCpuTimeout = 2, kOutputLimit = 3 };

struct JobResult {
  uint32_t magic = kResultMagic;
  Ending ending = Ending::kExited;
  int32_t code = 0;
  Stop stop = Stop::kNone;
  double cpu_seconds = 0;   // every process of the test, reaped
  double wall_seconds = 0;  // from fork to the main process's exit
  int64_t max_rss_kb = 0;   // of the main process and the children it waited for
  uint64_t stdout_bytes = 0;
  uint64_t stderr_bytes = 0;
  uint32_t scratch_clean = 1;  // 0: leftovers could not be removed; retire the box
  uint32_t reserved = 0;
};

}  // namespace mockroom::runner_sandbox::protocol
