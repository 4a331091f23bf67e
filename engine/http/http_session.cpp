#include "http/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <spdlog/spdlog.h>

#include "http/websocket_session.h"

namespace mockroom::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

namespace {

constexpr std::uint32_t kHeaderLimit = 16 * 1024;  // request line + all header fields
constexpr auto kWriteTimeout = std::chrono::seconds(30);
// After an error response the client may still be sending a body we refused. Closing
// at once would make the kernel reset the connection and the client could lose the
// response, so read and discard for a while first (what nginx calls lingering close).
constexpr auto kDrainTimeout = std::chrono::seconds(2);
constexpr std::size_t kDrainMaxBytes = 8u << 20;
constexpr std::size_t kDrainChunkBytes = 16 * 1024;
constexpr std::string_view kContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n";

bool is_parse_error(beast::error_code ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
         ec != bhttp::error::partial_message && ec != bhttp::error::end_of_stream;
}

// Runs on a worker thread: static files or the application, never an exception.
api::HttpResponse produce_response(ServerState& state, const api::HttpRequest& request) {
  try {
    std::string below;
    const bool readable = request.method == "GET" || request.method == "HEAD";
    if (const StaticFiles* mounted = readable ? state.mounted_files(request.path, below) : nullptr) {
      api::HttpRequest inside = request;  // the path below the mount's prefix
      inside.path = std::move(below);
      return mounted->serve(inside);
    }
    const StaticFiles* files = state.static_files();
    if (files && StaticFiles::handles(request.method, request.path)) {
      return files->serve(request);
    }
    return state.app().handle(request);
  } catch (const std::exception& e) {
    spdlog::error("{} {}: unhandled exception: {}", request.method, request.path, e.what());
  } catch (...) {
    spdlog::error("{} {}: unhandled non-standard exception", request.method, request.path);
  }
  return error_response(500, "internal", "Internal server error");
}

}  // namespace

HttpSession::HttpSession(net::ip::tcp::socket&& socket, ServerState& state)
    : stream_(std::move(socket)), strand_(stream_.get_executor()), state_(state) {
  beast::error_code ec;
  auto endpoint = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_address_ = endpoint.address().to_string();
  // Streamed replies are many small frames; Nagle would hold each one back until the
  // client ACKs the previous (40 ms with delayed ACKs). Carries over to a WebSocket.
  stream_.socket().set_option(net::ip::tcp::no_delay(true), ec);
}

HttpSession::~HttpSession() { state_.untrack(this); }

void HttpSession::run() {
  net::dispatch(strand_, [self = shared_from_this()] {
    if (!self->state_.track(self)) return self->close();
    self->read_header();
  });
}

void HttpSession::shutdown() {
  net::post(strand_, [self = shared_from_this()] {
    self->stop_requested_ = true;
    // A request being handled or written finishes first; its response says close.
    if (self->phase_ == Phase::reading || self->phase_ == Phase::closing) {
      self->phase_ = Phase::closing;
      self->stream_.close();
    }
  });
}

void HttpSession::read_header() {
  phase_ = Phase::reading;
  parser_.emplace();
  parser_->header_limit(kHeaderLimit);
  parser_->body_limit(state_.options().body_limit);
  stream_.expires_after(state_.options().read_timeout);
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&HttpSession::on_header, shared_from_this()));
}

void HttpSession::on_header(beast::error_code ec, std::size_t) {
  if (ec) return on_read_error(ec);
  if (parser_->is_done()) return handle_request();
  const auto& request = parser_->get();
  if (beast::iequals(request[bhttp::field::expect], "100-continue")) {
    return net::async_write(
        stream_, net::buffer(kContinueResponse.data(), kContinueResponse.size()),
        beast::bind_front_handler(&HttpSession::on_continue_sent, shared_from_this()));
  }
  read_body();
}

void HttpSession::on_continue_sent(beast::error_code ec, std::size_t) {
  if (ec) return close();
  read_body();
}

void HttpSession::read_body() {
  bhttp::async_read(stream_, buffer_, *parser_,
                    beast::bind_front_handler(&HttpSession::on_body, shared_from_this()));
}

void HttpSession::on_body(beast::error_code ec, std::size_t) {
  if (ec) return on_read_error(ec);
  handle_request();
}

