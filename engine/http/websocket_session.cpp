#include "http/websocket_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/write.hpp>
#include <spdlog/spdlog.h>

namespace mockroom::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;

namespace {

// A client that lets this much pile up unread is disconnected: memory per socket stays
// bounded however slow the reader.
constexpr std::size_t kMaxQueuedFrames = 1024;
constexpr std::size_t kMaxQueuedBytes = 16u << 20;
// A requested close (by the app or a queue overflow) that has not finished within this
// time cuts the TCP connection. A server stop waits less for each peer's close reply, so
// that unresponsive clients cannot hold the stop up.
constexpr auto kCloseGrace = std::chrono::seconds(10);
constexpr auto kShutdownCloseGrace = std::chrono::seconds(1);
// A close frame carries at most 125 payload bytes, two of which are the code.
constexpr std::size_t kMaxCloseReasonBytes = 123;

constexpr std::string_view kBinaryRefused = R"({"type":"error","error":{"code":"unsupported",)"
                                            R"("message":"Binary frames are not accepted here"}})";
constexpr std::string_view kHandlerFailed =
    R"({"type":"error","error":{"code":"internal","message":"Internal server error"}})";

// The application's handle on a session. Holds it weakly: once the session is gone every
// call is a no-op, so the application may keep or use a sink as long as it likes.
class WebSocketSink final : public api::SocketSink {
 public:
  void send_text(std::string frame) override {
    if (auto session = session_.lock()) session->send(std::move(frame));
  }
  void send_texts(std::vector<std::string> frames) override {
    if (auto session = session_.lock()) session->send_all(std::move(frames));
  }
  void send_binary(std::string frame) override {
    if (auto session = session_.lock()) session->send_binary(std::move(frame));
  }
  void close(std::string reason) override {
    if (auto session = session_.lock()) session->close(std::move(reason));
  }
  void run_on_worker(std::function<void()> task) override { state_.post_to_worker(std::move(task)); }

  WebSocketSink(std::weak_ptr<WebSocketSession> session, ServerState& state)
      : session_(std::move(session)), state_(state) {}

 private:
  const std::weak_ptr<WebSocketSession> session_;
  ServerState& state_;  // outlives every connection and its handler
};

}  // namespace

WebSocketSession::WebSocketSession(net::ip::tcp::socket&& socket, ServerState& state)
    : ws_(std::move(socket)), strand_(ws_.get_executor()), state_(state), close_timer_(strand_) {
  beast::error_code ec;
  auto endpoint = beast::get_lowest_layer(ws_).socket().remote_endpoint(ec);
  if (!ec) remote_address_ = endpoint.address().to_string();
}

WebSocketSession::~WebSocketSession() {
  // Normally on_close already ran on a worker. This covers a session torn down without
  // reaching finish(), e.g. when a forced stop destroyed its pending handlers.
  if (handler_ && !close_notified_.exchange(true)) call_on_close();
  state_.untrack(this);
}

void WebSocketSession::run(BeastRequest upgrade, api::HttpRequest request) {
  upgrade_ = std::make_unique<BeastRequest>(std::move(upgrade));
  path_ = request.path;
  net::dispatch(strand_, [self = shared_from_this(), request = std::move(request)]() mutable {
    if (!self->state_.track(self)) {
      self->stage_ = Stage::closed;
      return beast::get_lowest_layer(self->ws_).close();
    }
    auto sink = std::make_shared<WebSocketSink>(self->weak_from_this(), self->state_);
    self->state_.post_to_worker([self, request = std::move(request), sink = std::move(sink)] {
      api::HttpResponse refusal;
      std::unique_ptr<api::SocketHandler> handler;
      try {
        handler = self->state_.app().accept_socket(request, sink, refusal);
      } catch (const std::exception& e) {
        spdlog::error("WebSocket {}: accept_socket threw: {}", request.path, e.what());
        handler.reset();
        refusal = error_response(500, "internal", "Internal server error");
      } catch (...) {
        spdlog::error("WebSocket {}: accept_socket threw a non-standard exception", request.path);
        handler.reset();
        refusal = error_response(500, "internal", "Internal server error");
      }
      net::post(self->strand_,
                [self, handler = std::move(handler), refusal = std::move(refusal)]() mutable {
                  self->on_decision(std::move(handler), std::move(refusal));
                });
    });
  });
}

void WebSocketSession::send(std::string frame) {
  net::post(strand_, [self = shared_from_this(), frame = std::move(frame)]() mutable {
    self->enqueue({std::move(frame), false});
  });
}

void WebSocketSession::send_binary(std::string frame) {
  net::post(strand_, [self = shared_from_this(), frame = std::move(frame)]() mutable {
    self->enqueue({std::move(frame), true});
  });
}

