// The HTTP and WebSocket clients declared in harness.h (EngineProcess is in
// engine_process.cpp).
#include "harness.h"

#include <sstream>
#include <stdexcept>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace mockroom::testing {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kHttpTimeout = std::chrono::seconds(10);
constexpr auto kConnectTimeout = std::chrono::seconds(5);
constexpr auto kHandshakeTimeout = std::chrono::seconds(10);
constexpr auto kSendTimeout = std::chrono::seconds(5);
constexpr auto kCloseTimeout = std::chrono::seconds(3);
constexpr std::uint64_t kMaxResponseBytes = 64u << 20;
constexpr std::size_t kMaxQuotedChars = 2000;  // of a body or frame list in an error

using ResponseParser = bhttp::response_parser<bhttp::string_body>;

tcp::endpoint loopback(uint16_t port) { return {net::ip::make_address_v4("127.0.0.1"), port}; }

std::string quote(std::string text) {
  if (text.size() > kMaxQuotedChars) text = text.substr(0, kMaxQuotedChars) + "...";
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Parameters, not lambda captures: a coroutine lambda's captures die with the lambda.
net::awaitable<void> exchange(beast::tcp_stream& stream, uint16_t port, const std::string& bytes,
                              beast::flat_buffer& buffer, ResponseParser& parser,
                              std::string& step) {
  stream.expires_after(kHttpTimeout);
  co_await stream.async_connect(loopback(port), net::use_awaitable);
  step = "send the request";
  co_await net::async_write(stream, net::buffer(bytes), net::use_awaitable);
  step = "read the response";
  co_await bhttp::async_read(stream, buffer, parser, net::use_awaitable);
}

// Sends `bytes` on a fresh connection and reads one response.
HttpResult round_trip(uint16_t port, const std::string& bytes, const std::string& what) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  beast::flat_buffer buffer;
  ResponseParser parser;
  parser.body_limit(kMaxResponseBytes);
  std::string step = "connect";
  std::exception_ptr failure;
  net::co_spawn(ioc, exchange(stream, port, bytes, buffer, parser, step),
                [&](std::exception_ptr e) { failure = e; });
  ioc.run();
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      throw std::runtime_error(what + " on port " + std::to_string(port) + ": cannot " + step +
                               ": " + e.what());
    }
  }
  HttpResult result;
  auto& response = parser.get();
  result.status = response.result_int();
  result.body = std::move(response.body());
  for (const auto& field : response) {
    result.headers[lower(field.name_string())] = std::string(field.value());
  }
  return result;
}

}  // namespace

nlohmann::json HttpResult::json() const {
  try {
    return nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error&) {
    throw std::runtime_error("Response body is not JSON (HTTP " + std::to_string(status) +
                             "): " + quote(body));
  }
}

std::string HttpResult::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

HttpResult http(uint16_t port, std::string_view method, std::string_view path,
                std::string_view body, std::string_view token, const Headers& headers) {
  bhttp::request<bhttp::string_body> request;
  request.method_string(method);
  request.target(path);
  request.version(11);
  request.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port));
  request.keep_alive(false);
  if (!token.empty()) request.set(bhttp::field::authorization, "Bearer " + std::string(token));
  if (!body.empty()) request.set(bhttp::field::content_type, "application/json");
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = std::string(body);
  request.prepare_payload();
  std::ostringstream bytes;
  bytes << request;
  return round_trip(port, bytes.str(), std::string(method) + " " + std::string(path));
}

HttpResult raw_http(uint16_t port, std::string_view request) {
  return round_trip(port, std::string(request), "raw HTTP request");
}

// ---------------------------------------------------------------------------------------

struct WsClient::Impl {
  net::io_context ioc;
  websocket::stream<beast::tcp_stream> ws{ioc};
  beast::flat_buffer buffer;
  bool open = false;

  // The one non-read operation in progress (connect, handshake, write or close). Members,
  // not locals, so a timed-out operation that completes later writes nowhere dangerous.
  bool op_done = false;
  beast::error_code op_error;

  bool reading = false;  // a read is pending; it survives a recv() timeout
  bool read_done = false;
  beast::error_code read_error;
  std::string frame;
  bool frame_binary = false;

  std::string outgoing;  // the frame being written
  websocket::response_type handshake_response;

  auto op_handler() {
    op_done = false;
    return [this](beast::error_code ec, auto&&...) {
      op_error = ec;
      op_done = true;
    };
  }

  // Runs the io_context until `done()` holds or `timeout` passes; returns done().
  template <class Done>
  bool run_until(Done done, Clock::duration timeout) {
    auto deadline = Clock::now() + timeout;
    ioc.restart();
    while (!done()) {
      if (ioc.run_one_until(deadline) == 0) break;  // deadline, or nothing left to run
    }
    return done();
  }

  void start_read() {
    if (reading || read_done) return;
    reading = true;
    ws.async_read(buffer, [this](beast::error_code ec, std::size_t) {
      reading = false;
      read_done = true;
      read_error = ec;
      if (!ec) {
        frame = beast::buffers_to_string(buffer.data());
        frame_binary = !ws.got_text();
        buffer.consume(buffer.size());
      }
    });
  }

