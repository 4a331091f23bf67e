// A fake Judge0 server for runner_judge0's tests (test code only; not part of the plugin).
//
// FakeJudge0 listens on 127.0.0.1 (ephemeral port) and speaks enough of Judge0's API over
// HTTP/1.1 keep-alive: POST /submissions, POST /submissions/batch, GET /submissions/{token}
// and GET /submissions/batch?tokens=..., all with base64_encoded=true. It checks the auth
// header, answers the first poll of a submission with 1 "In Queue", the next ones with
// 2 "Processing", and from the (polls_before_final + 1)-th poll on with the verdict of its
// judge. The default judge runs a tiny "language": a source containing COMPILE_ERROR fails
// to compile, one containing TLE exceeds the time limit, anything else echoes its stdin
// (Accepted, or Wrong Answer when expected_output differs).
//
// Tests script faults with an interceptor (may replace any reply) and a mutator (edits each
// submission JSON before it is sent). Threads: an acceptor thread plus one per connection;
// all state is guarded by one mutex, and the callbacks run with that mutex released.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <climits>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace mockroom::runner_judge0::testing {

using nlohmann::json;

inline constexpr char kServerToken[] = "s3cret-judge0-token";

struct Exchange {  // one request as the server received it
  std::string method;
  std::string path;                            // without the query
  std::string query;                           // after '?'
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

struct RawReply {
  int status = 200;
  std::string body;
  std::vector<std::string> headers;  // extra "Name: value" lines
};

struct FakeSubmission {
  std::string token;
  json received;  // the submission JSON as posted (base64 fields still encoded)
  std::string source;
  std::optional<std::string> stdin_text;
  std::optional<std::string> expected_output;
  int polls = 0;
};

inline std::string b64_encode(const std::string& in) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t n = uint8_t(in[i]) << 16;
    if (i + 1 < in.size()) n |= uint8_t(in[i + 1]) << 8;
    if (i + 2 < in.size()) n |= uint8_t(in[i + 2]);
    out += k[(n >> 18) & 63];
    out += k[(n >> 12) & 63];
    out += i + 1 < in.size() ? k[(n >> 6) & 63] : '=';
    out += i + 2 < in.size() ? k[n & 63] : '=';
  }
  return out;
}

// Ruby's Base64.encode64, which Judge0 uses: a newline after every 60 characters and at the end.
inline std::string ruby_b64(const std::string& in) {
  std::string flat = b64_encode(in), out;
  for (size_t i = 0; i < flat.size(); i += 60) out += flat.substr(i, 60) + "\n";
  return out;
}

inline std::optional<std::string> b64_decode(const std::string& in) {
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : in) {
    if (c == '=' || c == '\n') continue;
    const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char* at = std::strchr(k, c);
    if (!at || c == '\0') return std::nullopt;
    bits = (bits << 6) | uint32_t(at - k);
    if (++count == 4) {
      out += char(bits >> 16), out += char(bits >> 8), out += char(bits);
      bits = 0, count = 0;
    }
  }
  if (count == 2) out += char(bits >> 4);
  if (count == 3) out += char(bits >> 10), out += char(bits >> 2);
  return out;
}

// The default judge: Judge0's final fields for one submission, outputs in plain text.
inline json echo_judge(const FakeSubmission& s) {
  json r = {{"stdout", nullptr},    {"stderr", nullptr},      {"compile_output", nullptr},
            {"exit_code", 0},       {"exit_signal", nullptr}, {"time", "0.012"},
            {"wall_time", "0.034"}, {"memory", 3420}};
  if (s.source.find("COMPILE_ERROR") != std::string::npos) {
    r["status"] = {{"id", 6}, {"description", "Compilation Error"}};
    r["compile_output"] = "main.cpp:1:1: error: expected ';' before '}' token\n";
    r["exit_code"] = 1, r["time"] = nullptr, r["wall_time"] = nullptr, r["memory"] = nullptr;
  } else if (s.source.find("TLE") != std::string::npos) {
    r["status"] = {{"id", 5}, {"description", "Time Limit Exceeded"}};
    r["time"] = "2.001", r["wall_time"] = "2.5", r["exit_code"] = nullptr, r["exit_signal"] = 9;
  } else {
    std::string out = s.stdin_text.value_or("");
    bool right = !s.expected_output || *s.expected_output == out;
    r["status"] = right ? json{{"id", 3}, {"description", "Accepted"}}
                        : json{{"id", 4}, {"description", "Wrong Answer"}};
    r["stdout"] = out;
  }
  return r;
}

class FakeJudge0 {
 public:
  using Intercept = std::function<std::optional<RawReply>(const Exchange&)>;
  using Judge = std::function<json(const FakeSubmission&)>;
  using Mutate = std::function<void(json& submission)>;

  explicit FakeJudge0(std::string auth_token = kServerToken) : auth_token_(std::move(auth_token)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
        ::listen(listen_fd_, 64) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
      throw std::runtime_error("fake Judge0: cannot listen on 127.0.0.1");
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }

