#include "http/server_state.h"

#include <vector>

namespace mockroom::http {

ServerState::ServerState(api::Application& app, const ServerOptions& options,
                         boost::asio::thread_pool& workers)
    : app_(app), options_(options), workers_(workers) {
  if (!options.static_dir.empty()) static_files_.emplace(options.static_dir);
  for (const auto& mount : options.mounts) mounts_.emplace_back(mount.prefix, StaticFiles(mount.dir));
}

const StaticFiles* ServerState::mounted_files(std::string_view path, std::string& below) const {
  for (const auto& [prefix, files] : mounts_) {
    if (!path.starts_with(prefix)) continue;
    std::string_view rest = path.substr(prefix.size());
    if (!rest.empty() && rest.front() != '/') continue;  // "/administer" is not under "/admin"
    below = rest.empty() ? "/" : std::string(rest);
    return &files;
  }
  return nullptr;
}

bool ServerState::track(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(mutex_);
  // Checked under the lock so that shutdown_connections() either sees this connection or
  // this call sees the stop: no connection slips through a stop.
  if (stopping()) return false;
  connections_.emplace(connection.get(), connection);
  return true;
}

void ServerState::untrack(const Connection* connection) {
  std::lock_guard lock(mutex_);
  connections_.erase(connection);
}

std::size_t ServerState::connection_count() const {
  std::lock_guard lock(mutex_);
  return connections_.size();
}

void ServerState::shutdown_connections() {
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(mutex_);
    stopping_.store(true, std::memory_order_release);
    live.reserve(connections_.size());
    for (auto& [key, weak] : connections_) {
      if (auto connection = weak.lock()) live.push_back(std::move(connection));
    }
  }
  for (auto& connection : live) connection->shutdown();
}

}  // namespace mockroom::http
