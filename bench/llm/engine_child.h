// The engine under test as a child process:
//   mockroom serve --host 127.0.0.1 --port 0 --data-dir DIR/data --config DIR/config.json
// with its stdout and stderr in DIR/engine.log. The constructor returns once the engine
// printed "Mockroom listening on http://127.0.0.1:PORT" and throws std::runtime_error,
// quoting the log, if it exits first or does not within 20 s. The destructor stops it
// (SIGTERM, then SIGKILL after 10 s). DIR must exist; it is not removed here.
// Threads: use from one thread.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace mockroom::bench::llm {

class EngineChild {
 public:
  EngineChild(const std::string& binary, const std::filesystem::path& dir, const nlohmann::json& config);
  ~EngineChild();
  EngineChild(const EngineChild&) = delete;
  EngineChild& operator=(const EngineChild&) = delete;

  uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  // User plus system CPU seconds the engine has used, from /proc; nullopt when unknown.
  std::optional<double> cpu_seconds() const;
  // The last `bytes` of its log.
  std::string log_tail(std::size_t bytes = 4000) const;

 private:
  void stop();

  std::filesystem::path log_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
};

// A fresh directory in the temporary directory ($TMPDIR), removed with everything in it on destruction.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace mockroom::bench::llm
