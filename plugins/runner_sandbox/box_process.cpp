#include "box_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>

#include "box_command.h"

namespace mockroom::runner_sandbox {
namespace {

[[noreturn]] void fail_child(int error_fd) {
  int code = errno;
  ssize_t ignored = ::write(error_fd, &code, sizeof(code));
  (void)ignored;
  ::_exit(127);
}

void reset_signals() {
  struct sigaction dfl;
  std::memset(&dfl, 0, sizeof(dfl));
  dfl.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig)
    if (sig != SIGKILL && sig != SIGSTOP) ::sigaction(sig, &dfl, nullptr);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

// Moves plan.fds[i] to fd i (a negative entry leaves fd i closed) and closes everything
// else. Returns false on failure.
bool arrange_fds(const SpawnPlan& plan, int error_fd) {
  const int count = static_cast<int>(plan.fds.size());
  int temp[64];
  if (count > 64) return false;
  for (int i = 0; i < count; ++i) {
    int source = i == kChildExecErrorFd ? error_fd : plan.fds[i];
    temp[i] = source < 0 ? -1 : ::fcntl(source, F_DUPFD, count);
    if (source >= 0 && temp[i] < 0) return false;
  }
  for (int i = 0; i < count; ++i) {
    if (temp[i] < 0) ::close(i);
    else if (::dup2(temp[i], i) < 0) return false;
  }
  if (::syscall(SYS_close_range, count, UINT_MAX, 0) != 0)
    for (int fd = count; fd < 65536; ++fd) ::close(fd);
  return ::fcntl(kChildExecErrorFd, F_SETFD, FD_CLOEXEC) == 0;
}

bool drop_privileges(const SpawnPlan& plan) {
  if (!plan.drop_privileges) return true;
  return ::syscall(SYS_setgroups, 0, nullptr) == 0 &&
         ::syscall(SYS_setresgid, plan.gid, plan.gid, plan.gid) == 0 &&
         ::syscall(SYS_setresuid, plan.uid, plan.uid, plan.uid) == 0;
}

[[noreturn]] void child_main(const SpawnPlan& plan, int error_fd, pid_t parent) {
  reset_signals();
  if (::setpgid(0, 0) != 0) fail_child(error_fd);
  for (int fd : plan.cgroup_join_fds)
    if (::write(fd, "0", 1) != 1) fail_child(error_fd);
  if (!arrange_fds(plan, error_fd)) fail_child(error_fd);
  // From here on the error pipe is kChildExecErrorFd. Limits come after the fd shuffle,
  // which may briefly need fd numbers above the RLIMIT_NOFILE of the box.
  for (const auto& [resource, limit] : plan.rlimits)
    if (::setrlimit(static_cast<__rlimit_resource>(resource), &limit) != 0)
      fail_child(kChildExecErrorFd);
  if (!drop_privileges(plan)) fail_child(kChildExecErrorFd);
  // Set after the uid change, which would clear it; bwrap dies if the host does.
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent)
    fail_child(kChildExecErrorFd);
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail_child(kChildExecErrorFd);
  char* empty_env[] = {nullptr};
  ::execve(plan.argv_ptrs[0], plan.argv_ptrs.data(), empty_env);
  fail_child(kChildExecErrorFd);
}

}  // namespace

SpawnPlan::SpawnPlan(std::vector<std::string> args, std::vector<int> child_fds)
    : argv(std::move(args)), fds(std::move(child_fds)) {
  for (std::string& arg : argv) argv_ptrs.push_back(arg.data());
  argv_ptrs.push_back(nullptr);
}

pid_t spawn_box(const SpawnPlan& plan, int& exec_error_read, std::string& error) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
    error = std::string("pipe: ") + std::strerror(errno);
    return -1;
  }
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid == 0) child_main(plan, pipe_fds[1], parent);
  ::close(pipe_fds[1]);
  if (pid < 0) {
    error = std::string("fork: ") + std::strerror(errno);
    ::close(pipe_fds[0]);
    return -1;
  }
  ::setpgid(pid, pid);  // also done by the child; whichever runs first wins the race
  exec_error_read = pipe_fds[0];
  return pid;
}

}  // namespace mockroom::runner_sandbox
