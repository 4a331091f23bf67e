#include "llm/driver.h"

#include <unistd.h>

#include <cstdio>
#include <optional>
#include <stdexcept>
#include <utility>  // before Boost 1.74's awaitable.hpp, which needs std::exchange

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <nlohmann/json.hpp>

#include "answer_text.h"
#include "loadgen_net.h"

namespace mockroom::bench::llm {
namespace {

namespace beast = boost::beast;
using verb = beast::http::verb;
using json = nlohmann::json;
using net::use_awaitable;

constexpr long kSetupConcurrency = 32;  // registrations, creations and handshakes at once
constexpr int kMaxConsecutiveFailures = 3;
constexpr auto kTurnTimeout = std::chrono::seconds(120);
constexpr auto kProgressInterval = std::chrono::seconds(10);
constexpr int kMaxErrorSamples = 5;

struct User {
  std::string email;
  std::string token;
};

struct Conversation {
  std::string id;
  std::unique_ptr<WebSocket> ws;
  json question_id;
  beast::flat_buffer buffer;
};

enum class Outcome { kNextQuestion, kFinished, kFailed };

class Candidates {
 public:
  Candidates(net::io_context& ioc, uint16_t port, DriverOptions options)
      : options_(options),
        server_(net::ip::make_address("127.0.0.1"), port),
        executor_(ioc.get_executor()),
        setup_slots_(executor_, kSetupConcurrency),
        users_ready_(executor_),
        all_opened_(executor_),
        go_(executor_),
        all_done_(executor_) {}

  net::awaitable<void> run() {
    std::string run_id = std::to_string(::getpid());
    for (int i = 0; i < options_.users; ++i) {
      users_.push_back({"llm-bench-" + run_id + "-" + std::to_string(i) + "@example.com", ""});
    }
    for (User& user : users_) net::co_spawn(executor_, sign_up(user), net::detached);
    co_await users_ready_.wait();
    if (!user_failure_.empty()) throw std::runtime_error(user_failure_);
    for (int i = 0; i < options_.sessions; ++i) net::co_spawn(executor_, session(i), net::detached);
    co_await all_opened_.wait();
    std::fprintf(stderr, "llm bench: %ld of %d sessions open\n", result_.sessions_opened, options_.sessions);
    net::co_spawn(executor_, progress(), net::detached);
    go_.open();
    co_await all_done_.wait();
    if (measuring_) result_.elapsed_seconds = std::chrono::duration<double>(last_reply_ - measure_start_).count();
  }

  DriverResult take_result() { return std::move(result_); }

 private:
  net::awaitable<void> sign_up(User& user) {
    co_await setup_slots_.acquire();
    try {
      json credentials = {{"email", user.email}, {"password", "llm-bench-password"}};
      json registration = credentials;
      registration["name"] = "Bench Candidate";
      auto reply = co_await http_call(server_, verb::post, "/api/auth/register", registration.dump(), "");
      if (reply.status != 201) throw std::runtime_error("register: HTTP " + describe(reply));
      reply = co_await http_call(server_, verb::post, "/api/auth/login", credentials.dump(), "");
      if (reply.status != 200) throw std::runtime_error("login: HTTP " + describe(reply));
      user.token = json::parse(reply.body).at("token").get<std::string>();
    } catch (const std::exception& e) {
      if (user_failure_.empty()) user_failure_ = "cannot set up user " + user.email + ": " + e.what();
    }
    setup_slots_.release();
    if (++users_done_ == options_.users) users_ready_.open();
  }

