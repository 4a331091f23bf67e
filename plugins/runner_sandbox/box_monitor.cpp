#include "box_monitor.h"

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mockroom::runner_sandbox {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kCpuCheckMs = 20;    // how often the cgroup's CPU time is compared to the limit
constexpr int kNoPidfdTickMs = 5;  // reaping by polling when pidfd_open is unavailable
constexpr auto kDrainGrace = std::chrono::milliseconds(200);
constexpr size_t kReadChunk = 16 * 1024;
constexpr int kSignalExitBase = 128;  // bwrap reports "killed by signal N" as 128 + N
constexpr int kMaxSignal = 64;

struct Stream {
  int fd = -1;
  std::string text;
  bool over_limit = false;
};

// Reads what is available; returns false at EOF or error (and closes the fd).
bool drain(Stream& s, size_t limit) {
  char buffer[kReadChunk];
  ssize_t n = ::read(s.fd, buffer, sizeof(buffer));
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return true;
  if (n <= 0) {
    ::close(s.fd);
    s.fd = -1;
    return false;
  }
  size_t room = limit > s.text.size() ? limit - s.text.size() : 0;
  s.text.append(buffer, std::min(room, static_cast<size_t>(n)));
  if (static_cast<size_t>(n) > room) s.over_limit = true;
  return true;
}

class Watcher {
 public:
  explicit Watcher(const BoxWatch& w);
  BoxOutcome run();

 private:
  int poll_timeout_ms() const;
  void poll_once();
  void enforce_limits();
  void kill_tree();
  void reap(int options);
  bool finished() const;
  BoxOutcome outcome();

  const BoxWatch& w_;
  Stream out_, err_, status_, exec_error_;
  int pidfd_ = -1;
  bool reaped_ = false;
  int wait_status_ = 0;
  rusage usage_{};
  Termination termination_ = Termination::kNone;
  Clock::time_point deadline_, ended_;
};

Watcher::Watcher(const BoxWatch& w) : w_(w) {
  out_.fd = w.stdout_read;
  err_.fd = w.stderr_read;
  status_.fd = w.status_read;
  exec_error_.fd = w.exec_error_read;
  pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, w.pid, 0));
  deadline_ = w.started + std::chrono::duration_cast<Clock::duration>(
                              std::chrono::duration<double>(w.limits.wall_seconds));
}

int Watcher::poll_timeout_ms() const {
  if (reaped_) return static_cast<int>(kDrainGrace.count());
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
  int ms = static_cast<int>(std::max<int64_t>(0, left.count() + 1));
  if (termination_ != Termination::kNone || pidfd_ < 0) ms = std::min(ms, kNoPidfdTickMs);
  if (w_.cgroup && w_.cgroup->cpu_seconds() >= 0) ms = std::min(ms, kCpuCheckMs);
  return ms;
}

void Watcher::poll_once() {
  Stream* streams[] = {&out_, &err_, &status_, &exec_error_};
  pollfd fds[5];
  int count = 0;
  for (Stream* s : streams)
    if (s->fd >= 0) fds[count++] = {s->fd, POLLIN, 0};
  if (pidfd_ >= 0 && !reaped_) fds[count++] = {pidfd_, POLLIN, 0};
  if (::poll(fds, count, poll_timeout_ms()) < 0 && errno != EINTR) return;
  size_t limit = static_cast<size_t>(w_.output_limit_bytes);
  for (Stream* s : streams)
    if (s->fd >= 0) {
      for (int i = 0; i < count; ++i)
        if (fds[i].fd == s->fd && fds[i].revents != 0) drain(*s, limit);
    }
  if (!reaped_) reap(WNOHANG);
}

void Watcher::reap(int options) {
  pid_t r = ::wait4(w_.pid, &wait_status_, options, &usage_);
  if (r == w_.pid) {
    reaped_ = true;
    ended_ = Clock::now();
    if (w_.cgroup) w_.cgroup->kill_all();  // orphans die with the box
  }
}

void Watcher::enforce_limits() {
  if (termination_ != Termination::kNone || reaped_) return;
  if (out_.over_limit || err_.over_limit) termination_ = Termination::kOutputLimit;
  else if (Clock::now() >= deadline_) termination_ = Termination::kWallTimeout;
  else if (w_.cgroup && w_.cgroup->cpu_seconds() > w_.limits.cpu_seconds)
    termination_ = Termination::kCpuTimeout;
  if (termination_ != Termination::kNone) kill_tree();
}

void Watcher::kill_tree() {
  ::kill(-w_.pid, SIGKILL);
  ::kill(w_.pid, SIGKILL);
  if (w_.cgroup) w_.cgroup->kill_all();
}

bool Watcher::finished() const {
  if (!reaped_) return false;
  bool pipes_open = out_.fd >= 0 || err_.fd >= 0 || status_.fd >= 0;
  return !pipes_open || Clock::now() - ended_ > kDrainGrace;
}

BoxOutcome Watcher::run() {
  while (!finished()) {
    poll_once();
    enforce_limits();
  }
  kill_tree();  // anything that still holds a pipe
  for (Stream* s : {&out_, &err_, &status_, &exec_error_})
    if (s->fd >= 0) ::close(s->fd);
  if (pidfd_ >= 0) ::close(pidfd_);
  return outcome();
}

BoxOutcome Watcher::outcome() {
  BoxOutcome o;
  o.termination = termination_;
  o.wall_seconds = std::chrono::duration<double>(ended_ - w_.started).count();
  o.stdout_text = std::move(out_.text);
  o.stderr_text = std::move(err_.text);
  double cg_cpu = w_.cgroup ? w_.cgroup->cpu_seconds() : -1;
  o.cpu_seconds = cg_cpu >= 0 ? cg_cpu
                              : usage_.ru_utime.tv_sec + usage_.ru_stime.tv_sec +
                                    (usage_.ru_utime.tv_usec + usage_.ru_stime.tv_usec) / 1e6;
  int64_t cg_peak = w_.cgroup ? w_.cgroup->peak_memory_kb() : -1;
  o.memory_kb = cg_peak >= 0 ? cg_peak : usage_.ru_maxrss;
  o.memory_by_cgroup = w_.cgroup != nullptr;
  o.oom_killed = w_.cgroup && w_.cgroup->oom_killed();
  if (exec_error_.text.size() >= sizeof(int)) {
    int code;
    std::memcpy(&code, exec_error_.text.data(), sizeof(code));
    o.internal_error = std::string("cannot start bubblewrap: ") + std::strerror(code);
  } else if (status_.text.find("\"child-pid\"") == std::string::npos && termination_ == Termination::kNone) {
    o.internal_error = "the sandbox did not start: " + o.stderr_text;
  } else if (WIFEXITED(wait_status_)) {
    int code = WEXITSTATUS(wait_status_);
    bool by_signal = code > kSignalExitBase && code <= kSignalExitBase + kMaxSignal;
    (by_signal ? o.exit_signal : o.exit_code) = by_signal ? code - kSignalExitBase : code;
  } else if (WIFSIGNALED(wait_status_)) {
    o.exit_signal = WTERMSIG(wait_status_);
  }
  return o;
}

}  // namespace

BoxOutcome watch_box(const BoxWatch& watch) { return Watcher(watch).run(); }

}  // namespace mockroom::runner_sandbox
