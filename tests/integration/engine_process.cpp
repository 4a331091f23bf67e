// EngineProcess (declared in harness.h): the real engine as a child process.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <algorithm>
#include <fstream>
#include <stdexcept>

#include "harness.h"

extern char** environ;

namespace mockroom::testing {
namespace {

constexpr auto kStartTimeout = std::chrono::seconds(20);
constexpr auto kStopTimeout = std::chrono::seconds(10);
// After the process is gone, how long the reader may still take to see end-of-file
// (a grandchild could hold the pipe open).
constexpr auto kReaderDrainTimeout = std::chrono::seconds(2);
constexpr int kReaderPollMillis = 100;
constexpr auto kReapPollInterval = std::chrono::milliseconds(10);
constexpr int kUnknownExitStatus = 255;
constexpr std::size_t kMaxCapturedOutput = 1 << 20;  // older output is dropped beyond this
constexpr std::string_view kListeningPrefix = "Mockroom listening on http://127.0.0.1:";

std::string errno_text(int error) { return std::strerror(error); }

std::filesystem::path make_temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "mockroom-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) {
    throw std::runtime_error("Cannot create a temporary data dir: " + errno_text(errno));
  }
  return pattern;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// The port from the first complete listening line in `text`, or 0. The line may appear
// twice (the log and the plain stdout line), one possibly torn by interleaved output.
uint16_t find_port(const std::string& text) {
  for (std::size_t at = text.find(kListeningPrefix); at != std::string::npos;
       at = text.find(kListeningPrefix, at + 1)) {
    std::size_t digits = at + kListeningPrefix.size();
    std::size_t end = text.find_first_not_of("0123456789", digits);
    if (end != std::string::npos && end != digits && text[end] == '\n') {
      return static_cast<uint16_t>(std::stoul(text.substr(digits, end - digits)));
    }
  }
  return 0;
}

}  // namespace

nlohmann::json default_test_config() { return {{"billing", {{"defaultTier", "unlimited"}}}}; }

EngineProcess::EngineProcess(std::vector<std::string> extra_args)
    : EngineProcess(EngineConfig{default_test_config()}, std::move(extra_args)) {}

EngineProcess::EngineProcess(EngineConfig config, std::vector<std::string> extra_args)
    : extra_args_(std::move(extra_args)), config_(std::move(config.doc)), data_dir_(make_temp_dir()) {
  try {
    launch();
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove_all(data_dir_, ignored);
    throw;
  }
}

EngineProcess::~EngineProcess() {
  try {
    if (running()) stop();
  } catch (...) {
  }
  finish_reader();
  if (std::getenv("MOCKROOM_KEEP_TEST_DATA")) {
    std::fprintf(stderr, "kept test data dir %s\n", data_dir_.c_str());
  } else {
    std::error_code ignored;
    std::filesystem::remove_all(data_dir_, ignored);
  }
}

std::string EngineProcess::output() const {
  if (!output_) return {};
  std::lock_guard lock(output_->mutex);
  return output_->text;
}

void EngineProcess::launch() {
  finish_reader();
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed: " + errno_text(errno));

  std::vector<std::string> args = {MOCKROOM_BINARY, "serve", "--host",     "127.0.0.1",
                                   "--port",        "0",     "--data-dir", data_dir_.string()};
  if (std::find(extra_args_.begin(), extra_args_.end(), "--config") == extra_args_.end()) {
    std::string path = (data_dir_ / "test-config.json").string();
    std::ofstream(path) << config_.dump(2);
    args.insert(args.end(), {"--config", path});
  }
  args.insert(args.end(), extra_args_.begin(), extra_args_.end());
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, MOCKROOM_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    throw std::runtime_error(std::string("Cannot start ") + MOCKROOM_BINARY + ": " +
                             errno_text(rc));
  }
  pid_ = pid;
  port_ = 0;

  output_ = std::make_shared<Output>();
  reader_ = std::thread([out = output_, fd = fds[0]] {
    char chunk[4096];
    for (;;) {
      pollfd p{fd, POLLIN, 0};
      int ready = poll(&p, 1, kReaderPollMillis);
      {
        std::lock_guard lock(out->mutex);
        if (out->closed) break;  // finish_reader() gave up waiting for end-of-file
      }
      if (ready <= 0) continue;
      ssize_t n = read(fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      std::lock_guard lock(out->mutex);
      out->text.append(chunk, static_cast<std::size_t>(n));
      if (out->text.size() > kMaxCapturedOutput) {
        out->text.erase(0, out->text.size() - kMaxCapturedOutput);
      }
      out->changed.notify_all();
    }
    close(fd);
    std::lock_guard lock(out->mutex);
    out->closed = true;
    out->changed.notify_all();
  });
  wait_for_listening_line();
}

