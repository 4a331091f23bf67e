#include "job.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "job_child.h"

namespace mockroom::box_init {
namespace {

using runner_sandbox::protocol::Ending;
using runner_sandbox::protocol::Stop;
using Clock = std::chrono::steady_clock;

constexpr int kCpuCheckMs = 10;  // how often the test's CPU time is summed once it matters
constexpr size_t kReadChunk = 64 * 1024;
constexpr int kStatUtimeField = 14;  // /proc/<pid>/stat: utime stime cutime cstime follow
constexpr int kStatTimeFields = 4;

double seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; }

double children_cpu() {
  rusage usage{};
  ::getrusage(RUSAGE_CHILDREN, &usage);
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// CPU seconds of one live process of the box and of the children it has reaped.
double process_cpu(const char* pid) {
  char path[sizeof("/proc//stat") + NAME_MAX], text[1024];
  std::snprintf(path, sizeof(path), "/proc/%s/stat", pid);
  int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  ssize_t n = ::read(fd, text, sizeof(text) - 1);
  ::close(fd);
  if (n <= 0) return 0;
  text[n] = '\0';
  const char* p = std::strrchr(text, ')');  // the command name may hold spaces
  if (!p) return 0;
  long long ticks = 0;
  for (int field = 2; field < kStatUtimeField + kStatTimeFields && *p; ++p)
    if (*p == ' ' && ++field >= kStatUtimeField && field < kStatUtimeField + kStatTimeFields)
      ticks += std::strtoll(p + 1, nullptr, 10);
  return static_cast<double>(ticks) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// CPU seconds of every live process in the namespace but this one.
double live_cpu() {
  DIR* proc = ::opendir("/proc");
  double total = 0;
  while (dirent* e = proc ? ::readdir(proc) : nullptr)
    if (e->d_name[0] >= '1' && e->d_name[0] <= '9' && std::strcmp(e->d_name, "1") != 0)
      total += process_cpu(e->d_name);
  if (proc) ::closedir(proc);
  return total;
}

struct Stream {
  int fd = -1;
  std::string* text = nullptr;
  bool over_limit = false;
};

// Reads what is there; closes the fd at EOF or error.
void drain(Stream& s, size_t limit) {
  char buffer[kReadChunk];
  ssize_t n = ::read(s.fd, buffer, sizeof(buffer));
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
  if (n <= 0) {
    ::close(s.fd);
    s.fd = -1;
    return;
  }
  size_t room = limit > s.text->size() ? limit - s.text->size() : 0;
  s.text->append(buffer, std::min(room, static_cast<size_t>(n)));
  if (static_cast<size_t>(n) > room) s.over_limit = true;
}

int memfd_with(const std::string& text) {
  int fd = ::memfd_create("stdin", MFD_CLOEXEC);
  if (fd < 0) return -1;
  for (size_t done = 0; done < text.size();) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return ::close(fd), -1;
    done += static_cast<size_t>(n);
  }
  return ::lseek(fd, 0, SEEK_SET) == 0 ? fd : (::close(fd), -1);
}

// The host side of one test: its fds, its main process and what became of it.
class Watch {
 public:
  Watch(const Job& job, JobOutput& out) : job_(job), out_(out) {}
  ~Watch();
  bool start();
  void run();

 private:
  int timeout_ms() const;
  void reap(int options);
  void check_limits();
  void finish();

  const Job& job_;
  JobOutput& out_;
  int stdin_fd_ = -1, sigchld_fd_ = -1, error_read_ = -1;
  Stream out_stream_, err_stream_;
  pid_t pid_ = -1;
  bool exited_ = false;
  int status_ = 0;
  rusage usage_{};
  double cpu_before_ = 0;
  Clock::time_point started_, ended_, deadline_, next_cpu_check_;
  Stop stop_ = Stop::kNone;
};

Watch::~Watch() {
  for (int fd : {stdin_fd_, sigchld_fd_, error_read_, out_stream_.fd, err_stream_.fd})
    if (fd >= 0) ::close(fd);
}

bool Watch::start() {
  int out[2], err[2], error[2];
  stdin_fd_ = memfd_with(job_.stdin_text);
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigchld_fd_ = ::signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
  if (stdin_fd_ < 0 || sigchld_fd_ < 0 || ::pipe2(out, O_CLOEXEC) != 0) return false;
  if (::pipe2(err, O_CLOEXEC) != 0) return ::close(out[0]), ::close(out[1]), false;
  if (::pipe2(error, O_CLOEXEC) != 0)
    return ::close(out[0]), ::close(out[1]), ::close(err[0]), ::close(err[1]), false;
  out_stream_ = {out[0], &out_.out, false};
  err_stream_ = {err[0], &out_.err, false};
  error_read_ = error[0];
  ChildPlan plan{stdin_fd_, out[1], err[1], error[1], {}, job_rlimits(job_.header)};
  for (const std::string& arg : job_.argv) plan.argv.push_back(const_cast<char*>(arg.c_str()));
  plan.argv.push_back(nullptr);
  cpu_before_ = children_cpu();
  started_ = Clock::now();
  pid_ = ::fork();
  if (pid_ == 0) child_main(plan);
  for (int fd : {out[1], err[1], error[1]}) ::close(fd);
  return pid_ > 0;
}

int Watch::timeout_ms() const {
  Clock::time_point next = std::min(deadline_, next_cpu_check_);
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(next - Clock::now());
  return static_cast<int>(std::max<int64_t>(0, left.count() + 1));
}

void Watch::reap(int options) {
  int status;
  rusage usage;
  for (pid_t r; (r = ::wait4(-1, &status, options, &usage)) > 0;) {
    if (r != pid_) continue;  // an orphan of the test: reaped, nothing to record
    exited_ = true;
    status_ = status;
    usage_ = usage;
    ended_ = Clock::now();
  }
}

void Watch::check_limits() {
  if (out_stream_.over_limit || err_stream_.over_limit) stop_ = Stop::kOutputLimit;
  Clock::time_point now = Clock::now();
  if (stop_ == Stop::kNone && now >= deadline_) stop_ = Stop::kWallTimeout;
  if (stop_ == Stop::kNone && now >= next_cpu_check_) {
    double used = children_cpu() - cpu_before_ + live_cpu();
    if (used > job_.header.cpu_seconds) stop_ = Stop::kCpuTimeout;
    next_cpu_check_ = now + std::chrono::milliseconds(kCpuCheckMs);
  }
}

void Watch::run() {
  auto span = [](double s) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
  };
  deadline_ = started_ + span(job_.header.wall_seconds);
  long cpus = std::max(1L, ::sysconf(_SC_NPROCESSORS_ONLN));
  next_cpu_check_ = started_ + span(job_.header.cpu_seconds / static_cast<double>(cpus));
  size_t limit = static_cast<size_t>(job_.header.output_limit_bytes);
  while (!exited_ && stop_ == Stop::kNone) {
    pollfd fds[3] = {{sigchld_fd_, POLLIN, 0}, {out_stream_.fd, POLLIN, 0},
                     {err_stream_.fd, POLLIN, 0}};
    if (::poll(fds, 3, timeout_ms()) < 0 && errno != EINTR) break;
    if (fds[1].revents) drain(out_stream_, limit);
    if (fds[2].revents) drain(err_stream_, limit);
    signalfd_siginfo info;
    while (::read(sigchld_fd_, &info, sizeof(info)) > 0) {
    }
    reap(WNOHANG);
    check_limits();
  }
  finish();
}

void Watch::finish() {
  if (!exited_) ended_ = Clock::now();
  // Everything else in the namespace dies now; killing before each wait leaves no window.
  int status;
  rusage usage;
  for (;;) {
    ::kill(-1, SIGKILL);
    pid_t r = ::wait4(-1, &status, 0, &usage);
    if (r < 0 && errno == ECHILD) break;
    if (r == pid_ && !exited_) exited_ = true, status_ = status, usage_ = usage;
  }
  size_t limit = static_cast<size_t>(job_.header.output_limit_bytes);
  while (out_stream_.fd >= 0) drain(out_stream_, limit);
  while (err_stream_.fd >= 0) drain(err_stream_, limit);
  if (stop_ == Stop::kNone && (out_stream_.over_limit || err_stream_.over_limit))
    stop_ = Stop::kOutputLimit;
  auto& r = out_.result;
  int start_error = 0;
  if (::read(error_read_, &start_error, sizeof(start_error)) == sizeof(start_error)) {
    r.ending = Ending::kStartFailed;
    r.code = start_error;
  } else if (WIFSIGNALED(status_)) {
    r.ending = Ending::kSignaled;
    r.code = WTERMSIG(status_);
  } else {
    r.ending = Ending::kExited;
    r.code = WEXITSTATUS(status_);
  }
  r.stop = stop_;
  r.cpu_seconds = children_cpu() - cpu_before_;
  r.wall_seconds = std::chrono::duration<double>(ended_ - started_).count();
  r.max_rss_kb = usage_.ru_maxrss;
}

}  // namespace

void kill_and_reap_all() {
  for (;;) {
    ::kill(-1, SIGKILL);
    if (::waitpid(-1, nullptr, 0) < 0 && errno == ECHILD) return;
  }
}

JobOutput run_job(const Job& job) {
  JobOutput out;
  Watch watch(job, out);
  if (!watch.start()) {
    out.result.ending = Ending::kStartFailed;
    out.result.code = errno;
    kill_and_reap_all();
    return out;
  }
  watch.run();
  return out;
}

}  // namespace mockroom::box_init
