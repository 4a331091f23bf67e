// One HTTP/1.1 connection: reads requests, runs them on the worker pool, writes replies,
// and hands WebSocket upgrades to a WebSocketSession.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>

#include "http/message_conversion.h"
#include "http/server_state.h"

namespace mockroom::http {

// Serves one keep-alive connection, one request at a time: the next request is read only
// after the previous response is written, so a pipelining client gets its responses in
// order and can never queue more than one (the pipelining limit is one).
//
// Limits: headers kHeaderLimit (431), body options().body_limit (413), the whole request
// within options().read_timeout (also the keep-alive idle time), each response within
// kWriteTimeout. A malformed request gets 400. After any of these errors the connection
// is closed, after draining what the client is still sending so it can read the error.
//
// Ownership: shared; the pending operation or worker task holds the session. Borrows the
// ServerState.
// Threads: everything runs on the connection's strand except the application call, which
// runs on the worker pool and posts its response back. shutdown() may be called from any
// thread.
class HttpSession : public Connection, public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(boost::asio::ip::tcp::socket&& socket, ServerState& state);
  ~HttpSession() override;

  // Starts reading requests.
  void run();
  // Closes an idle connection now; a busy one after its response is written.
  void shutdown() override;

 private:
  enum class Phase { reading, handling, writing, closing };
  enum class AfterWrite { read_next, close, drain_then_close };

  void read_header();
  void on_header(boost::beast::error_code ec, std::size_t bytes);
  void on_continue_sent(boost::beast::error_code ec, std::size_t bytes);
  void read_body();
  void on_body(boost::beast::error_code ec, std::size_t bytes);
  void on_read_error(boost::beast::error_code ec);
  void handle_request();
  void start_websocket(BeastRequest request, api::HttpRequest api_request);
  void on_response(api::HttpResponse response, ReplyFraming framing);
  void send_error(int status, std::string_view code, std::string_view message);
  void send(BeastResponse response, AfterWrite after);
  void on_write(AfterWrite after, boost::beast::error_code ec, std::size_t bytes);
  void drain();
  void on_drain(boost::beast::error_code ec, std::size_t bytes);
  void close();

  boost::beast::tcp_stream stream_;
  const boost::asio::any_io_executor strand_;
  ServerState& state_;
  std::string remote_address_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  BeastResponse response_;  // the response being written
  Phase phase_ = Phase::reading;
  bool stop_requested_ = false;  // by shutdown(): close after the current response

  // For the per-request log line.
  std::string log_method_;
  std::string log_target_;
  std::chrono::steady_clock::time_point request_started_;

  std::vector<char> drain_buffer_;  // allocated only when draining after an error
  std::size_t drained_bytes_ = 0;
};

}  // namespace mockroom::http