void HttpSession::on_read_error(beast::error_code ec) {
  if (ec == bhttp::error::body_limit) {
    return send_error(413, "payload_too_large",
                      "Request body exceeds " + describe_size(state_.options().body_limit));
  }
  if (ec == bhttp::error::header_limit) {
    return send_error(431, "headers_too_large",
                      "Request headers exceed " + describe_size(kHeaderLimit));
  }
  if (is_parse_error(ec)) {
    spdlog::debug("{}: malformed HTTP request: {}", remote_address_, ec.message());
    return send_error(400, "bad_request", "Malformed HTTP request: " + ec.message());
  }
  // end_of_stream (client closed between requests), timeout, reset, shutdown: just close.
  if (ec != bhttp::error::end_of_stream && ec != net::error::operation_aborted) {
    spdlog::debug("{}: connection closed: {}", remote_address_, ec.message());
  }
  close();
}

void HttpSession::handle_request() {
  BeastRequest request = parser_->release();
  request_started_ = std::chrono::steady_clock::now();
  log_method_ = std::string(request.method_string());
  log_target_ = std::string(request.target());
  ReplyFraming framing{request.version(), request.keep_alive(),
                       request.method() == bhttp::verb::head, false};
  auto api_request = to_api_request(request, remote_address_);
  if (!api_request) return send_error(400, "bad_request", "Malformed request target");
  if (beast::websocket::is_upgrade(request) && is_websocket_path(api_request->path)) {
    return start_websocket(std::move(request), std::move(*api_request));
  }
  framing.no_store = is_api_path(api_request->path);

  phase_ = Phase::handling;
  state_.post_to_worker([self = shared_from_this(), request = std::move(*api_request), framing] {
    api::HttpResponse response = produce_response(self->state_, request);
    net::post(self->strand_, [self, response = std::move(response), framing]() mutable {
      self->on_response(std::move(response), framing);
    });
  });
}

void HttpSession::start_websocket(BeastRequest request, api::HttpRequest api_request) {
  stream_.expires_never();  // the WebSocket stream keeps its own timeouts
  auto session = std::make_shared<WebSocketSession>(stream_.release_socket(), state_);
  session->run(std::move(request), std::move(api_request));
}

void HttpSession::on_response(api::HttpResponse response, ReplyFraming framing) {
  if (phase_ == Phase::closing) return;  // the socket is already gone
  framing.keep_alive = framing.keep_alive && !stop_requested_;
  auto elapsed = std::chrono::steady_clock::now() - request_started_;
  spdlog::debug("{} {} {} -> {} ({} ms)", remote_address_, log_method_, log_target_,
                response.status,
                std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count());
  AfterWrite after = framing.keep_alive ? AfterWrite::read_next : AfterWrite::close;
  send(to_beast_response(std::move(response), framing), after);
}

void HttpSession::send_error(int status, std::string_view code, std::string_view message) {
  ReplyFraming framing;
  framing.version = parser_ && parser_->is_header_done() ? parser_->get().version() : 11;
  framing.keep_alive = false;
  framing.no_store = true;
  send(to_beast_response(error_response(status, code, message), framing),
       AfterWrite::drain_then_close);
}

void HttpSession::send(BeastResponse response, AfterWrite after) {
  phase_ = Phase::writing;
  response_ = std::move(response);
  stream_.expires_after(kWriteTimeout);
  bhttp::async_write(stream_, response_,
                     beast::bind_front_handler(&HttpSession::on_write, shared_from_this(), after));
}

void HttpSession::on_write(AfterWrite after, beast::error_code ec, std::size_t) {
  response_ = {};
  if (ec) {
    spdlog::debug("{}: write failed: {}", remote_address_, ec.message());
    return close();
  }
  switch (after) {
    case AfterWrite::read_next:
      if (stop_requested_) return close();
      return read_header();
    case AfterWrite::close:
      return close();
    case AfterWrite::drain_then_close:
      return drain();
  }
}

void HttpSession::drain() {
  phase_ = Phase::closing;
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  drain_buffer_.resize(kDrainChunkBytes);
  stream_.expires_after(kDrainTimeout);
  stream_.async_read_some(net::buffer(drain_buffer_),
                          beast::bind_front_handler(&HttpSession::on_drain, shared_from_this()));
}

void HttpSession::on_drain(beast::error_code ec, std::size_t bytes) {
  drained_bytes_ += bytes;
  if (ec || drained_bytes_ >= kDrainMaxBytes) return close();
  stream_.async_read_some(net::buffer(drain_buffer_),
                          beast::bind_front_handler(&HttpSession::on_drain, shared_from_this()));
}

void HttpSession::close() {
  phase_ = Phase::closing;
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  stream_.close();
}

}  // namespace mockroom::http