  net::awaitable<void> session(int index) {
    const User& user = users_[static_cast<std::size_t>(index) % users_.size()];
    std::optional<Conversation> conversation = co_await start_conversation(user);
    if (conversation) ++result_.sessions_opened;
    if (++sessions_settled_ == options_.sessions) all_opened_.open();
    co_await go_.wait();
    int failures = 0;
    uint64_t turn = 0;
    while (failures < kMaxConsecutiveFailures && more_turns()) {
      if (!conversation) {
        conversation = co_await start_conversation(user);
        if (!conversation) ++failures;
        continue;
      }
      bool measured = ++turns_started_ > options_.warmup_turns;
      if (measured && !measuring_) {
        measuring_ = true;
        if (options_.on_measuring) options_.on_measuring();
        measure_start_ = Clock::now();
      }
      TurnRecord record;
      record.key = std::string(kKeyPrefix) + std::to_string(index) + "-" + std::to_string(turn);
      std::string answer = star_answer(static_cast<uint64_t>(index), turn) + " (" + record.key + ")";
      ++turn;
      Outcome outcome = co_await take_turn(*conversation, user, answer, record);
      if (outcome == Outcome::kFailed) {
        ++failures;
        conversation.reset();  // start afresh: the socket may hold the failed turn's frames
        continue;
      }
      failures = 0;
      if (measured) {
        if (measured_done_ < options_.turns) result_.turns.push_back(std::move(record));
        ++measured_done_;
        last_reply_ = Clock::now();
      }
      if (outcome == Outcome::kFinished) {
        ++result_.interviews_completed;
        co_await close_quietly(*conversation->ws, std::chrono::seconds(10));
        conversation.reset();
      }
      if (options_.think.count() > 0) co_await sleep(options_.think);
    }
    if (conversation) co_await close_quietly(*conversation->ws, std::chrono::seconds(10));
    if (++sessions_finished_ == options_.sessions) all_done_.open();
  }

  net::awaitable<std::optional<Conversation>> start_conversation(const User& user) {
    co_await setup_slots_.acquire();
    std::optional<Conversation> out;
    try {
      json body = {{"format", "behavioral"}, {"questionCount", options_.questions}};
      auto reply = co_await http_call(server_, verb::post, "/api/interviews", body.dump(), user.token);
      if (reply.status != 201) throw std::runtime_error("create interview: HTTP " + describe(reply));
      Conversation c;
      c.id = json::parse(reply.body).at("id").get<std::string>();
      std::string target = "/ws/interviews/" + url_encode(c.id) + "?token=" + url_encode(user.token);
      c.ws = co_await open_websocket(server_, target);
      beast::get_lowest_layer(*c.ws).expires_after(kTurnTimeout);
      for (;;) {
        json frame = co_await read_json_frame(*c.ws, c.buffer);
        if (frame.value("type", "") == "error") throw std::runtime_error("error frame on open: " + frame.dump());
        if (frame.value("type", "") != "question") continue;
        c.question_id = frame.at("question").at("id");
        break;
      }
      beast::get_lowest_layer(*c.ws).expires_never();
      out = std::move(c);
    } catch (const std::exception& e) {
      record_error("open", e.what());
    }
    setup_slots_.release();
    co_return out;
  }

  // Sends the answer (a POST, or a frame on the socket) and reads the socket until the
  // next question or the final status; over HTTP also waits for the response.
  net::awaitable<Outcome> take_turn(Conversation& c, const User& user, const std::string& answer,
                                    TurnRecord& record) {
    json message = {{"questionId", c.question_id}, {"answer", answer}};
    Gate replied(executor_);
    std::optional<HttpReply> http_reply;
    std::string http_failure;
    Outcome outcome = Outcome::kFailed;
    try {
      beast::get_lowest_layer(*c.ws).expires_after(kTurnTimeout);
      record.sent = Clock::now();
      if (options_.via == AnswerVia::kHttp) {
        net::co_spawn(executor_,
                      http_call(server_, verb::post, "/api/interviews/" + url_encode(c.id) + "/answer",
                                message.dump(), user.token),
                      [&](std::exception_ptr e, HttpReply reply) {
                        record.reply = Clock::now();
                        if (e) {
                          try {
                            std::rethrow_exception(e);
                          } catch (const std::exception& x) {
                            http_failure = x.what();
                          }
                        } else {
                          http_reply = std::move(reply);
                        }
                        replied.open();
                      });
      } else {
        replied.open();  // the reply is the question frame read below
        message["type"] = "answer";
        const std::string frame = message.dump();
        co_await c.ws->async_write(net::buffer(frame), use_awaitable);
      }
      outcome = co_await read_reply(c, record);
    } catch (const std::exception& e) {
      record_error("turn", e.what());
      outcome = Outcome::kFailed;
    }
    co_await replied.wait();  // the HTTP call's handler refers to this frame
    beast::get_lowest_layer(*c.ws).expires_never();
    if (options_.via == AnswerVia::kHttp && outcome != Outcome::kFailed) {
      if (!http_failure.empty()) {
        record_error("answer", http_failure);
        outcome = Outcome::kFailed;
      } else if (!http_reply || http_reply->status != 200) {
        record_error("answer", http_reply ? "HTTP " + describe(*http_reply) : "no reply");
        outcome = Outcome::kFailed;
      }
    }
    co_return outcome;
  }

