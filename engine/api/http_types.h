// Plain request/response values passed between the Beast front end (engine/http) and the
// REST handlers (engine/api). Keeping Beast out of this header keeps it out of every
// translation unit but the few in engine/http.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mockroom::api {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded path without the query, e.g. "/api/interviews/abc"
  std::map<std::string, std::string> query;  // decoded query parameters
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string remote_address;

  std::string header(std::string_view name) const {
    auto it = headers.find(std::string(name));
    return it == headers.end() ? std::string() : it->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// The server side of one WebSocket connection, implemented by engine/http. Every method
// is thread-safe and never blocks: frames are queued and written in order on the
// connection's strand.
class SocketSink {
 public:
  virtual ~SocketSink() = default;
  virtual void send_text(std::string frame) = 0;
  // Sends several frames in order with one hand-off to the connection (cheaper than
  // calling send_text for each: one post, one lock).
  virtual void send_texts(std::vector<std::string> frames) {
    for (auto& f : frames) send_text(std::move(f));
  }
  // A binary frame (speech audio), in order with the text frames.
  virtual void send_binary(std::string frame) = 0;
  virtual void close(std::string reason) = 0;
  // Runs `task` on the server's worker pool, where blocking calls belong (speech, turns).
  // Tasks may run concurrently with each other and with on_text.
  virtual void run_on_worker(std::function<void()> task) = 0;
};

// The application side of one WebSocket connection, implemented by engine/api. The front
// end calls on_text for each text frame in arrival order, one at a time, from a worker
// thread (never an IO thread), and on_close exactly once when the socket is gone.
class SocketHandler {
 public:
  virtual ~SocketHandler() = default;
  virtual void on_text(std::string_view frame) = 0;
  // A frame that must not wait behind the one on_text is handling (the candidate
  // interrupting a reply). Called on the connection's IO strand, so it must be quick and
  // never block; returns true when it took the frame, false to queue it for on_text.
  virtual bool on_urgent(std::string_view /*frame*/) { return false; }
  // A binary frame (speech audio). Called on the connection's IO strand, in arrival order
  // with on_urgent, so it must be quick and never block (queue the work). Returns false
  // when binary frames are not accepted, and the front end answers with an error frame.
  virtual bool on_binary(std::string_view /*frame*/) { return false; }
  virtual void on_close() = 0;
};

// What the front end needs from the application. Implemented by api::Api.
class Application {
 public:
  virtual ~Application() = default;
  // Handles one HTTP request. May block; called on a worker thread.
  virtual HttpResponse handle(const HttpRequest& request) = 0;
  // Called for an upgrade request to /ws/...; returns nullptr and fills `refusal` (a
  // JSON error response) when the upgrade must be refused (bad token, unknown session).
  virtual std::unique_ptr<SocketHandler> accept_socket(const HttpRequest& upgrade,
                                                       std::shared_ptr<SocketSink> sink,
                                                       HttpResponse& refusal) = 0;
  // The server begins to stop (before it closes connections): work in flight should end
  // soon, e.g. LLM calls are cancelled. Called once, on an IO thread; must not block.
  virtual void stopping() {}
};

}  // namespace mockroom::api