  void run_op(std::string_view what, Clock::duration timeout) {
    if (!run_until([this] { return op_done; }, timeout)) {
      throw std::runtime_error(
          "WebSocket " + std::string(what) + " timed out after " +
          std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count()) +
          " ms");
    }
    if (op_error) {
      throw std::runtime_error("WebSocket " + std::string(what) + " failed: " + op_error.message());
    }
  }

  void write(std::string_view data, bool text) {
    if (!open) throw std::runtime_error("WebSocket send on a socket that is not open");
    outgoing.assign(data);
    ws.text(text);
    ws.async_write(net::buffer(outgoing), op_handler());
    run_op("send", kSendTimeout);
  }
};

WsClient::WsClient() : impl_(std::make_unique<Impl>()) {}

WsClient::~WsClient() {
  try {
    close();
  } catch (...) {
  }
}

bool WsClient::connect(uint16_t port, std::string_view path_with_query, std::string_view token) {
  Impl& s = *impl_;
  auto& tcp_stream = beast::get_lowest_layer(s.ws);
  tcp_stream.expires_after(kConnectTimeout);
  tcp_stream.async_connect(loopback(port), s.op_handler());
  s.run_op("connect to port " + std::to_string(port), kConnectTimeout);
  tcp_stream.expires_never();

  s.ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
  std::string authorization = token.empty() ? "" : "Bearer " + std::string(token);
  s.ws.set_option(websocket::stream_base::decorator([authorization](websocket::request_type& req) {
    if (!authorization.empty()) req.set(bhttp::field::authorization, authorization);
  }));
  auto& response = s.handshake_response;
  response = {};
  s.ws.async_handshake(response, "127.0.0.1:" + std::to_string(port), path_with_query,
                       s.op_handler());
  if (!s.run_until([&] { return s.op_done; }, kHandshakeTimeout)) {
    throw std::runtime_error("WebSocket handshake for " + std::string(path_with_query) +
                             " timed out");
  }
  connect_body = response.body();
  connect_status = response.result_int();
  if (s.op_error == websocket::error::upgrade_declined) {
    tcp_stream.close();
    return false;
  }
  if (s.op_error) {
    throw std::runtime_error("WebSocket handshake for " + std::string(path_with_query) +
                             " failed: " + s.op_error.message());
  }
  s.open = true;
  return true;
}

void WsClient::send(const nlohmann::json& message) { impl_->write(message.dump(), true); }
void WsClient::send_text(std::string_view text) { impl_->write(text, true); }
void WsClient::send_binary(std::string_view data) { impl_->write(data, false); }

std::optional<WsFrame> WsClient::try_recv_frame(std::chrono::milliseconds timeout) {
  Impl& s = *impl_;
  if (!s.open && !s.read_done)
    throw std::runtime_error("WebSocket recv on a socket that is not open");
  s.start_read();
  if (!s.run_until([&] { return s.read_done; }, timeout)) return std::nullopt;
  s.read_done = false;
  if (s.read_error) {
    s.open = false;
    auto reason = s.ws.reason();
    throw std::runtime_error(
        "WebSocket closed while waiting for a frame: " + s.read_error.message() + " (close code " +
        std::to_string(reason.code) + ", reason \"" + std::string(reason.reason.c_str()) + "\")");
  }
  return WsFrame{s.frame_binary, std::move(s.frame)};
}

std::optional<nlohmann::json> WsClient::try_recv(std::chrono::milliseconds timeout) {
  auto frame = try_recv_frame(timeout);
  if (!frame) return std::nullopt;
  try {
    return nlohmann::json::parse(frame->data);
  } catch (const nlohmann::json::parse_error&) {
    throw std::runtime_error(std::string("WebSocket frame is not JSON") + (frame->binary ? " (binary)" : "") + ": " +
                             quote(frame->data));
  }
}

nlohmann::json WsClient::recv(std::chrono::milliseconds timeout) {
  auto frame = try_recv(timeout);
  if (!frame) {
    throw std::runtime_error("Timed out after " + std::to_string(timeout.count()) +
                             " ms waiting for a WebSocket frame");
  }
  return *frame;
}

nlohmann::json WsClient::recv_until(std::string_view type, std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    auto frame = left.count() > 0 ? try_recv(left) : std::nullopt;
    if (!frame) {
      std::string seen;
      for (const auto& skipped : skipped_) seen += skipped.dump() + "\n";
      throw std::runtime_error("Timed out after " + std::to_string(timeout.count()) +
                               " ms waiting for a \"" + std::string(type) +
                               "\" frame; frames skipped so far:\n" + quote(seen));
    }
    if (frame->is_object() && frame->value("type", "") == type) return *frame;
    skipped_.push_back(std::move(*frame));
  }
}

void WsClient::close() {
  Impl& s = *impl_;
  if (!s.open) return;
  s.open = false;
  s.ws.async_close(websocket::close_code::normal, s.op_handler());
  // A pending read ends with "closed" once the server answers the close frame.
  bool finished = s.run_until([&] { return s.op_done && !s.reading; }, kCloseTimeout);
  if (!finished) beast::get_lowest_layer(s.ws).close();
}

bool WsClient::is_open() const { return impl_->open; }

}  // namespace mockroom::testing
