// Per-run control groups: memory and process-count limits, peak memory, OOM kills, CPU
// time, and killing every process of a run.
//
// CgroupHost is detected once per plugin instance (v2 when /sys/fs/cgroup/cgroup.controllers
// exists, else v1 memory + pids (+ cpuacct) hierarchies) and then only read, so any thread
// may use it. Each run creates its own RunCgroup under "<own cgroup>/mockroom-runner/";
// the RunCgroup owns the directories: its destructor kills what is left and removes them.
// A RunCgroup is used by one thread. When cgroups are unusable, detect() says why and
// the caller falls back to rlimits.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "config.h"
#include "limits.h"

namespace mockroom::runner_sandbox {

enum class CgroupVersion { kNone, kV1, kV2 };

class RunCgroup {
 public:
  RunCgroup(CgroupVersion version, std::vector<std::string> dirs);
  ~RunCgroup();
  RunCgroup(const RunCgroup&) = delete;
  RunCgroup& operator=(const RunCgroup&) = delete;

  // Opened cgroup.procs files (close-on-exec); a forked child writes "0" to each to join.
  const std::vector<int>& join_fds() const { return join_fds_; }
  // CPU time of every process that ran in the group, or -1 when unknown.
  double cpu_seconds() const;
  // Peak memory of the group in KB, or -1 when unknown.
  int64_t peak_memory_kb() const;
  // True when the kernel OOM-killed a process of the group.
  bool oom_killed() const;
  // SIGKILLs every process in the group until it is empty (bounded retries).
  void kill_all() const;
  // Processes still in the group.
  std::vector<int> pids() const;
  // Sets the memory (plus kBoxOverheadMemoryKb) and process (plus kBoxOverheadProcesses)
  // limits; false with `error` when the kernel refuses.
  bool apply_limits(const Limits& limits, std::string& error) const;
  // Starts peak_memory_kb() afresh from the current usage (cgroup v1; v2 keeps the
  // group's peak, since memory.peak is reset per open file only).
  void reset_peak_memory() const;
  // OOM kills in the group so far (0 when unknown).
  int64_t oom_kills() const;

 private:
  const std::string& dir(int index) const { return dirs_[index]; }

  CgroupVersion version_;
  std::vector<std::string> dirs_;  // v1: memory, pids, cpuacct ("" if absent); v2: one
  std::vector<int> join_fds_;
};

class CgroupHost {
 public:
  // Finds usable cgroups; when none, version() is kNone and `why_not` explains.
  static CgroupHost detect(CgroupMode mode, std::string& why_not);

  CgroupVersion version() const { return version_; }
  // A fresh group for one box with the memory and process limits set; null with `error`.
  std::unique_ptr<RunCgroup> create_run(const Limits& limits, std::string& error) const;

 private:
  CgroupVersion version_ = CgroupVersion::kNone;
  std::vector<std::string> parents_;  // same layout as RunCgroup::dirs_
};

}  // namespace mockroom::runner_sandbox
