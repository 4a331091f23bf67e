// The bubblewrap command line of a box. Only fixed strings, box paths and fd numbers go
// into it: candidate text never does (sources travel in files, input through stdin).
#pragma once

#include <string>
#include <vector>

#include "box.h"
#include "config.h"

namespace mockroom::runner_sandbox {

// The fd numbers a box's bwrap process sees (the spawner arranges them).
inline constexpr int kChildSeccompFd = 3;
inline constexpr int kChildStatusFd = 4;
inline constexpr int kChildExecErrorFd = 5;  // close-on-exec: reports a failed execve
inline constexpr int kChildFirstMountFd = 6;

// Options every box shares: namespaces, identity, environment, the read-only system dirs.
std::vector<std::string> base_bwrap_args(const Config& config);

// How a box's process count is bounded: by its cgroup, or by RLIMIT_NPROC set inside the
// box (by util-linux prlimit), where it counts only the box's own user namespace.
enum class ProcessLimit { kByCgroup, kByRlimitInBox };

// The full argv for one box: bwrap, the shared options, its mounts, the filter and the
// command. Mount i is expected at fd kChildFirstMountFd + i.
std::vector<std::string> box_bwrap_args(const Config& config,
                                        const std::vector<std::string>& base,
                                        const BoxSpec& spec, ProcessLimit processes);

// Where the driver binary is bound inside a session box.
inline constexpr char kBoxInitPath[] = "/.mockroom/box_init";

// The argv for a session box: bwrap, the shared options, its mounts (mount i at fd
// kChildFirstMountFd + i), the driver binary at fd `driver_fd`, bound at kBoxInitPath and
// run as PID 1 under the filter. The driver sets each test's rlimits itself.
std::vector<std::string> session_bwrap_args(const Config& config,
                                            const std::vector<std::string>& base,
                                            const std::vector<FdMount>& mounts, int driver_fd);

}  // namespace mockroom::runner_sandbox