  net::awaitable<Outcome> read_reply(Conversation& c, TurnRecord& record) {
    for (;;) {
      json frame = co_await read_json_frame(*c.ws, c.buffer);
      Clock::time_point at = Clock::now();
      std::string type = frame.value("type", "");
      if (type == "thinking" && record.thinking == Clock::time_point{}) {
        record.thinking = at;
      } else if (type == "token" && record.first_token == Clock::time_point{}) {
        record.first_token = at;
        record.first_token_text = frame.value("text", "");
      } else if (type == "message" && record.message == Clock::time_point{}) {
        record.message = at;
      } else if (type == "question") {
        c.question_id = frame.at("question").at("id");
        if (options_.via == AnswerVia::kWebSocket) record.reply = at;
        co_return Outcome::kNextQuestion;
      } else if (type == "status" && frame.value("status", "") != "in_progress") {
        if (options_.via == AnswerVia::kWebSocket) record.reply = at;
        record.finished_interview = true;
        co_return Outcome::kFinished;
      } else if (type == "error") {
        throw std::runtime_error("error frame: " + frame.dump());
      }
    }
  }

  net::awaitable<void> progress() {
    while (!all_done_.is_open()) {
      co_await sleep(kProgressInterval);
      if (all_done_.is_open()) break;
      std::fprintf(stderr, "llm bench: %ld turns started, %ld measured, %ld errors\n", turns_started_,
                   measured_done_, result_.errors);
    }
  }

  net::awaitable<void> sleep(Clock::duration duration) {
    net::steady_timer timer(executor_, duration);
    boost::system::error_code ignored;
    co_await timer.async_wait(net::redirect_error(use_awaitable, ignored));
  }

  bool more_turns() const { return turns_started_ < options_.warmup_turns + options_.turns; }

  void record_error(const std::string& kind, const std::string& detail) {
    if (++result_.errors > kMaxErrorSamples) return;
    std::fprintf(stderr, "llm bench: error (%s): %s\n", kind.c_str(), detail.c_str());
  }

  static std::string describe(const HttpReply& reply) {
    return std::to_string(reply.status) + " " + reply.body.substr(0, 300);
  }

  const DriverOptions options_;
  const tcp::endpoint server_;
  net::any_io_executor executor_;
  AsyncSemaphore setup_slots_;
  Gate users_ready_, all_opened_, go_, all_done_;
  std::vector<User> users_;
  int users_done_ = 0, sessions_settled_ = 0, sessions_finished_ = 0;
  std::string user_failure_;
  long turns_started_ = 0, measured_done_ = 0;
  bool measuring_ = false;
  Clock::time_point measure_start_, last_reply_;
  DriverResult result_;
};

}  // namespace

DriverResult drive(uint16_t port, const DriverOptions& options) {
  net::io_context ioc(1);
  Candidates candidates(ioc, port, options);
  std::exception_ptr failure;
  net::co_spawn(ioc, candidates.run(), [&](std::exception_ptr e) { failure = e; });
  ioc.run();
  if (failure) std::rethrow_exception(failure);
  return candidates.take_result();
}

}  // namespace mockroom::bench::llm
