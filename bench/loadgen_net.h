// Networking pieces of the load generator: an HTTP call and a WebSocket opener as
// coroutines, and two single-threaded coroutine synchronisation primitives.
#pragma once

#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <utility>  // Boost 1.74's awaitable.hpp uses std::exchange without including it

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <nlohmann/json.hpp>

namespace mockroom::bench {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using WebSocket = boost::beast::websocket::stream<boost::beast::tcp_stream>;

struct HttpReply {
  int status = 0;
  std::string body;
};

// One request on a fresh connection, JSON body, optional bearer token. Throws
// boost::system::system_error on network errors and after kHttpTimeout.
net::awaitable<HttpReply> http_call(tcp::endpoint server, boost::beast::http::verb method,
                                    std::string target, std::string body, std::string token);

// Connects and upgrades to `target`. Throws on network errors, on timeout, and with the
// HTTP status in the message when the server refuses the upgrade.
net::awaitable<std::unique_ptr<WebSocket>> open_websocket(tcp::endpoint server, std::string target);

// Reads one text frame into `buffer` and parses it; throws when it is not a JSON object.
net::awaitable<nlohmann::json> read_json_frame(WebSocket& ws, boost::beast::flat_buffer& buffer);

// Sends a normal close and waits up to `timeout` for the server's; errors are ignored.
net::awaitable<void> close_quietly(WebSocket& ws, std::chrono::steady_clock::duration timeout);

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string url_encode(std::string_view text);

// A counting semaphore for coroutines on ONE thread (no locking). Waiters are served in
// arrival order: release() hands its unit straight to the oldest waiter.
class AsyncSemaphore {
 public:
  AsyncSemaphore(net::any_io_executor executor, long units);
  net::awaitable<void> acquire();
  void release();
  long in_use() const { return capacity_ - available_; }

 private:
  struct Waiter {
    explicit Waiter(net::any_io_executor executor);
    net::steady_timer timer;
    bool granted = false;
  };
  net::any_io_executor executor_;
  const long capacity_;
  long available_;
  std::deque<Waiter*> waiters_;
};

// A one-shot event for coroutines on ONE thread: wait() suspends until open() is called.
class Gate {
 public:
  explicit Gate(net::any_io_executor executor);
  net::awaitable<void> wait();
  void open();
  bool is_open() const { return open_; }

 private:
  net::steady_timer timer_;
  bool open_ = false;
};

}  // namespace mockroom::bench
