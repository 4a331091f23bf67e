#include "box.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>

#include "box_command.h"
#include "box_monitor.h"
#include "box_process.h"
#include "seccomp_policy.h"

namespace mockroom::runner_sandbox {
namespace {

constexpr int64_t kBytesPerKb = 1024;
constexpr rlim_t kCpuGraceSeconds = 1;  // RLIMIT_CPU backs up the cgroup CPU watchdog
constexpr Limits kProbeLimits{2.0, 5.0, 65536, 8, 1024};

// Owns the fds of one box on the host side until run() ends.
struct BoxFds {
  int stdin_fd = -1, seccomp = -1;
  int out[2] = {-1, -1}, err[2] = {-1, -1}, status[2] = {-1, -1};
  ~BoxFds() {
    for (int fd : {stdin_fd, seccomp, out[1], err[1], status[1]})
      if (fd >= 0) ::close(fd);
  }
  void close_child_ends() {
    for (int* fd : {&stdin_fd, &seccomp, &out[1], &err[1], &status[1]}) {
      if (*fd >= 0) ::close(*fd);
      *fd = -1;
    }
  }
};

int memfd_with(const std::string& text) {
  int fd = ::memfd_create("mockroom-stdin", MFD_CLOEXEC);
  if (fd < 0) return -1;
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return ::close(fd), -1;
    done += static_cast<size_t>(n);
  }
  return ::lseek(fd, 0, SEEK_SET) == 0 ? fd : (::close(fd), -1);
}

bool open_fds(BoxFds& fds, const BoxSpec& spec, const std::string& seccomp_program) {
  fds.stdin_fd = memfd_with(spec.stdin_text);
  fds.seccomp = seccomp_program_fd(seccomp_program);
  return fds.stdin_fd >= 0 && fds.seccomp >= 0 && ::pipe2(fds.out, O_CLOEXEC) == 0 &&
         ::pipe2(fds.err, O_CLOEXEC) == 0 && ::pipe2(fds.status, O_CLOEXEC) == 0;
}

rlimit both(rlim_t value) { return rlimit{value, value}; }

std::vector<std::pair<int, rlimit>> box_rlimits(const BoxSpec& spec, bool cgroup) {
  const Limits& l = spec.limits;
  rlim_t cpu = static_cast<rlim_t>(std::ceil(l.cpu_seconds)) + kCpuGraceSeconds;
  std::vector<std::pair<int, rlimit>> r = {
      {RLIMIT_CPU, rlimit{cpu, cpu + kCpuGraceSeconds}},
      {RLIMIT_FSIZE, both(static_cast<rlim_t>(l.max_file_kb * kBytesPerKb))},
      {RLIMIT_NOFILE, both(kOpenFilesLimit)},
      {RLIMIT_CORE, both(0)},
      {RLIMIT_STACK, both(static_cast<rlim_t>(kStackLimitKb * kBytesPerKb))}};
  if (!cgroup && spec.address_space == AddressSpace::kLimited)
    r.push_back({RLIMIT_AS, both(static_cast<rlim_t>(l.memory_kb * kBytesPerKb))});
  // No RLIMIT_NPROC here: outside the box it counts every process of the uid on the
  // machine. Without a cgroup, box_bwrap_args sets it inside the box's user namespace.
  return r;
}

BoxOutcome failed(std::string why) {
  BoxOutcome o;
  o.internal_error = std::move(why);
  return o;
}

}  // namespace

Sandbox::Sandbox(const Config& config, CgroupHost cgroups, std::string seccomp_program)
    : config_(config),
      cgroups_(std::move(cgroups)),
      seccomp_program_(std::move(seccomp_program)),
      base_args_(base_bwrap_args(config)) {}

std::unique_ptr<Sandbox> Sandbox::create(const Config& config, std::string& error,
                                         std::string& fallback_note) {
  if (::access(config.bwrap_path.c_str(), X_OK) != 0) {
    error = "bubblewrap not found at " + config.bwrap_path + " (config bwrapPath)";
    return nullptr;
  }
  auto program = build_seccomp_program();
  if (!program.ok()) return error = program.error, nullptr;
  CgroupHost cgroups = CgroupHost::detect(config.cgroups, fallback_note);
  std::unique_ptr<Sandbox> sandbox(new Sandbox(config, std::move(cgroups), *program.value));
  BoxSpec probe{{"/usr/bin/true"}, {}, {}, kProbeLimits, "", AddressSpace::kUnlimited};
  BoxOutcome result = sandbox->run(probe);
  if (!result.internal_error.empty() || result.exit_code != 0) {
    error = "bubblewrap cannot create a sandbox on this machine (are unprivileged user "
            "namespaces enabled?): " +
            (result.internal_error.empty() ? result.stderr_text : result.internal_error);
    return nullptr;
  }
  return sandbox;
}

BoxOutcome Sandbox::run(const BoxSpec& spec) const {
  std::string error;
  std::unique_ptr<RunCgroup> cgroup;
  if (uses_cgroups() && !(cgroup = cgroups_.create_run(spec.limits, error))) return failed(error);
  BoxFds fds;
  if (!open_fds(fds, spec, seccomp_program_))
    return failed(std::string("cannot set up the box's fds: ") + std::strerror(errno));
  std::vector<int> child_fds = {fds.stdin_fd, fds.out[1], fds.err[1], fds.seccomp,
                                fds.status[1], -1};
  for (const FdMount& m : spec.mounts) child_fds.push_back(m.fd);
  ProcessLimit processes = cgroup ? ProcessLimit::kByCgroup : ProcessLimit::kByRlimitInBox;
  SpawnPlan plan(box_bwrap_args(config_, base_args_, spec, processes), child_fds);
  bool root = ::geteuid() == 0;
  plan.rlimits = box_rlimits(spec, cgroup != nullptr);
  if (cgroup) plan.cgroup_join_fds = cgroup->join_fds();
  plan.drop_privileges = root;
  plan.uid = config_.sandbox_uid;
  plan.gid = config_.sandbox_gid;
  BoxWatch watch{-1, fds.out[0], fds.err[0], fds.status[0], -1, cgroup.get(), spec.limits,
                 config_.output_limit_bytes, std::chrono::steady_clock::now()};
  watch.pid = spawn_box(plan, watch.exec_error_read, error);
  fds.close_child_ends();
  if (watch.pid < 0) {
    for (int fd : {fds.out[0], fds.err[0], fds.status[0]}) ::close(fd);
    return failed(error);
  }
  return watch_box(watch);
}

}  // namespace mockroom::runner_sandbox
