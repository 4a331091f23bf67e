// Watching one started box until it ends: capping stdout/stderr, enforcing the wall-clock
// deadline and (with a cgroup) the CPU limit, killing the whole process tree, reaping the
// bwrap process and measuring it. Used by one thread per box.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>

#include "box.h"
#include "cgroup.h"

namespace mockroom::runner_sandbox {

struct BoxWatch {
  pid_t pid = -1;  // bwrap, leader of its own process group
  int stdout_read = -1;
  int stderr_read = -1;
  int status_read = -1;      // bwrap --json-status-fd
  int exec_error_read = -1;  // errno from a failed spawn, EOF on success
  const RunCgroup* cgroup = nullptr;
  Limits limits;
  int64_t output_limit_bytes = 0;
  std::chrono::steady_clock::time_point started;
};

// Runs until the box is over and everything in it is dead; closes the read fds.
BoxOutcome watch_box(const BoxWatch& watch);

}  // namespace mockroom::runner_sandbox