  ~FakeJudge0() {
    stopping_ = true;
    ::shutdown(listen_fd_, SHUT_RDWR);
    acceptor_.join();
    std::vector<std::thread> threads;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (int fd : connection_fds_) ::shutdown(fd, SHUT_RDWR);
      threads.swap(connection_threads_);
    }
    for (auto& t : threads) t.join();
    for (int fd : connection_fds_) ::close(fd);
    ::close(listen_fd_);
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  void set_intercept(Intercept f) {
    std::lock_guard<std::mutex> l(mutex_);
    intercept_ = std::move(f);
  }
  void set_judge(Judge f) {
    std::lock_guard<std::mutex> l(mutex_);
    judge_ = std::move(f);
  }
  void set_mutate(Mutate f) {
    std::lock_guard<std::mutex> l(mutex_);
    mutate_ = std::move(f);
  }
  void set_polls_before_final(int n) {
    std::lock_guard<std::mutex> l(mutex_);
    polls_before_final_ = n;
  }
  void set_max_batch(size_t n) {
    std::lock_guard<std::mutex> l(mutex_);
    max_batch_ = n;
  }

  std::vector<Exchange> exchanges() const {
    std::lock_guard<std::mutex> l(mutex_);
    return exchanges_;
  }
  std::vector<FakeSubmission> submissions() const {
    std::lock_guard<std::mutex> l(mutex_);
    return submissions_;
  }
  size_t count(const std::string& method, const std::string& path_prefix) const {
    size_t n = 0;
    for (const Exchange& e : exchanges())
      if (e.method == method && e.path.rfind(path_prefix, 0) == 0) ++n;
    return n;
  }

 private:
  void accept_loop() {
    for (;;) {
      int fd = ::accept(listen_fd_, nullptr, nullptr);
      if (fd < 0 || stopping_) {
        if (fd >= 0) ::close(fd);
        return;
      }
      std::lock_guard<std::mutex> lock(mutex_);
      connection_fds_.push_back(fd);
      connection_threads_.emplace_back([this, fd] { serve(fd); });
    }
  }

  // Reads one request from `fd` (keeping any pipelined rest in `buffer`).
  static bool read_request(int fd, std::string& buffer, Exchange& e) {
    size_t end;
    while ((end = buffer.find("\r\n\r\n")) == std::string::npos)
      if (!read_more(fd, buffer)) return false;
    std::string head = buffer.substr(0, end);
    size_t line_end = head.find("\r\n");
    std::string line = head.substr(0, line_end);
    size_t sp1 = line.find(' '), sp2 = line.find(' ', sp1 + 1);
    e.method = line.substr(0, sp1);
    std::string target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    size_t q = target.find('?');
    e.path = target.substr(0, q);
    e.query = q == std::string::npos ? "" : target.substr(q + 1);
    for (size_t at = line_end; at != std::string::npos && at < head.size();) {
      size_t next = head.find("\r\n", at + 2);
      std::string h =
          head.substr(at + 2, next == std::string::npos ? std::string::npos : next - at - 2);
      size_t colon = h.find(':');
      if (colon != std::string::npos) {
        std::string name = h.substr(0, colon), value = h.substr(colon + 1);
        for (char& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        e.headers[name] = value;
      }
      at = next;
    }
    size_t length = e.headers.count("content-length") ? std::stoul(e.headers["content-length"]) : 0;
    while (buffer.size() < end + 4 + length)
      if (!read_more(fd, buffer)) return false;
    e.body = buffer.substr(end + 4, length);
    buffer.erase(0, end + 4 + length);
    return true;
  }

  static bool read_more(int fd, std::string& buffer) {
    char chunk[65536];
    ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
    if (n <= 0) return false;
    buffer.append(chunk, size_t(n));
    return true;
  }

  static void write_reply(int fd, const RawReply& reply) {
    std::string out =
        "HTTP/1.1 " + std::to_string(reply.status) + " Fake\r\n" +
        "Content-Type: application/json\r\nContent-Length: " + std::to_string(reply.body.size()) +
        "\r\n";
    for (const std::string& h : reply.headers) out += h + "\r\n";
    out += "\r\n" + reply.body;
    for (size_t sent = 0; sent < out.size();) {
      ssize_t n = ::send(fd, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += size_t(n);
    }
  }

  void serve(int fd) {
    std::string buffer;
    Exchange e;
    while (!stopping_ && read_request(fd, buffer, e)) {
      Intercept intercept;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        exchanges_.push_back(e);
        intercept = intercept_;
      }
      std::optional<RawReply> scripted = intercept ? intercept(e) : std::nullopt;
      write_reply(fd, scripted ? *scripted : route(e));
      e = Exchange{};
    }
  }

  static RawReply reply(int status, const json& body) { return {status, body.dump(), {}}; }

  RawReply route(const Exchange& e) {
    auto auth = e.headers.find("x-auth-token");
    if (auth == e.headers.end() || auth->second != auth_token_)
      return reply(401, {{"error", "Authentication failed"}});
    if (e.query.find("base64_encoded=true") == std::string::npos)
      return reply(400, {{"error", "this fake only speaks base64_encoded=true"}});
    if (e.method == "POST" && e.path == "/submissions") return create_one(e);
    if (e.method == "POST" && e.path == "/submissions/batch") return create_batch(e);
    if (e.method == "GET" && e.path == "/submissions/batch") return show_batch(e);
    if (e.method == "GET" && e.path.rfind("/submissions/", 0) == 0)
      return show_one(e.path.substr(13));
    return reply(404, {{"error", "not found"}});
  }

  // Stores one posted submission; returns its token or an error object.
  json store(const json& posted) {
    FakeSubmission s;
    s.received = posted;
    auto field = [&](const char* key) -> std::optional<std::string> {
      if (!posted.contains(key) || !posted[key].is_string()) return std::nullopt;
      return b64_decode(posted[key].get<std::string>());
    };
    if (!posted.contains("language_id")) return {{"language_id", {"can't be blank"}}};
    if (posted["language_id"] == 999)
      return {{"language_id", {"language with id 999 doesn't exist"}}};
    s.source = field("source_code").value_or("");
    s.stdin_text = field("stdin");
    s.expected_output = field("expected_output");
    std::lock_guard<std::mutex> lock(mutex_);
    s.token = "tok-" + std::to_string(submissions_.size() + 1);
    submissions_.push_back(s);
    return {{"token", s.token}};
  }

  RawReply create_one(const Exchange& e) {
    json created = store(json::parse(e.body));
    return reply(created.contains("token") ? 201 : 422, created);
  }

  RawReply create_batch(const Exchange& e) {
    json body = json::parse(e.body);
    size_t max_batch;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      max_batch = max_batch_;
    }
    if (body["submissions"].size() > max_batch)
      return reply(400, {{"error",
                          "number of submissions in a batch should be less than or "
                          "equal to " +
                              std::to_string(max_batch)}});
    json out = json::array();
    bool any = false;
    for (const json& posted : body["submissions"]) {
      out.push_back(store(posted));
      any = any || out.back().contains("token");
    }
    return reply(any ? 201 : 422, out);
  }

