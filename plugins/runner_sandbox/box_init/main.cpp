// mockroom_box_init: the driver of a reusable box (see ../box_protocol.h).
//
// bubblewrap starts it as PID 1 of the box (--as-pid-1), after the seccomp filter, the
// namespaces and the uid change, so it is exactly as confined as the programs it runs.
// Being PID 1 it cannot be killed from inside the box, and it is not dumpable, so the
// candidate, which runs as the same uid, can neither ptrace it nor open its /proc files.
// It reads jobs from the host, runs each (job.h), empties the scratch directories
// (scratch.h) and answers; it exits at EOF, which takes every process of the box with it.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>

#include "job.h"
#include "scratch.h"

namespace mockroom::box_init {
namespace {

namespace protocol = runner_sandbox::protocol;

constexpr int kControlFd = protocol::kDriverControlFd;
constexpr int kFirstUnusedFd = 3;  // 0: control socket, 1 and 2: the box's stderr pipe

enum class Read { kOk, kEof, kBad };

Read read_exact(void* data, size_t size) {
  char* p = static_cast<char*>(data);
  for (size_t done = 0; done < size;) {
    ssize_t n = ::read(kControlFd, p + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return done == 0 && n == 0 ? Read::kEof : Read::kBad;
    done += static_cast<size_t>(n);
  }
  return Read::kOk;
}

bool write_all(const void* data, size_t size) {
  const char* p = static_cast<const char*>(data);
  for (size_t done = 0; done < size;) {
    ssize_t n = ::send(kControlFd, p + done, size - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

bool valid(const protocol::JobHeader& h) {
  return h.magic == protocol::kJobMagic && h.argc >= 1 && h.argc <= protocol::kMaxArgs &&
         h.argv_bytes <= protocol::kMaxArgvBytes && h.stdin_bytes <= protocol::kMaxStdinBytes &&
         h.output_limit_bytes > 0 && h.cpu_seconds > 0 && h.wall_seconds > 0;
}

// Splits `argc` NUL-terminated strings; false if they do not fill `text` exactly.
bool split_argv(const std::string& text, uint32_t argc, std::vector<std::string>& argv) {
  size_t start = 0;
  for (uint32_t i = 0; i < argc; ++i) {
    size_t end = text.find('\0', start);
    if (end == std::string::npos) return false;
    argv.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return start == text.size() && argv.front().size() > 1 && argv.front()[0] == '/';
}

Read read_job(Job& job) {
  Read r = read_exact(&job.header, sizeof(job.header));
  if (r != Read::kOk) return r;
  if (!valid(job.header)) return Read::kBad;
  std::string argv(job.header.argv_bytes, '\0');
  job.stdin_text.resize(job.header.stdin_bytes);
  if (read_exact(argv.data(), argv.size()) != Read::kOk ||
      read_exact(job.stdin_text.data(), job.stdin_text.size()) != Read::kOk)
    return Read::kBad;
  return split_argv(argv, job.header.argc, job.argv) ? Read::kOk : Read::kBad;
}

bool send_output(JobOutput& out) {
  out.result.stdout_bytes = out.out.size();
  out.result.stderr_bytes = out.err.size();
  return write_all(&out.result, sizeof(out.result)) && write_all(out.out.data(), out.out.size()) &&
         write_all(out.err.data(), out.err.size());
}

bool set_up() {
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  return ::prctl(PR_SET_DUMPABLE, 0) == 0 && ::signal(SIGPIPE, SIG_IGN) != SIG_ERR &&
         ::sigprocmask(SIG_BLOCK, &chld, nullptr) == 0 &&
         ::syscall(SYS_close_range, kFirstUnusedFd, UINT_MAX, 0) == 0;
}

int serve() {
  protocol::DriverHello hello;
  if (!write_all(&hello, sizeof(hello))) return 1;
  for (;;) {
    Job job;
    Read r = read_job(job);
    if (r == Read::kEof) return 0;
    if (r == Read::kBad) return std::fputs("box_init: malformed job\n", stderr), 1;
    JobOutput out = run_job(job);
    out.result.scratch_clean = clean_scratch() ? 1 : 0;
    if (!send_output(out) || !out.result.scratch_clean) return 0;
  }
}

}  // namespace
}  // namespace mockroom::box_init

int main() {
  if (!mockroom::box_init::set_up()) {
    std::fprintf(stderr, "box_init: setup failed: %s\n", std::strerror(errno));
    return 1;
  }
  if (getpid() != 1) {
    std::fputs("box_init: must run as PID 1 of the box\n", stderr);
    return 1;
  }
  int code = mockroom::box_init::serve();
  mockroom::box_init::kill_and_reap_all();
  return code;
}