void WebSocketSession::send_all(std::vector<std::string> frames) {
  net::post(strand_, [self = shared_from_this(), frames = std::move(frames)]() mutable {
    for (auto& frame : frames) self->enqueue({std::move(frame), false});
  });
}

void WebSocketSession::close(std::string reason) {
  net::post(strand_, [self = shared_from_this(), reason = std::move(reason)]() mutable {
    self->begin_close(websocket::close_code::normal, std::move(reason), kCloseGrace);
  });
}

void WebSocketSession::shutdown() {
  net::post(strand_, [self = shared_from_this()] {
    self->begin_close(websocket::close_code::going_away, "Server is shutting down",
                      kShutdownCloseGrace);
  });
}

void WebSocketSession::on_decision(std::unique_ptr<api::SocketHandler> handler,
                                   api::HttpResponse refusal) {
  if (!handler) {
    if (refusal.status < 400) {
      refusal = error_response(403, "forbidden", "WebSocket connection refused");
    }
    spdlog::debug("{} WebSocket {} refused with {}", remote_address_, path_, refusal.status);
    stage_ = Stage::closed;
    close_timer_.cancel();
    refusal_ = to_beast_response(std::move(refusal),
                                 ReplyFraming{upgrade_->version(), false, false, true});
    return bhttp::async_write(
        ws_.next_layer(), refusal_,
        beast::bind_front_handler(&WebSocketSession::on_refusal_written, shared_from_this()));
  }
  handler_ = std::move(handler);
  stage_ = Stage::handshaking;
  ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& response) { response.set(bhttp::field::server, "mockroom"); }));
  ws_.read_message_max(state_.options().ws_message_limit);
  ws_.async_accept(*upgrade_,
                   beast::bind_front_handler(&WebSocketSession::on_handshake, shared_from_this()));
}

void WebSocketSession::on_refusal_written(beast::error_code, std::size_t) {
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
}

void WebSocketSession::on_handshake(beast::error_code ec) {
  upgrade_.reset();
  if (ec) {
    spdlog::debug("{} WebSocket {} handshake failed: {}", remote_address_, path_, ec.message());
    return finish();
  }
  spdlog::debug("{} WebSocket {} open", remote_address_, path_);
  stage_ = Stage::open;
  write_next();  // frames the application sent before the handshake completed
  do_read();
}

void WebSocketSession::do_read() {
  // Issued even when the socket is known to be dead: the failing read is what runs
  // finish(), which keeps on_close strictly after the last on_text.
  reading_ = true;
  ws_.async_read(read_buffer_,
                 beast::bind_front_handler(&WebSocketSession::on_read, shared_from_this()));
}

void WebSocketSession::read_more() {
  if (!reading_ && !held_) do_read();
}

void WebSocketSession::on_read(beast::error_code ec, std::size_t) {
  reading_ = false;
  if (ec) {
    if (ec != websocket::error::closed && ec != net::error::operation_aborted) {
      spdlog::debug("{} WebSocket {} read ended: {}", remote_address_, path_, ec.message());
    }
    if (handling_) {  // on_close must wait for the on_text that runs
      read_ended_ = true;
      return;
    }
    return finish();
  }
  if (!ws_.got_text()) {
    // Audio: the handler queues it at once, so it never waits behind a running on_text.
    std::string frame = beast::buffers_to_string(read_buffer_.data());
    read_buffer_.consume(read_buffer_.size());
    if (!binary(frame)) enqueue({std::string(kBinaryRefused), false});
    return read_more();
  }
  std::string frame = beast::buffers_to_string(read_buffer_.data());
  read_buffer_.consume(read_buffer_.size());
  // An urgent frame (the candidate interrupting) acts now, even while an earlier frame
  // is being handled; the rest wait their turn.
  if (urgent(frame)) return read_more();
  if (handling_) {
    held_ = std::move(frame);  // reading resumes once it is handed over
    return;
  }
  deliver(std::move(frame));
  read_more();
}

bool WebSocketSession::urgent(const std::string& frame) {
  try {
    return handler_->on_urgent(frame);
  } catch (const std::exception& e) {
    spdlog::error("WebSocket {}: on_urgent threw: {}", path_, e.what());
  } catch (...) {
    spdlog::error("WebSocket {}: on_urgent threw a non-standard exception", path_);
  }
  return false;
}

bool WebSocketSession::binary(const std::string& frame) {
  try {
    return handler_->on_binary(frame);
  } catch (const std::exception& e) {
    spdlog::error("WebSocket {}: on_binary threw: {}", path_, e.what());
  } catch (...) {
    spdlog::error("WebSocket {}: on_binary threw a non-standard exception", path_);
  }
  return true;  // not refused: it failed, and the log says why
}