  // The submission JSON for one poll, or null for an unknown token.
  json poll(const std::string& token) {
    FakeSubmission snapshot;
    Judge judge;
    Mutate mutate;
    int polls_before_final;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      FakeSubmission* found = nullptr;
      for (auto& s : submissions_)
        if (s.token == token) found = &s;
      if (!found) return nullptr;
      ++found->polls;
      snapshot = *found;
      judge = judge_ ? judge_ : Judge(&echo_judge);
      mutate = mutate_;
      polls_before_final = polls_before_final_;
    }
    json r = snapshot.polls > polls_before_final ? final_fields(judge(snapshot))
                                                 : pending_fields(snapshot.polls);
    r["token"] = token;
    if (mutate) mutate(r);
    return r;
  }

  static json pending_fields(int polls) {
    json status = polls == 1 ? json{{"id", 1}, {"description", "In Queue"}}
                             : json{{"id", 2}, {"description", "Processing"}};
    return {{"status", status},          {"stdout", nullptr},    {"stderr", nullptr},
            {"compile_output", nullptr}, {"exit_code", nullptr}, {"exit_signal", nullptr},
            {"time", nullptr},           {"wall_time", nullptr}, {"memory", nullptr}};
  }

  static json final_fields(json r) {
    for (const char* key : {"stdout", "stderr", "compile_output"})
      if (r.contains(key) && r[key].is_string()) r[key] = ruby_b64(r[key].get<std::string>());
    return r;
  }

  RawReply show_one(const std::string& token) {
    json r = poll(token);
    if (r.is_null()) return reply(404, {{"error", "Not Found"}});
    return reply(200, r);
  }

  RawReply show_batch(const Exchange& e) {
    size_t at = e.query.find("tokens=");
    std::string list = e.query.substr(at + 7, e.query.find('&', at) - at - 7);
    json out = json::array();
    for (size_t start = 0; start <= list.size();) {
      size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      out.push_back(poll(list.substr(start, comma - start)));
      start = comma + 1;
    }
    return reply(200, {{"submissions", out}});
  }

  std::string auth_token_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;

  mutable std::mutex mutex_;  // guards everything below
  std::vector<int> connection_fds_;
  std::vector<std::thread> connection_threads_;
  std::vector<Exchange> exchanges_;
  std::vector<FakeSubmission> submissions_;
  Intercept intercept_;
  Judge judge_;
  Mutate mutate_;
  int polls_before_final_ = 2;
  size_t max_batch_ = 20;
};

}  // namespace mockroom::runner_judge0::testing
