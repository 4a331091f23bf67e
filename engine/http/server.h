// The HTTP/WebSocket front end of the engine: the only engine/http header the rest of the
// engine includes. Beast and Asio stay behind the pimpl so that no other translation unit
// pays for them.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "api/http_types.h"

namespace mockroom::http {

inline constexpr int kWorkerNice = 5;

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;                    // 0 picks a free port; Server::port() tells which
  int io_threads = 0;                      // 0 = std::thread::hardware_concurrency()
  int worker_threads = 4;                  // threads that run Application calls (which may block)
  // Added to the workers' nice value: the IO threads (and provider streams on a
  // util::CallPool) come first, so a burst of turns' CPU work does not hold up bytes that
  // are ready to go out.
  int worker_nice = kWorkerNice;
  std::size_t body_limit = 1 << 20;        // larger request bodies get 413
  std::chrono::seconds read_timeout{30};   // to read one request, and keep-alive idle time
  std::size_t ws_message_limit = 1 << 20;  // larger WebSocket messages close the socket
  // Optional: serve files from here for GET/HEAD outside /api and /ws, index.html for "/"
  // and for unknown paths without a file extension (single-page app routes).
  std::string static_dir;
  // Optional: more folders of static files, each under its own path prefix (the admin
  // console at "/admin"), served like static_dir with the prefix taken off; checked first.
  struct Mount {
    std::string prefix;  // "/admin": serves "/admin" and "/admin/..."
    std::string dir;
  };
  std::vector<Mount> mounts;
  // Stop on SIGINT/SIGTERM. Turn off when the server is embedded (e.g. in a test).
  bool handle_signals = true;
};

// Listens on one TCP endpoint and serves HTTP/1.1 and WebSocket connections, handing
// requests to an api::Application.
//
// Ownership: the Server borrows `app`, which must outlive it. It owns its IO threads, its
// worker pool (where every Application call runs) and every connection.
// Threads: construct, start(), run() and destroy from one thread; stop() and port() may be
// called from any thread. run() returns once the server has stopped and every connection
// is closed; the Server can then only be destroyed.
class Server {
 public:
  Server(api::Application& app, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens, then prints "Mockroom listening on http://HOST:PORT" to stdout.
  // Throws std::runtime_error naming the address and the reason when that fails (port
  // taken, bad host, no permission).
  void start();

  // The bound port (the actual one when options.port was 0); 0 before start().
  uint16_t port() const;

  // Serves until stop() or SIGINT/SIGTERM, then closes every connection, waits briefly
  // for in-flight requests, and joins all threads. Calls start() if it was not called.
  void run();

  // Asks run() to return: stops accepting and closes connections. Idempotent.
  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mockroom::http
