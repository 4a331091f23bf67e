// One WebSocket connection between a client and an api::SocketHandler.
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include "http/message_conversion.h"
#include "http/server_state.h"

namespace mockroom::http {

// Asks the application whether to accept an upgrade, performs the handshake (or writes
// the refusal as a plain HTTP response), then shuttles frames:
//  - incoming text frames go to handler->on_text on the worker pool, one at a time and in
//    order. While on_text runs, one more frame is read ahead: if handler->on_urgent takes
//    it (an interrupt), it acts at once; otherwise it is held, and reading waits until it
//    is handed to on_text. Binary frames go to handler->on_binary on the strand, as they
//    arrive (the handler queues the work); a handler that refuses them gets an
//    "unsupported" error frame back.
//    handler->on_close runs exactly once, after the last on_text, when the socket is gone.
//  - outgoing frames come from the application through a SocketSink (see
//    websocket_session.cpp): queued here, written one async_write at a time. The queue is
//    capped (kMaxQueuedFrames, kMaxQueuedBytes); a client that reads too slowly to keep
//    under the cap is disconnected with close code 1008 and a reason.
// Ping/pong and the idle timeout follow Beast's suggested server settings.
//
// Ownership: shared; pending operations, worker tasks and the close timer hold the
// session. The application's sink holds only a weak reference, so a sink outliving the
// session is harmless (sending to it does nothing). The session owns the handler.
// Threads: all state lives on the connection's strand; send(), close() and shutdown()
// may be called from any thread and post to it.
class WebSocketSession : public Connection, public std::enable_shared_from_this<WebSocketSession> {
 public:
  WebSocketSession(boost::asio::ip::tcp::socket&& socket, ServerState& state);
  ~WebSocketSession() override;

  // Starts with the upgrade request already read by the HttpSession. On the strand.
  void run(BeastRequest upgrade, api::HttpRequest request);

  // Queues a text frame. Dropped silently once the socket is closing or closed.
  void send(std::string frame);
  // Queues a binary frame, in order with the text frames.
  void send_binary(std::string frame);
  void send_all(std::vector<std::string> frames);  // in order, one post
  // Sends the queued frames, then closes normally (1000) with `reason`.
  void close(std::string reason);
  // Server stop: closes with 1001 "going away" after the queued frames.
  void shutdown() override;

 private:
  enum class Stage { deciding, handshaking, open, closed };

  void on_decision(std::unique_ptr<api::SocketHandler> handler, api::HttpResponse refusal);
  void on_refusal_written(boost::beast::error_code ec, std::size_t bytes);
  void on_handshake(boost::beast::error_code ec);
  void do_read();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void read_more();  // reads the next frame unless a read is pending or a frame is held
  bool urgent(const std::string& frame);
  bool binary(const std::string& frame);
  void deliver(std::string frame);
  void on_handled();  // on_text returned: the held frame goes next
  struct Outgoing {
    std::string data;
    bool binary = false;
  };
  void enqueue(Outgoing frame);
  void write_next();
  void on_write(boost::beast::error_code ec, std::size_t bytes);
  void begin_close(boost::beast::websocket::close_code code, std::string reason,
                   std::chrono::steady_clock::duration grace);
  void on_close_sent(boost::beast::error_code ec);
  void finish();
  void drop_unsent();
  void notify_closed();  // runs on_close once, on a worker
  void call_on_close();

  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  const boost::asio::any_io_executor strand_;
  ServerState& state_;
  std::string remote_address_;
  std::string path_;                       // for logs
  std::unique_ptr<BeastRequest> upgrade_;  // kept until the handshake completes
  std::unique_ptr<api::SocketHandler> handler_;
  std::atomic<bool> close_notified_{false};

  Stage stage_ = Stage::deciding;
  boost::beast::flat_buffer read_buffer_;
  bool reading_ = false;             // an async_read is pending
  bool handling_ = false;            // an on_text is running on a worker
  bool read_ended_ = false;          // the read failed while handling_: finish() after it
  std::optional<std::string> held_;  // read ahead, waiting for the running on_text
  std::deque<Outgoing> queue_;  // front() is being written while writing_
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  std::optional<boost::beast::websocket::close_reason> close_reason_;  // close requested
  bool close_sent_ = false;
  BeastResponse refusal_;  // being written when the upgrade is refused
  // Bounds a requested close: if the queue cannot drain (client not reading) or the
  // close handshake stalls, the TCP connection is cut when this fires.
  boost::asio::steady_timer close_timer_;
};

}  // namespace mockroom::http