void WebSocketSession::deliver(std::string frame) {
  handling_ = true;
  state_.post_to_worker([self = shared_from_this(), frame = std::move(frame)] {
    try {
      self->handler_->on_text(frame);
    } catch (const std::exception& e) {
      spdlog::error("WebSocket {}: on_text threw: {}", self->path_, e.what());
      self->send(std::string(kHandlerFailed));
    } catch (...) {
      spdlog::error("WebSocket {}: on_text threw a non-standard exception", self->path_);
      self->send(std::string(kHandlerFailed));
    }
    net::post(self->strand_, [self] { self->on_handled(); });
  });
}

void WebSocketSession::on_handled() {
  handling_ = false;
  if (held_) {
    std::string next = std::move(*held_);
    held_.reset();
    deliver(std::move(next));
    return read_more();
  }
  if (read_ended_) return finish();
  read_more();
}

void WebSocketSession::enqueue(Outgoing frame) {
  if (stage_ == Stage::closed || close_reason_) return;
  if (queue_.size() >= kMaxQueuedFrames || queued_bytes_ + frame.data.size() > kMaxQueuedBytes) {
    spdlog::warn("{} WebSocket {}: send queue overflow ({} frames, {} bytes); disconnecting",
                 remote_address_, path_, queue_.size(), queued_bytes_);
    drop_unsent();
    return begin_close(websocket::close_code::policy_error,
                       "Send queue overflow: the client reads too slowly", kCloseGrace);
  }
  queued_bytes_ += frame.data.size();
  queue_.push_back(std::move(frame));
  if (!writing_) write_next();
}

void WebSocketSession::write_next() {
  if (stage_ != Stage::open || writing_) return;
  if (queue_.empty()) {
    if (close_reason_ && !close_sent_) {
      close_sent_ = true;
      ws_.async_close(*close_reason_, beast::bind_front_handler(&WebSocketSession::on_close_sent,
                                                                shared_from_this()));
    }
    return;
  }
  writing_ = true;
  ws_.text(!queue_.front().binary);
  ws_.async_write(net::buffer(queue_.front().data),
                  beast::bind_front_handler(&WebSocketSession::on_write, shared_from_this()));
}

void WebSocketSession::on_write(beast::error_code ec, std::size_t) {
  writing_ = false;
  queued_bytes_ -= queue_.front().data.size();
  queue_.pop_front();
  if (ec) {
    spdlog::debug("{} WebSocket {} write failed: {}", remote_address_, path_, ec.message());
    drop_unsent();
    // The pending (or next) read fails now and finish() runs from there.
    return beast::get_lowest_layer(ws_).close();
  }
  write_next();
}

void WebSocketSession::begin_close(websocket::close_code code, std::string reason,
                                   std::chrono::steady_clock::duration grace) {
  if (stage_ == Stage::closed || close_reason_) return;
  if (reason.size() > kMaxCloseReasonBytes) reason.resize(kMaxCloseReasonBytes);
  close_reason_.emplace(code, reason);
  close_timer_.expires_after(grace);
  close_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (ec) return;  // cancelled by finish()
    spdlog::debug("{} WebSocket {}: close did not complete in time; disconnecting",
                  self->remote_address_, self->path_);
    beast::get_lowest_layer(self->ws_).close();
  });
  write_next();  // sends the close now if nothing is queued and the socket is open
}

void WebSocketSession::on_close_sent(beast::error_code ec) {
  if (ec && ec != net::error::operation_aborted) {
    spdlog::debug("{} WebSocket {} close failed: {}", remote_address_, path_, ec.message());
  }
}

void WebSocketSession::finish() {
  if (stage_ != Stage::closed) {
    spdlog::debug("{} WebSocket {} closed", remote_address_, path_);
  }
  stage_ = Stage::closed;
  close_timer_.cancel();
  drop_unsent();
  beast::get_lowest_layer(ws_).close();
  notify_closed();
}

void WebSocketSession::drop_unsent() {
  // Keeps the frame being written: async_write still reads its buffer.
  while (queue_.size() > (writing_ ? 1u : 0u)) {
    queued_bytes_ -= queue_.back().data.size();
    queue_.pop_back();
  }
}

void WebSocketSession::call_on_close() {
  try {
    handler_->on_close();
  } catch (const std::exception& e) {
    spdlog::error("WebSocket {}: on_close threw: {}", path_, e.what());
  } catch (...) {
    spdlog::error("WebSocket {}: on_close threw a non-standard exception", path_);
  }
}

void WebSocketSession::notify_closed() {
  if (!handler_ || close_notified_.exchange(true)) return;
  state_.post_to_worker([self = shared_from_this()] { self->call_on_close(); });
}

}  // namespace mockroom::http
