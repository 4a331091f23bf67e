#include "loadgen_net.h"

#include <cctype>
#include <stdexcept>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace mockroom::bench {
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
using net::use_awaitable;

namespace {

constexpr auto kHttpTimeout = std::chrono::seconds(30);
constexpr auto kConnectTimeout = std::chrono::seconds(10);

std::string host_header(const tcp::endpoint& server) {
  return server.address().to_string() + ":" + std::to_string(server.port());
}

}  // namespace

net::awaitable<HttpReply> http_call(tcp::endpoint server, bhttp::verb method, std::string target,
                                    std::string body, std::string token) {
  beast::tcp_stream stream(co_await net::this_coro::executor);
  stream.expires_after(kHttpTimeout);
  co_await stream.async_connect(server, use_awaitable);

  bhttp::request<bhttp::string_body> request{method, target, 11};
  request.set(bhttp::field::host, host_header(server));
  request.set(bhttp::field::user_agent, "mockroom-loadgen");
  if (!token.empty()) request.set(bhttp::field::authorization, "Bearer " + token);
  if (!body.empty()) request.set(bhttp::field::content_type, "application/json");
  request.keep_alive(false);
  request.body() = std::move(body);
  request.prepare_payload();
  co_await bhttp::async_write(stream, request, use_awaitable);

  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> response;
  co_await bhttp::async_read(stream, buffer, response, use_awaitable);
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  co_return HttpReply{static_cast<int>(response.result_int()), std::move(response.body())};
}

net::awaitable<std::unique_ptr<WebSocket>> open_websocket(tcp::endpoint server,
                                                          std::string target) {
  auto ws = std::make_unique<WebSocket>(co_await net::this_coro::executor);
  auto& stream = beast::get_lowest_layer(*ws);
  stream.expires_after(kConnectTimeout);
  co_await stream.async_connect(server, use_awaitable);
  stream.socket().set_option(tcp::no_delay(true));  // answers must not wait for ACKs
  stream.expires_never();  // the WebSocket stream's own timeouts from here on
  ws->set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
  websocket::response_type response;
  beast::error_code ec;
  co_await ws->async_handshake(response, host_header(server), target,
                               net::redirect_error(use_awaitable, ec));
  if (ec == websocket::error::upgrade_declined) {
    throw std::runtime_error("WebSocket upgrade refused with HTTP " +
                             std::to_string(response.result_int()) + ": " + response.body());
  }
  if (ec) throw boost::system::system_error(ec, "WebSocket handshake");
  ws->text(true);
  co_return ws;
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

AsyncSemaphore::Waiter::Waiter(net::any_io_executor executor)
    : timer(executor, net::steady_timer::time_point::max()) {}

AsyncSemaphore::AsyncSemaphore(net::any_io_executor executor, long units)
    : executor_(std::move(executor)), capacity_(units), available_(units) {}

net::awaitable<void> AsyncSemaphore::acquire() {
  if (available_ > 0 && waiters_.empty()) {
    --available_;
    co_return;
  }
  Waiter waiter(executor_);
  waiters_.push_back(&waiter);
  boost::system::error_code ignored;  // release() wakes us by cancelling the timer
  while (!waiter.granted) {
    co_await waiter.timer.async_wait(net::redirect_error(use_awaitable, ignored));
  }
}

void AsyncSemaphore::release() {
  if (waiters_.empty()) {
    ++available_;
    return;
  }
  Waiter* next = waiters_.front();
  waiters_.pop_front();
  next->granted = true;  // the unit passes straight to the waiter
  next->timer.cancel();
}

Gate::Gate(net::any_io_executor executor)
    : timer_(executor, net::steady_timer::time_point::max()) {}

net::awaitable<void> Gate::wait() {
  boost::system::error_code ignored;  // open() cancels the timer
  while (!open_) co_await timer_.async_wait(net::redirect_error(use_awaitable, ignored));
}

void Gate::open() {
  open_ = true;
  timer_.cancel();
}

net::awaitable<nlohmann::json> read_json_frame(WebSocket& ws, boost::beast::flat_buffer& buffer) {
  buffer.clear();
  co_await ws.async_read(buffer, net::use_awaitable);
  std::string text = boost::beast::buffers_to_string(buffer.data());
  nlohmann::json frame = nlohmann::json::parse(text, nullptr, false);
  if (!frame.is_object()) throw std::runtime_error("frame is not a JSON object: " + text);
  co_return frame;
}

net::awaitable<void> close_quietly(WebSocket& ws, std::chrono::steady_clock::duration timeout) {
  boost::system::error_code ignored;
  boost::beast::get_lowest_layer(ws).expires_after(timeout);
  co_await ws.async_close(boost::beast::websocket::close_code::normal, net::redirect_error(net::use_awaitable, ignored));
}

}  // namespace mockroom::bench
