// A fake OpenAI-compatible server for llm_openai's tests (test code only; not part of the
// plugin). It listens on 127.0.0.1 (ephemeral port), reads each HTTP/1.1 request, records
// it, and answers with whatever the test's script returns for that request: a status and a
// JSON body, or an SSE stream of chunks with delays, optionally cut off mid-stream. Every
// reply closes its connection. Threads: an acceptor thread that serves one connection at a
// time; the recorded exchanges are guarded by a mutex.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace mockroom::llm_openai::testing {

using nlohmann::json;

struct Received {
  std::string request_line;  // "POST /v1/chat/completions HTTP/1.1"
  std::string headers;       // raw, lower-cased
  json body;                 // discarded (is_discarded()) when the body is not JSON
  std::string raw;           // the body as sent (multipart uploads)
};

struct Chunk {
  std::string raw;  // written as is (e.g. "data: {...}\n\n")
  int delay_ms = 0;
};

struct Reply {
  int status = 200;
  std::vector<std::string> headers;  // extra "Name: value" lines
  std::string body;                  // for a non-streamed reply
  std::vector<Chunk> stream;         // when not empty: an SSE reply
  bool cut = false;                  // close the connection after the chunks, mid-stream
};

// "data: {choices:[{delta:{content}}]}\n\n"
inline Chunk token(const std::string& text, int delay_ms = 0) {
  json c = {{"model", "fake-model-1"}, {"choices", {{{"index", 0}, {"delta", {{"content", text}}}, {"finish_reason", nullptr}}}}};
  return {"data: " + c.dump() + "\n\n", delay_ms};
}
inline Chunk finish_chunk() {
  json c = {{"model", "fake-model-1"}, {"choices", {{{"index", 0}, {"delta", json::object()}, {"finish_reason", "stop"}}}}};
  return {"data: " + c.dump() + "\n\n", 0};
}
inline Chunk usage_chunk(int prompt, int completion) {
  json c = {{"model", "fake-model-1"}, {"choices", json::array()},
            {"usage", {{"prompt_tokens", prompt}, {"completion_tokens", completion}, {"total_tokens", prompt + completion}}}};
  return {"data: " + c.dump() + "\n\n", 0};
}
inline Chunk done_chunk() { return {"data: [DONE]\n\n", 0}; }

// A whole streamed reply of `words`, one token each.
inline Reply streamed(const std::vector<std::string>& words, int delay_ms = 0) {
  Reply r;
  for (const std::string& w : words) r.stream.push_back(token(w, delay_ms));
  r.stream.push_back(finish_chunk());
  r.stream.push_back(usage_chunk(50, static_cast<int>(words.size())));
  r.stream.push_back(done_chunk());
  return r;
}

// A non-streamed completion whose message content is `content`.
inline Reply completion(const std::string& content) {
  json b = {{"model", "fake-model-1"},
            {"choices", {{{"index", 0}, {"message", {{"role", "assistant"}, {"content", content}}}, {"finish_reason", "stop"}}}},
            {"usage", {{"prompt_tokens", 120}, {"completion_tokens", 30}, {"total_tokens", 150}}}};
  return {200, {}, b.dump(), {}, false};
}

inline Reply error_reply(int status, const std::string& message, std::vector<std::string> headers = {}) {
  return {status, std::move(headers), json{{"error", {{"message", message}, {"type", "test"}}}}.dump(), {}, false};
}

class FakeOpenAi {
 public:
  using Script = std::function<Reply(size_t index, const Received&)>;

  explicit FakeOpenAi(Script script) : script_(std::move(script)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(fd_, 16);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeOpenAi() {
    stopping_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  std::vector<Received> received() {
    std::lock_guard lock(mu_);
    return received_;
  }

 private:
  static bool write_all(int fd, const std::string& s) {
    size_t at = 0;
    while (at < s.size()) {
      ssize_t n = ::send(fd, s.data() + at, s.size() - at, MSG_NOSIGNAL);
      if (n <= 0) return false;
      at += static_cast<size_t>(n);
    }
    return true;
  }

  void serve() {
    while (!stopping_) {
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      handle(c);
      ::close(c);
    }
  }

  void handle(int c) {
    std::string in;
    char buf[4096];
    size_t header_end = std::string::npos;
    while ((header_end = in.find("\r\n\r\n")) == std::string::npos) {
      ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0) return;
      in.append(buf, static_cast<size_t>(n));
    }
    std::string head = in.substr(0, header_end);
    for (char& ch : head) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    size_t length = 0;
    if (size_t at = head.find("content-length:"); at != std::string::npos) length = std::stoul(head.substr(at + 15));
    std::string body = in.substr(header_end + 4);
    while (body.size() < length) {
      ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0) return;
      body.append(buf, static_cast<size_t>(n));
    }
    Received r{in.substr(0, in.find("\r\n")), head, json::parse(body, nullptr, false), body};
    size_t index;
    {
      std::lock_guard lock(mu_);
      index = received_.size();
      received_.push_back(r);
    }
    Reply reply = script_(index, r);
    std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " X\r\nConnection: close\r\n";
    for (const std::string& h : reply.headers) out += h + "\r\n";
    if (reply.stream.empty()) {
      out += "Content-Type: application/json\r\nContent-Length: " + std::to_string(reply.body.size()) + "\r\n\r\n" + reply.body;
      write_all(c, out);
      return;
    }
    out += "Content-Type: text/event-stream\r\n\r\n";
    if (!write_all(c, out)) return;
    for (const Chunk& ch : reply.stream) {
      if (ch.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ch.delay_ms));
      if (!write_all(c, ch.raw)) return;
    }
    if (reply.cut) ::shutdown(c, SHUT_RDWR);
  }

  Script script_;
  int fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::vector<Received> received_;
  std::thread thread_;
};

}  // namespace mockroom::llm_openai::testing
