#include "box.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <utility>

#include "box_command.h"
#include "box_monitor.h"
#include "box_process.h"
#include "box_session.h"
#include "seccomp_policy.h"

namespace mockroom::runner_sandbox {
namespace {

constexpr int64_t kBytesPerKb = 1024;
constexpr rlim_t kCpuGraceSeconds = kCpuRlimitGraceSeconds;
constexpr char kDriverName[] = "mockroom_box_init";
// A session's cgroup limits until its first job sets the real ones.
constexpr Limits kIdleLimits{1.0, 1.0, 65536, 1, 1};
const BoxJob kProbeJob{{"/usr/bin/true"}, {2.0, 5.0, 65536, 8, 1024}, "", AddressSpace::kUnlimited};

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

// Host-side ends of a session box's fds until they are handed over.
struct SessionFds {
  int control[2] = {-1, -1}, err[2] = {-1, -1}, seccomp = -1;
  ~SessionFds() {
    for (int fd : {control[0], control[1], err[0], err[1], seccomp})
      if (fd >= 0) ::close(fd);
  }
  bool open(const std::string& seccomp_program) {
    seccomp = seccomp_program_fd(seccomp_program);
    return seccomp >= 0 && ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, control) == 0 &&
           ::pipe2(err, O_CLOEXEC) == 0;
  }
  void close_child_ends() {
    for (int* fd : {&control[1], &err[1], &seccomp}) {
      if (*fd >= 0) ::close(*fd);
      *fd = -1;
    }
  }
  int take_control() { return std::exchange(control[0], -1); }
  int take_err() { return std::exchange(err[0], -1); }
};

// mockroom_box_init, next to this plugin's .so: an O_PATH fd, or -1 with `error`.
int open_driver(std::string& error) {
  Dl_info info;
  if (::dladdr(reinterpret_cast<void*>(&open_driver), &info) == 0 || !info.dli_fname) {
    error = "cannot find the runner_sandbox plugin's own path";
    return -1;
  }
  std::string self = info.dli_fname;
  std::string path = self.substr(0, self.rfind('/') + 1) + kDriverName;
  int fd = ::open(path.c_str(), O_PATH | O_CLOEXEC);
  struct stat st;
  if (fd >= 0 && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & S_IXOTH)) return fd;
  error = "the box driver " + path + " is missing or not executable (build mockroom_box_init)";
  if (fd >= 0) ::close(fd);
  return -1;
}

BoxOutcome failed(std::string why) {
  BoxOutcome o;
  o.internal_error = std::move(why);
  return o;
}

}  // namespace

Sandbox::Sandbox(const Config& config, CgroupHost cgroups, std::string seccomp_program,
                 int driver_fd)
    : config_(config),
      cgroups_(std::move(cgroups)),
      seccomp_program_(std::move(seccomp_program)),
      base_args_(base_bwrap_args(config)),
      driver_fd_(driver_fd) {}

Sandbox::~Sandbox() { ::close(driver_fd_); }

std::unique_ptr<Sandbox> Sandbox::create(const Config& config, std::string& error,
                                         std::string& fallback_note) {
  if (::access(config.bwrap_path.c_str(), X_OK) != 0) {
    error = "bubblewrap not found at " + config.bwrap_path + " (config bwrapPath)";
    return nullptr;
  }
  int driver_fd = open_driver(error);
  if (driver_fd < 0) return nullptr;
  auto program = build_seccomp_program();
  if (!program.ok()) return ::close(driver_fd), error = program.error, nullptr;
  CgroupHost cgroups = CgroupHost::detect(config.cgroups, fallback_note);
  std::unique_ptr<Sandbox> sandbox(
      new Sandbox(config, std::move(cgroups), *program.value, driver_fd));
  std::string why;
  std::unique_ptr<BoxSession> probe = sandbox->start_session({}, why);
  BoxOutcome result = probe ? probe->run(kProbeJob) : failed(why);
  if (!result.internal_error.empty() || result.exit_code != 0) {
    error = "bubblewrap cannot create a sandbox on this machine (are unprivileged user "
            "namespaces enabled?): " +
            (result.internal_error.empty() ? result.stderr_text : result.internal_error);
    return nullptr;
  }
  return sandbox;
}

void Sandbox::set_identity(SpawnPlan& plan, const RunCgroup* cgroup) const {
  if (cgroup) plan.cgroup_join_fds = cgroup->join_fds();
  plan.drop_privileges = ::geteuid() == 0;
  plan.uid = config_.sandbox_uid;
  plan.gid = config_.sandbox_gid;
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
  plan.rlimits = box_rlimits(spec, cgroup != nullptr);
  set_identity(plan, cgroup.get());
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

std::unique_ptr<BoxSession> Sandbox::start_session(const std::vector<FdMount>& mounts,
                                                   std::string& error) const {
  std::unique_ptr<RunCgroup> cgroup;
  if (uses_cgroups() && !(cgroup = cgroups_.create_run(kIdleLimits, error))) return nullptr;
  SessionFds fds;
  if (!fds.open(seccomp_program_)) {
    error = std::string("cannot set up the box's fds: ") + std::strerror(errno);
    return nullptr;
  }
  std::vector<int> child_fds = {fds.control[1], fds.err[1], fds.err[1], fds.seccomp, -1, -1};
  for (const FdMount& m : mounts) child_fds.push_back(m.fd);
  int driver_child_fd = static_cast<int>(child_fds.size());
  child_fds.push_back(driver_fd_);
  SpawnPlan plan(session_bwrap_args(config_, base_args_, mounts, driver_child_fd), child_fds);
  plan.rlimits = {{RLIMIT_NOFILE, both(kOpenFilesLimit)}, {RLIMIT_CORE, both(0)}};
  set_identity(plan, cgroup.get());
  int exec_error = -1;
  pid_t pid = spawn_box(plan, exec_error, error);
  fds.close_child_ends();
  if (pid < 0) return nullptr;
  auto session = std::make_unique<BoxSession>(pid, fds.take_control(), fds.take_err(), exec_error,
                                              std::move(cgroup), config_.output_limit_bytes);
  if (!session->await_ready(error)) return nullptr;
  return session;
}

}  // namespace mockroom::runner_sandbox
