#include "llm/engine_child.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace mockroom::bench::llm {
namespace {

using std::chrono::milliseconds;

constexpr auto kStartTimeout = std::chrono::seconds(20);
constexpr auto kStopTimeout = std::chrono::seconds(10);
constexpr milliseconds kPoll{20};
constexpr std::string_view kListening = "Mockroom listening on http://127.0.0.1:";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

uint16_t find_port(const std::string& log) {
  std::size_t at = log.find(kListening);
  if (at == std::string::npos) return 0;
  std::size_t digits = at + kListening.size();
  std::size_t end = log.find('\n', digits);
  if (end == std::string::npos || end == digits) return 0;  // the line is not complete yet
  return static_cast<uint16_t>(std::strtoul(log.substr(digits, end - digits).c_str(), nullptr, 10));
}

// Waits up to `timeout` for `pid` to exit; true once it has been reaped.
bool reap(pid_t pid, std::chrono::steady_clock::duration timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno == ECHILD)) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(kPoll);
  }
}

}  // namespace

EngineChild::EngineChild(const std::string& binary, const std::filesystem::path& dir, const nlohmann::json& config)
    : log_(dir / "engine.log") {
  std::filesystem::create_directories(dir / "data");
  std::ofstream(dir / "config.json") << config.dump(2) << "\n";
  std::vector<std::string> args = {binary,   "serve", "--host", "127.0.0.1", "--port", "0", "--data-dir",
                                   (dir / "data").string(), "--config", (dir / "config.json").string()};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  int rc = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + binary + ": " + std::strerror(rc));

  auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while ((port_ = find_port(read_file(log_))) == 0) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("the engine exited before it was listening; its log:\n" + log_tail());
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      stop();
      throw std::runtime_error("the engine printed no listening line within 20 s; its log:\n" + log_tail());
    }
    std::this_thread::sleep_for(kPoll);
  }
}

EngineChild::~EngineChild() { stop(); }

void EngineChild::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  if (!reap(pid_, kStopTimeout)) {
    ::kill(pid_, SIGKILL);
    reap(pid_, kStopTimeout);
  }
  pid_ = -1;
}

std::optional<double> EngineChild::cpu_seconds() const {
  if (pid_ <= 0) return std::nullopt;
  std::string stat = read_file("/proc/" + std::to_string(pid_) + "/stat");
  // Fields after the command name, which is in parentheses and may hold spaces.
  std::size_t close = stat.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(stat.substr(close + 2));
  std::string field;
  long ticks = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::strtol(field.c_str(), nullptr, 10);  // utime, stime
  }
  long per_second = sysconf(_SC_CLK_TCK);
  if (per_second <= 0) return std::nullopt;
  return static_cast<double>(ticks) / static_cast<double>(per_second);
}

std::string EngineChild::log_tail(std::size_t bytes) const {
  std::string log = read_file(log_);
  return log.size() > bytes ? log.substr(log.size() - bytes) : log;
}

TempDir::TempDir(const std::string& prefix) {
  std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "XXXXXX")).string();
  if (!mkdtemp(pattern.data())) {
    throw std::runtime_error("cannot create a temporary directory: " + std::string(std::strerror(errno)));
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace mockroom::bench::llm
