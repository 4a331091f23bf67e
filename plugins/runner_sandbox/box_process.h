// Starting a box's bwrap process: fork, then in the child only async-signal-safe calls
// (join the cgroup, set rlimits, drop to the sandbox uid when root, arrange fds, close
// every other fd, execve with an empty environment). Everything the child needs is
// prepared in a SpawnPlan before fork, so the child never allocates.
#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <string>
#include <vector>

namespace mockroom::runner_sandbox {

struct SpawnPlan {
  SpawnPlan(std::vector<std::string> argv, std::vector<int> fds);

  std::vector<std::string> argv;
  std::vector<char*> argv_ptrs;  // into argv, null-terminated
  std::vector<int> fds;          // fds[i] becomes fd i in the child; -1: closed
  std::vector<std::pair<int, rlimit>> rlimits;
  std::vector<int> cgroup_join_fds;
  bool drop_privileges = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

// Forks and execs the plan. Returns the child's pid (a process group leader) or -1 with
// `error`. `exec_error_read` receives the read end of a pipe that carries the child's errno
// if anything before or including execve fails, and closes unread on success.
pid_t spawn_box(const SpawnPlan& plan, int& exec_error_read, std::string& error);

}  // namespace mockroom::runner_sandbox
