// One sandboxed command: bubblewrap with every namespace unshared, a seccomp filter,
// rlimits, an optional per-run cgroup, a wall-clock deadline and capped output pipes.
//
// Sandbox holds what every box of one plugin instance shares (config, cgroup support, the
// compiled seccomp program, the read-only system mounts) and is immutable after
// construction, so any number of threads may call run() at once; each call owns its
// processes, pipes and cgroup and has killed and removed all of them when it returns.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cgroup.h"
#include "config.h"
#include "limits.h"

namespace mockroom::runner_sandbox {

enum class MountAccess { kReadOnly, kWritable };

// A host directory or file, passed as an open fd (never a path the box could redirect).
struct FdMount {
  int fd = -1;  // borrowed; the caller closes it after run()
  std::string box_path;
  MountAccess access = MountAccess::kReadOnly;
};

enum class AddressSpace { kLimited, kUnlimited };

struct BoxSpec {
  std::vector<std::string> argv;  // the command inside the box, argv[0] an absolute path
  std::vector<std::pair<std::string, std::string>> env;  // added to the base environment
  std::vector<FdMount> mounts;
  Limits limits;
  std::string stdin_text;
  AddressSpace address_space = AddressSpace::kLimited;  // RLIMIT_AS when no cgroup
};

// Why a box ended early, if it did.
enum class Termination { kNone, kWallTimeout, kCpuTimeout, kOutputLimit };

struct BoxOutcome {
  std::string internal_error;  // non-empty: the sandbox itself failed
  Termination termination = Termination::kNone;
  bool oom_killed = false;
  bool memory_by_cgroup = false;
  int exit_code = -1;   // when the command exited
  int exit_signal = 0;  // when a signal ended it
  double cpu_seconds = 0;
  double wall_seconds = 0;
  int64_t memory_kb = 0;
  std::string stdout_text;
  std::string stderr_text;
};

class BoxSession;
struct SpawnPlan;

class Sandbox {
 public:
  // Detects cgroups and builds the seccomp program; failure (no bwrap, no seccomp) is
  // reported in `error`; `fallback_note` says why cgroups are unusable (then rlimits are used).
  static std::unique_ptr<Sandbox> create(const Config& config, std::string& error,
                                         std::string& fallback_note);

  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  // Runs one command in a fresh box (compile steps).
  BoxOutcome run(const BoxSpec& spec) const;
  // Starts a reusable box with `mounts` whose driver runs one command per test (see
  // box_session.h); null with `error`.
  std::unique_ptr<BoxSession> start_session(const std::vector<FdMount>& mounts,
                                            std::string& error) const;
  const Config& config() const { return config_; }
  bool uses_cgroups() const { return cgroups_.version() != CgroupVersion::kNone; }

 private:
  Sandbox(const Config& config, CgroupHost cgroups, std::string seccomp_program, int driver_fd);
  void set_identity(SpawnPlan& plan, const RunCgroup* cgroup) const;

  Config config_;
  CgroupHost cgroups_;
  std::string seccomp_program_;
  std::vector<std::string> base_args_;  // bwrap options shared by every box
  int driver_fd_;                       // O_PATH fd of mockroom_box_init, owned
};

}  // namespace mockroom::runner_sandbox
