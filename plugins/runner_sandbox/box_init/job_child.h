// mockroom_box_init: the forked child of one test, from fork to execve.
#pragma once

#include <sys/resource.h>

#include <vector>

#include "job.h"

namespace mockroom::box_init {

// Everything the child needs, prepared before fork.
struct ChildPlan {
  int stdin_fd = -1, stdout_fd = -1, stderr_fd = -1;
  int exec_error_fd = -1;  // close-on-exec pipe; receives errno if the start fails
  std::vector<char*> argv;  // null-terminated, into Job::argv
  std::vector<std::pair<int, rlimit>> rlimits;
};

// The rlimits of a test's processes, from the job's limits.
std::vector<std::pair<int, rlimit>> job_rlimits(const runner_sandbox::protocol::JobHeader& h);

[[noreturn]] void child_main(const ChildPlan& plan);

}  // namespace mockroom::box_init
