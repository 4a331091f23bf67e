// Accepts TCP connections and starts an HttpSession for each.
#pragma once

#include <cstdint>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "http/server_state.h"

namespace mockroom::http {

// The listening socket of one Server. Every accepted socket gets its own strand.
//
// Ownership: held by Server::Impl through a shared_ptr; pending accepts hold another, so
// it lives until the acceptor is closed and the last accept handler has run. Borrows the
// io_context and the ServerState, which outlive it.
// Threads: open() and port() on the thread that starts the server; run() and stop() from
// any thread (they post to the listener's strand).
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(boost::asio::io_context& ioc, ServerState& state);

  // Opens, binds and listens. Throws std::runtime_error naming the endpoint and reason.
  void open(const boost::asio::ip::tcp::endpoint& endpoint);
  // The bound port.
  uint16_t port() const { return port_; }

  // Starts accepting.
  void run();
  // Closes the acceptor; no new connection is accepted afterwards.
  void stop();

 private:
  void do_accept();
  void on_accept(boost::system::error_code ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& ioc_;
  ServerState& state_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;  // backs off when accept fails (e.g. EMFILE)
  uint16_t port_ = 0;
};

}  // namespace mockroom::http
