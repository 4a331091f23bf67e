// Integration-test harness: runs the real `mockroom` binary and talks to it over HTTP and
// WebSocket. Beast stays in harness.cpp; test files see only this header.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace mockroom::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::chrono::milliseconds kDefaultRecvTimeout{5000};

// The engine's config file for a test (written into the data dir).
struct EngineConfig {
  nlohmann::json doc;
};

// The config an engine gets unless a test gives its own (EngineConfig or "--config"):
// users without an entitlement are unlimited (billing.defaultTier "unlimited"), so tests
// start as many interviews as they need; the billing tests choose "free".
nlohmann::json default_test_config();

// One `mockroom serve --host 127.0.0.1 --port 0 --data-dir DIR --config FILE [extra args]`
// process (the binary is MOCKROOM_BINARY). The constructor returns once the process printed
// "Mockroom listening on http://127.0.0.1:PORT" and throws std::runtime_error, with
// everything the process printed, if that does not happen within 20 s.
//
// Owns the process, a temporary data directory (kept across kill9() + restart(), removed
// by the destructor unless MOCKROOM_KEEP_TEST_DATA is set) and a thread that drains the
// process's stdout and stderr so it never blocks on a full pipe.
// Threads: use from one test thread.
class EngineProcess {
 public:
  explicit EngineProcess(std::vector<std::string> extra_args = {});
  explicit EngineProcess(EngineConfig config, std::vector<std::string> extra_args = {});
  ~EngineProcess();
  EngineProcess(const EngineProcess&) = delete;
  EngineProcess& operator=(const EngineProcess&) = delete;

  uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  // Everything the current process printed so far, stdout and stderr interleaved.
  std::string output() const;

  // SIGKILL and reap: a crash, for recovery tests.
  void kill9();
  // SIGTERM and wait (SIGKILL after 10 s). Returns the exit code, or 128 + signal.
  int stop();
  // Stops the current process if it runs, then starts a new one on the same data dir.
  void restart();

 private:
  struct Output {  // written by the reader thread, read by the test thread
    mutable std::mutex mutex;
    std::condition_variable changed;
    std::string text;
    bool closed = false;
  };

  void launch();
  void wait_for_listening_line();
  int reap(std::chrono::milliseconds timeout);  // -1 when still running after timeout
  void finish_reader();

  std::vector<std::string> extra_args_;
  nlohmann::json config_;
  std::filesystem::path data_dir_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  std::shared_ptr<Output> output_;
  std::thread reader_;
};

// `mockroom admin create --email EMAIL --password "correct horse battery"` against the
// engine's data dir (the first admin comes from the command line).
void create_admin(const EngineProcess& engine, const std::string& email);

// A temporary directory holding an engine config file (`--config path()`); removed on
// destruction.
class ConfigFile {
 public:
  explicit ConfigFile(const nlohmann::json& doc);
  ~ConfigFile();
  ConfigFile(const ConfigFile&) = delete;
  ConfigFile& operator=(const ConfigFile&) = delete;
  std::string path() const { return (dir_ / "config.json").string(); }

 private:
  std::filesystem::path dir_;
};

struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names

  // The body parsed as JSON; throws std::runtime_error quoting the body if it is not.
  nlohmann::json json() const;
  // A header by lower-case name, "" when absent.
  std::string header(const std::string& name) const;
};

// One HTTP/1.1 request on a fresh connection to 127.0.0.1:port. A non-empty body is sent
// as application/json unless `headers` sets Content-Type; a non-empty token as
// "Authorization: Bearer TOKEN". Throws std::runtime_error on connection errors and
// after 10 s without a response; any HTTP status is a result, not an error.
HttpResult http(uint16_t port, std::string_view method, std::string_view path,
                std::string_view body = {}, std::string_view token = {},
                const Headers& headers = {});

// Sends `request` byte for byte (for malformed requests) and reads one response.
HttpResult raw_http(uint16_t port, std::string_view request);

// One WebSocket frame as it came: text (JSON) or binary (speech audio).
struct WsFrame {
  bool binary = false;
  std::string data;
};

// A WebSocket client for one connection. Frames are JSON text, and binary audio where
// the test asks for it (try_recv_frame).
//
// Owns its own io_context; every call runs it until the call's operation completes or
// times out. A recv() that timed out leaves its read pending, and the next recv()
// continues it, so no frame is lost. Threads: use from one test thread.
class WsClient {
 public:
  WsClient();
  ~WsClient();
  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  // Connects to 127.0.0.1:port and upgrades `path_with_query` ("/ws/interviews/ID?x=y"),
  // with "Authorization: Bearer TOKEN" when a token is given and `headers` added (a Cookie,
  // an Origin). Returns true when the
  // server accepted (connect_status == 101); false when it refused the upgrade, with the
  // refusal's status and body in connect_status and connect_body. Throws on network
  // errors and timeouts.
  bool connect(uint16_t port, std::string_view path_with_query, std::string_view token = {},
               const Headers& headers = {});
  int connect_status = 0;
  std::string connect_body;

  void send(const nlohmann::json& message);
  void send_text(std::string_view text);
  void send_binary(std::string_view data);

  // The next frame, parsed as JSON. Throws std::runtime_error on timeout, on a non-JSON
  // frame, or when the socket closed (with the close code and reason).
  nlohmann::json recv(std::chrono::milliseconds timeout = kDefaultRecvTimeout);
  // Like recv(), but nullopt on timeout.
  std::optional<nlohmann::json> try_recv(std::chrono::milliseconds timeout);
  // The next frame of either kind, unparsed; nullopt on timeout. Throws when the socket closed.
  std::optional<WsFrame> try_recv_frame(std::chrono::milliseconds timeout);
  // Reads until a frame whose "type" is `type` and returns it; the frames skipped on the
  // way are appended to skipped(). Throws on timeout, listing the skipped frames.
  nlohmann::json recv_until(std::string_view type,
                            std::chrono::milliseconds timeout = kDefaultRecvTimeout);
  const std::vector<nlohmann::json>& skipped() const { return skipped_; }
  void clear_skipped() { skipped_.clear(); }

  // Closing handshake (normal closure), bounded by a few seconds. Idempotent.
  void close();
  bool is_open() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<nlohmann::json> skipped_;
};

}  // namespace mockroom::testing