void EngineProcess::wait_for_listening_line() {
  std::string printed;
  {
    std::unique_lock lock(output_->mutex);
    output_->changed.wait_for(lock, kStartTimeout, [&] {
      port_ = find_port(output_->text);
      return port_ != 0 || output_->closed;
    });
    if (port_ != 0) return;
    printed = output_->text;
  }
  std::string reason;
  int code = reap(std::chrono::seconds(1));
  if (code >= 0) {
    reason = "it exited with status " + std::to_string(code);
  } else {
    reason = "it printed no \"" + std::string(kListeningPrefix) + "PORT\" line within " +
             std::to_string(kStartTimeout.count()) + " s";
    kill9();
  }
  finish_reader();
  throw std::runtime_error("mockroom did not start: " + reason +
                           "\ndata dir: " + data_dir_.string() + "\nits output:\n" + printed);
}

int EngineProcess::reap(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      pid_ = -1;
      return decode_status(status);
    }
    if (done < 0 && errno == ECHILD) {  // already reaped elsewhere: gone, status unknown
      pid_ = -1;
      return kUnknownExitStatus;
    }
    if (std::chrono::steady_clock::now() >= deadline) return -1;
    std::this_thread::sleep_for(kReapPollInterval);
  }
}

void EngineProcess::kill9() {
  if (!running()) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  finish_reader();
}

int EngineProcess::stop() {
  if (!running()) return 0;
  ::kill(pid_, SIGTERM);
  int code = reap(kStopTimeout);
  if (code < 0) {
    std::fprintf(stderr, "mockroom (pid %d) ignored SIGTERM for %lld s; killing it\n", pid_,
                 static_cast<long long>(kStopTimeout.count()));
    kill9();
    code = 128 + SIGKILL;
  }
  finish_reader();
  return code;
}

void EngineProcess::restart() {
  if (running()) stop();
  launch();
}

void EngineProcess::finish_reader() {
  if (!reader_.joinable()) return;
  {
    std::unique_lock lock(output_->mutex);
    output_->changed.wait_for(lock, kReaderDrainTimeout, [&] { return output_->closed; });
    output_->closed = true;  // tells a reader still waiting on a held-open pipe to stop
  }
  reader_.join();
}

// The password goes through standard input (--password-file -), as scripts/run passes it.
void create_admin(const EngineProcess& engine, const std::string& email) {
  std::string dir = engine.data_dir().string();
  int to_child[2];
  if (pipe(to_child) != 0) throw std::runtime_error("cannot make a pipe for mockroom admin create");
  pid_t pid = fork();
  if (pid == 0) {
    int null_fd = open("/dev/null", O_WRONLY);
    if (null_fd >= 0) dup2(null_fd, STDOUT_FILENO);
    dup2(to_child[0], STDIN_FILENO);
    close(to_child[0]);
    close(to_child[1]);
    execl(MOCKROOM_BINARY, "mockroom", "admin", "create", "--email", email.c_str(), "--password-file", "-",
          "--data-dir", dir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(to_child[0]);
  const std::string line = "correct horse battery\n";
  if (write(to_child[1], line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
    close(to_child[1]);
    throw std::runtime_error("cannot send the password to mockroom admin create");
  }
  close(to_child[1]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("mockroom admin create failed");
}

ConfigFile::ConfigFile(const nlohmann::json& doc) {
  std::string pattern = (std::filesystem::temp_directory_path() / "mockroom-config-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary config dir");
  dir_ = pattern;
  std::ofstream(path()) << doc.dump(2);
}

ConfigFile::~ConfigFile() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

}  // namespace mockroom::testing
