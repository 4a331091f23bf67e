#include "llm/fake_provider.h"

#include <atomic>
#include <cstdio>
#include <utility>  // before Boost 1.74's awaitable.hpp, which needs std::exchange

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <nlohmann/json.hpp>

namespace mockroom::bench::llm {
namespace {

namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using json = nlohmann::json;
using net::use_awaitable;
using ErrorCode = boost::system::error_code;

constexpr std::uint64_t kMaxRequestBytes = 1 << 20;
constexpr const char* kModel = "fake-bench";
constexpr std::string_view kWords[] = {" that", " is", " a", " clear", " story", " with", " a",
                                       " measurable", " result", " and", " good", " detail"};

// One piece of a chunked body.
std::string chunk(std::string_view data) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return std::string(size) + std::string(data) + "\r\n";
}

std::string sse(const json& event) { return "data: " + event.dump() + "\n\n"; }

json delta_event(std::string_view text) {
  return {{"id", "chatcmpl-bench"}, {"object", "chat.completion.chunk"}, {"model", kModel},
          {"choices", {{{"index", 0}, {"delta", {{"content", text}}}, {"finish_reason", nullptr}}}}};
}

std::string stream_end(int tokens) {
  json finish = {{"id", "chatcmpl-bench"}, {"object", "chat.completion.chunk"}, {"model", kModel},
                 {"choices", {{{"index", 0}, {"delta", json::object()}, {"finish_reason", "stop"}}}}};
  json usage = {{"id", "chatcmpl-bench"}, {"object", "chat.completion.chunk"}, {"model", kModel},
                {"choices", json::array()},
                {"usage", {{"prompt_tokens", 200}, {"completion_tokens", tokens}, {"total_tokens", 200 + tokens}}}};
  return chunk(sse(finish) + sse(usage) + "data: [DONE]\n\n") + "0\r\n\r\n";
}

std::string decision_response() {
  json body = {{"id", "chatcmpl-bench"}, {"object", "chat.completion"}, {"model", kModel},
               {"choices", {{{"index", 0},
                             {"message", {{"role", "assistant"},
                                          {"content", R"({"followup": null, "reason": "complete"})"}}},
                             {"finish_reason", "stop"}}}},
               {"usage", {{"prompt_tokens", 300}, {"completion_tokens", 12}, {"total_tokens", 312}}}};
  std::string text = body.dump();
  return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(text.size()) +
         "\r\n\r\n" + text;
}

}  // namespace

std::string find_turn_key(std::string_view text) {
  std::size_t at = text.find(kKeyPrefix);
  if (at == std::string_view::npos) return "";
  std::size_t end = at + kKeyPrefix.size();
  while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == '-')) ++end;
  return std::string(text.substr(at, end - at));
}

struct FakeProvider::Impl {
  explicit Impl(ProviderOptions o) : options(o), acceptor(ioc, {net::ip::make_address_v4("127.0.0.1"), 0}) {
    port = acceptor.local_endpoint().port();
    net::co_spawn(ioc, accept_loop(), net::detached);
    thread = std::thread([this] { ioc.run(); });
  }

  ~Impl() {
    net::post(ioc, [this] {
      ErrorCode ignored;
      acceptor.close(ignored);
      ioc.stop();
    });
    thread.join();
  }

  net::awaitable<void> accept_loop() {
    for (;;) {
      ErrorCode ec;
      tcp::socket socket = co_await acceptor.async_accept(net::redirect_error(use_awaitable, ec));
      if (ec) co_return;  // closed by the destructor
      connections.fetch_add(1, std::memory_order_relaxed);
      net::co_spawn(ioc, serve(std::move(socket)), net::detached);
    }
  }

  net::awaitable<void> serve(tcp::socket socket) {
    ErrorCode ec;
    socket.set_option(tcp::no_delay(true), ec);  // as real servers do: tokens go out at once
    boost::beast::flat_buffer buffer;
    bool fresh = true;
    for (;;) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(kMaxRequestBytes);
      co_await bhttp::async_read(socket, buffer, parser, net::redirect_error(use_awaitable, ec));
      if (ec) co_return;
      CallRecord record;
      record.received = Clock::now();
      record.fresh_connection = std::exchange(fresh, false);
      const std::string& body = parser.get().body();
      record.turn_key = find_turn_key(body);
      json request = json::parse(body, nullptr, false);
      bool stream = request.is_object() && request.value("stream", false);
      record.kind = stream ? CallKind::kStream : CallKind::kDecision;
      if (stream) {
        co_await stream_reply(socket, record, ec);
      } else {
        co_await pause(options.decision_delay);
        const std::string reply = decision_response();
        co_await net::async_write(socket, net::buffer(reply), net::redirect_error(use_awaitable, ec));
        record.last_byte = Clock::now();
      }
      {
        std::lock_guard lock(mu);
        calls.push_back(std::move(record));
      }
      if (ec || !parser.get().keep_alive()) co_return;
    }
  }

  net::awaitable<void> stream_reply(tcp::socket& socket, CallRecord& record, ErrorCode& ec) {
    static const std::string head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
        "Transfer-Encoding: chunked\r\n\r\n";
    co_await net::async_write(socket, net::buffer(head), net::redirect_error(use_awaitable, ec));
    if (ec) co_return;
    co_await pause(options.first_token_delay);
    for (int i = 0; i < options.tokens; ++i) {
      if (i > 0) co_await pause(options.token_interval);
      // The first token names the turn, so the client can match its token frame to this call.
      std::string text = i == 0 ? (record.turn_key.empty() ? std::string("Thanks") : record.turn_key)
                                : std::string(kWords[static_cast<std::size_t>(i) % std::size(kWords)]);
      std::string bytes = chunk(sse(delta_event(text)));
      if (i == 0) record.first_token = Clock::now();
      co_await net::async_write(socket, net::buffer(bytes), net::redirect_error(use_awaitable, ec));
      if (ec) co_return;
    }
    const std::string end = stream_end(options.tokens);
    co_await net::async_write(socket, net::buffer(end), net::redirect_error(use_awaitable, ec));
    record.last_byte = Clock::now();
  }

  net::awaitable<void> pause(std::chrono::milliseconds delay) {
    if (delay.count() <= 0) co_return;
    net::steady_timer timer(ioc, delay);
    ErrorCode ignored;
    co_await timer.async_wait(net::redirect_error(use_awaitable, ignored));
  }

  const ProviderOptions options;
  net::io_context ioc{1};
  tcp::acceptor acceptor;
  uint16_t port = 0;
  std::atomic<long> connections{0};
  mutable std::mutex mu;  // guards calls
  std::vector<CallRecord> calls;
  std::thread thread;
};

FakeProvider::FakeProvider(ProviderOptions options) : impl_(std::make_unique<Impl>(options)) {}
FakeProvider::~FakeProvider() = default;

std::string FakeProvider::base_url() const { return "http://127.0.0.1:" + std::to_string(impl_->port) + "/v1"; }

std::vector<CallRecord> FakeProvider::calls() const {
  std::lock_guard lock(impl_->mu);
  return impl_->calls;
}

long FakeProvider::connections() const { return impl_->connections.load(std::memory_order_relaxed); }

}  // namespace mockroom::bench::llm
