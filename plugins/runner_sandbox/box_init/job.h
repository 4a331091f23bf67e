// mockroom_box_init: running one test's command inside the box.
//
// The driver is PID 1 of the box's PID namespace and single-threaded. run_job forks the
// command with the test's stdin, rlimits and fresh stdout/stderr pipes, enforces the wall
// clock, the total CPU time of every process of the test and the output cap, and when the
// command ends (or is stopped) kills every other process of the namespace and reaps them
// all, so the next test starts with no process left over.
#pragma once

#include <string>
#include <vector>

#include "../box_protocol.h"

namespace mockroom::box_init {

struct Job {
  runner_sandbox::protocol::JobHeader header;
  std::vector<std::string> argv;
  std::string stdin_text;
};

struct JobOutput {
  runner_sandbox::protocol::JobResult result;
  std::string out;
  std::string err;
};

// Requires SIGCHLD to be blocked in the caller (it is read through a signalfd).
JobOutput run_job(const Job& job);

// SIGKILLs every process of the namespace but the caller and reaps them all.
void kill_and_reap_all();

}  // namespace mockroom::box_init
