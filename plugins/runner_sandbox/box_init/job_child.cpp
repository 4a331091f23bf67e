#include "job_child.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cmath>

#include "../limits.h"

extern char** environ;

namespace mockroom::box_init {
namespace {

using runner_sandbox::protocol::JobFlag;
using runner_sandbox::protocol::JobHeader;

constexpr rlim_t kBytesPerKb = 1024;
constexpr int kChildErrorFd = 3;
constexpr char kWorkDir[] = "/box";

rlimit both(rlim_t value) { return rlimit{value, value}; }

bool has(const JobHeader& h, JobFlag flag) { return (h.flags & static_cast<uint32_t>(flag)) != 0; }

[[noreturn]] void fail(int fd) {
  int code = errno;
  ssize_t ignored = ::write(fd, &code, sizeof(code));
  (void)ignored;
  ::_exit(127);
}

void reset_signals() {
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig)
    if (sig != SIGKILL && sig != SIGSTOP) ::sigaction(sig, &dfl, nullptr);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

}  // namespace

std::vector<std::pair<int, rlimit>> job_rlimits(const JobHeader& h) {
  rlim_t cpu = static_cast<rlim_t>(std::ceil(h.cpu_seconds)) +
               static_cast<rlim_t>(runner_sandbox::kCpuRlimitGraceSeconds);
  std::vector<std::pair<int, rlimit>> r = {
      {RLIMIT_CPU, rlimit{cpu, cpu + static_cast<rlim_t>(runner_sandbox::kCpuRlimitGraceSeconds)}},
      {RLIMIT_FSIZE, both(static_cast<rlim_t>(h.max_file_kb) * kBytesPerKb)},
      {RLIMIT_NOFILE, both(static_cast<rlim_t>(runner_sandbox::kOpenFilesLimit))},
      {RLIMIT_CORE, both(0)},
      {RLIMIT_STACK, both(static_cast<rlim_t>(runner_sandbox::kStackLimitKb) * kBytesPerKb)}};
  if (has(h, JobFlag::kLimitAddressSpace))
    r.push_back({RLIMIT_AS, both(static_cast<rlim_t>(h.memory_kb) * kBytesPerKb)});
  if (has(h, JobFlag::kLimitProcesses))
    r.push_back({RLIMIT_NPROC, both(static_cast<rlim_t>(h.max_processes))});
  return r;
}

void child_main(const ChildPlan& plan) {
  reset_signals();
  // The driver's own 0-2 are taken, so every source fd is above 2 and cannot be clobbered.
  if (::dup2(plan.stdin_fd, 0) < 0 || ::dup2(plan.stdout_fd, 1) < 0 ||
      ::dup2(plan.stderr_fd, 2) < 0 || ::dup2(plan.exec_error_fd, kChildErrorFd) < 0)
    fail(plan.exec_error_fd);
  if (::syscall(SYS_close_range, kChildErrorFd + 1, UINT_MAX, 0) != 0) fail(kChildErrorFd);
  if (::fcntl(kChildErrorFd, F_SETFD, FD_CLOEXEC) != 0) fail(kChildErrorFd);
  for (const auto& [resource, limit] : plan.rlimits)
    if (::setrlimit(static_cast<__rlimit_resource>(resource), &limit) != 0) fail(kChildErrorFd);
  if (::chdir(kWorkDir) != 0) fail(kChildErrorFd);
  ::execve(plan.argv[0], plan.argv.data(), environ);
  fail(kChildErrorFd);
}

}  // namespace mockroom::box_init
