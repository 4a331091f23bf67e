#include "box_session.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "box_protocol.h"

namespace mockroom::runner_sandbox {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kStartTimeout = std::chrono::seconds(20);
// The driver answers after the wall limit at the latest, plus its cleanup.
constexpr auto kReplyGrace = std::chrono::seconds(2);
constexpr auto kSendTimeout = std::chrono::seconds(10);
constexpr int kShutdownWaitMs = 500;
constexpr size_t kStderrCap = 4096;

// Reads exactly `size` bytes before `deadline`; false on EOF, error or timeout.
bool read_exact(int fd, void* data, size_t size, Clock::time_point deadline, bool& timed_out) {
  char* p = static_cast<char*>(data);
  for (size_t done = 0; done < size;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    pollfd pfd{fd, POLLIN, 0};
    int ready = ::poll(&pfd, 1, static_cast<int>(std::max<int64_t>(0, left.count())));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) return timed_out = true, false;
    ssize_t n = ready < 0 ? -1 : ::read(fd, p + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

bool send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

protocol::JobHeader job_header(const BoxJob& job, bool cgroup, int64_t output_limit) {
  protocol::JobHeader h;
  const Limits& l = job.limits;
  h.cpu_seconds = l.cpu_seconds;
  h.wall_seconds = l.wall_seconds;
  h.memory_kb = l.memory_kb;
  h.max_processes = l.max_processes + kBoxOverheadProcesses;
  h.max_file_kb = l.max_file_kb;
  h.output_limit_bytes = output_limit;
  if (!cgroup && job.address_space == AddressSpace::kLimited)
    h.flags |= static_cast<uint32_t>(protocol::JobFlag::kLimitAddressSpace);
  if (!cgroup) h.flags |= static_cast<uint32_t>(protocol::JobFlag::kLimitProcesses);
  h.argc = static_cast<uint32_t>(job.argv.size());
  for (const std::string& arg : job.argv) h.argv_bytes += static_cast<uint32_t>(arg.size() + 1);
  h.stdin_bytes = job.stdin_text.size();
  return h;
}

Termination termination_of(protocol::Stop stop) {
  switch (stop) {
    case protocol::Stop::kWallTimeout: return Termination::kWallTimeout;
    case protocol::Stop::kCpuTimeout: return Termination::kCpuTimeout;
    case protocol::Stop::kOutputLimit: return Termination::kOutputLimit;
    case protocol::Stop::kNone: break;
  }
  return Termination::kNone;
}

}  // namespace

BoxSession::BoxSession(pid_t pid, int control_fd, int stderr_fd, int exec_error_fd,
                       std::unique_ptr<RunCgroup> cgroup, int64_t output_limit_bytes)
    : pid_(pid),
      control_fd_(control_fd),
      stderr_fd_(stderr_fd),
      exec_error_fd_(exec_error_fd),
      cgroup_(std::move(cgroup)),
      output_limit_bytes_(output_limit_bytes) {
  timeval send_timeout{static_cast<time_t>(kSendTimeout.count()), 0};
  ::setsockopt(control_fd_, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof(send_timeout));
  ::fcntl(stderr_fd_, F_SETFL, O_NONBLOCK);
}

BoxSession::~BoxSession() {
  end_box(Shutdown::kGraceful);
  for (int fd : {control_fd_, stderr_fd_, exec_error_fd_})
    if (fd >= 0) ::close(fd);
  cgroup_.reset();  // kills anything left and removes the group
}

bool BoxSession::await_ready(std::string& error) {
  protocol::DriverHello hello;
  bool timed_out = false;
  if (read_exact(control_fd_, &hello, sizeof(hello), Clock::now() + kStartTimeout, timed_out) &&
      hello.magic == protocol::kHelloMagic && hello.version == protocol::kVersion)
    return usable_ = true;
  int code = 0;
  if (::read(exec_error_fd_, &code, sizeof(code)) == sizeof(code))
    error = std::string("cannot start bubblewrap: ") + std::strerror(code);
  else
    error = "the sandbox did not start" + std::string(timed_out ? " in time" : "") + ": " +
            stderr_text();
  end_box(Shutdown::kGraceful);
  return false;
}

bool BoxSession::idle_and_alive() const {
  pollfd pfd{control_fd_, POLLIN, 0};
  return usable_ && ::poll(&pfd, 1, 0) == 0;  // an idle driver sends nothing
}

bool BoxSession::send_job(const BoxJob& job) {
  protocol::JobHeader header = job_header(job, cgroup_ != nullptr, output_limit_bytes_);
  std::string argv;
  for (const std::string& arg : job.argv) argv.append(arg).push_back('\0');
  return send_all(control_fd_, {reinterpret_cast<const char*>(&header), sizeof(header)}) &&
         send_all(control_fd_, argv) && send_all(control_fd_, job.stdin_text);
}

BoxOutcome BoxSession::run(const BoxJob& job) {
  if (!usable_) return box_failure("the box is no longer usable", false);
  if (job.argv.empty() || job.argv.size() > protocol::kMaxArgs)
    return box_failure("bad command", false);
  if (cgroup_) {
    std::string error;
    if (!cgroup_->apply_limits(job.limits, error)) return box_failure(error, false);
    cgroup_->reset_peak_memory();
    oom_kills_before_ = cgroup_->oom_kills();
  }
  if (!send_job(job)) return box_failure("cannot send the job to the box", false);
  return read_result(job);
}

BoxOutcome BoxSession::read_result(const BoxJob& job) {
  auto wall = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(job.limits.wall_seconds));
  Clock::time_point deadline = Clock::now() + wall + kReplyGrace;
  protocol::JobResult r;
  bool timed_out = false;
  if (!read_exact(control_fd_, &r, sizeof(r), deadline, timed_out) ||
      r.magic != protocol::kResultMagic)
    return box_failure("the box stopped answering", timed_out);
  uint64_t cap = static_cast<uint64_t>(output_limit_bytes_);
  if (r.stdout_bytes > cap || r.stderr_bytes > cap)
    return box_failure("the box sent too much output", false);
  BoxOutcome o;
  o.stdout_text.resize(r.stdout_bytes);
  o.stderr_text.resize(r.stderr_bytes);
  if (!read_exact(control_fd_, o.stdout_text.data(), r.stdout_bytes, deadline, timed_out) ||
      !read_exact(control_fd_, o.stderr_text.data(), r.stderr_bytes, deadline, timed_out))
    return box_failure("the box stopped answering", timed_out);
  if (!r.scratch_clean) usable_ = false;  // this result stands; the next test gets a new box
  o.termination = termination_of(r.stop);
  if (r.ending == protocol::Ending::kStartFailed)
    o.internal_error = "cannot start " + job.argv.front() + ": " + std::strerror(r.code);
  (r.ending == protocol::Ending::kSignaled ? o.exit_signal : o.exit_code) = r.code;
  o.cpu_seconds = r.cpu_seconds;
  o.wall_seconds = r.wall_seconds;
  int64_t peak = cgroup_ ? cgroup_->peak_memory_kb() : -1;
  o.memory_kb = peak >= 0 ? peak : r.max_rss_kb;
  o.memory_by_cgroup = cgroup_ != nullptr;
  o.oom_killed = cgroup_ && cgroup_->oom_kills() > oom_kills_before_;
  return o;
}

// The box ended or hung in the middle of a job: an OOM kill in its cgroup explains it;
// a hang is a wall-clock timeout; anything else is the sandbox's own failure.
BoxOutcome BoxSession::box_failure(const std::string& why, bool timed_out) {
  std::string details = stderr_text();
  end_box(Shutdown::kKill);
  BoxOutcome o;
  o.memory_by_cgroup = cgroup_ != nullptr;
  o.oom_killed = cgroup_ && cgroup_->oom_kills() > oom_kills_before_;
  if (timed_out) o.termination = Termination::kWallTimeout;
  if (o.oom_killed || timed_out) o.exit_signal = SIGKILL;
  else o.internal_error = why + (details.empty() ? "" : ": " + details);
  return o;
}

std::string BoxSession::stderr_text() {
  std::string text;
  char buffer[kStderrCap];
  ssize_t n;
  while (text.size() < kStderrCap && (n = ::read(stderr_fd_, buffer, sizeof(buffer))) > 0)
    text.append(buffer, static_cast<size_t>(n));
  return text;
}

// Closing the control socket makes the driver kill everything and exit; a driver that
// does not is killed with bwrap (--die-with-parent).
void BoxSession::end_box(Shutdown how) {
  usable_ = false;
  if (pid_ <= 0) return;
  if (control_fd_ >= 0) ::shutdown(control_fd_, SHUT_RDWR);
  int pidfd = how == Shutdown::kGraceful ? static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0)) : -1;
  pollfd pfd{pidfd, POLLIN, 0};
  if (pidfd >= 0) ::poll(&pfd, 1, kShutdownWaitMs);
  if (pidfd >= 0) ::close(pidfd);
  if (::waitpid(pid_, nullptr, WNOHANG) != pid_) {
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  pid_ = -1;
  if (cgroup_) cgroup_->kill_all();
}

}  // namespace mockroom::runner_sandbox
