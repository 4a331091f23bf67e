// A reusable box: bubblewrap running mockroom_box_init as PID 1, which runs one command per
// test in the same namespaces, cgroup and mounts (see box_protocol.h).
//
// Between two tests the driver kills every process of the box and empties its scratch
// directories, so each test starts with a clean /tmp and /box and no process left over;
// the tests of one box belong to one submission, which is why sharing the rest (the IPC
// namespace, the cgroup) is acceptable. A box that misbehaves (the driver stops, does not
// answer in time, or cannot clean up) becomes unusable and the caller starts a new one.
//
// A BoxSession is used by one thread at a time; it may be created on one thread (the warm
// pool) and used on another. Its destructor ends the box and waits until every process of
// it is gone.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "box.h"
#include "cgroup.h"

namespace mockroom::runner_sandbox {

// One run of a command in a session.
struct BoxJob {
  std::vector<std::string> argv;  // argv[0] an absolute path inside the box
  Limits limits;
  std::string_view stdin_text;
  AddressSpace address_space = AddressSpace::kLimited;  // RLIMIT_AS when no cgroup
};

class BoxSession {
 public:
  // Takes ownership of the bwrap process (a process group leader), the control socket,
  // the read end of the box's stderr, the spawn's exec-error pipe and the cgroup.
  BoxSession(pid_t pid, int control_fd, int stderr_fd, int exec_error_fd,
             std::unique_ptr<RunCgroup> cgroup, int64_t output_limit_bytes);
  ~BoxSession();
  BoxSession(const BoxSession&) = delete;
  BoxSession& operator=(const BoxSession&) = delete;

  // Waits for the driver's hello; false with `error` when the box did not start.
  bool await_ready(std::string& error);
  BoxOutcome run(const BoxJob& job);
  bool usable() const { return usable_; }
  // Usable, and the driver has not gone away while waiting for a job.
  bool idle_and_alive() const;
  bool uses_cgroup() const { return cgroup_ != nullptr; }

 private:
  bool send_job(const BoxJob& job);
  BoxOutcome read_result(const BoxJob& job);
  BoxOutcome box_failure(const std::string& why, bool timed_out);
  std::string stderr_text();
  enum class Shutdown { kGraceful, kKill };
  void end_box(Shutdown how);

  pid_t pid_;
  int control_fd_, stderr_fd_, exec_error_fd_;
  std::unique_ptr<RunCgroup> cgroup_;
  int64_t output_limit_bytes_;
  bool usable_ = false;
  int64_t oom_kills_before_ = 0;
};

}  // namespace mockroom::runner_sandbox
