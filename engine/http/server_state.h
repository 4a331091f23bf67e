// What the listener and every session share: the application, the options, the worker
// pool and the registry of live connections that a graceful stop closes.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <unordered_map>
#include <utility>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "api/http_types.h"
#include "http/server.h"
#include "http/static_files.h"

namespace mockroom::http {

// A live connection (HTTP or WebSocket) as the registry sees it.
class Connection {
 public:
  virtual ~Connection() = default;
  // Asks the connection to finish what it is doing and close. Thread-safe: posts to the
  // connection's strand.
  virtual void shutdown() = 0;
};

// Shared state of one Server.
//
// Ownership: owned by Server::Impl, which keeps it alive until every session, the
// listener and the worker pool are gone; sessions hold a plain reference. It borrows the
// application and the worker pool from Server::Impl.
// Threads: every method is thread-safe. The registry mutex is never held while calling
// into a connection.
class ServerState {
 public:
  ServerState(api::Application& app, const ServerOptions& options,
              boost::asio::thread_pool& workers);
  ServerState(const ServerState&) = delete;
  ServerState& operator=(const ServerState&) = delete;

  api::Application& app() const { return app_; }
  const ServerOptions& options() const { return options_; }
  // Null when no static_dir was configured.
  const StaticFiles* static_files() const { return static_files_ ? &*static_files_ : nullptr; }
  // The mount whose prefix `path` is under (and the path below it, "/" at least), or null.
  const StaticFiles* mounted_files(std::string_view path, std::string& below) const;

  // Runs `task` on the worker pool, where blocking Application calls belong.
  template <class Task>
  void post_to_worker(Task&& task) {
    boost::asio::post(workers_, std::forward<Task>(task));
  }

  // Registers a connection so that a stop can close it. Returns false when the server is
  // already stopping; the caller must then close the connection itself.
  [[nodiscard]] bool track(const std::shared_ptr<Connection>& connection);
  // Unregisters; called from the connection's destructor.
  void untrack(const Connection* connection);
  std::size_t connection_count() const;

  // Marks the server as stopping and asks every live connection to shut down.
  void shutdown_connections();
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }

 private:
  api::Application& app_;
  const ServerOptions& options_;
  boost::asio::thread_pool& workers_;
  std::optional<StaticFiles> static_files_;
  std::vector<std::pair<std::string, StaticFiles>> mounts_;  // prefix -> files

  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;  // guards connections_
  std::unordered_map<const Connection*, std::weak_ptr<Connection>> connections_;
};

}  // namespace mockroom::http
