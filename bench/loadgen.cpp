// mockroom_loadgen: drives a RUNNING engine with many concurrent WebSocket interviews and
// reports throughput, answer-to-next-question latency and (optionally) the server's memory.
//
//   mockroom_loadgen --port P [--host H] [--sessions N] [--users U] [--turns T]
//                    [--concurrency C] [--duration S] [--server-pid PID]
//
// Registers U users, creates N interviews round-robin over them, opens N WebSockets and
// answers questions until T turns (or S seconds) are done, with at most C answers in
// flight. A session whose interview completes starts a new one. Everything runs as
// coroutines on one thread: the generator stays cheap next to the server it measures.
#include <sys/resource.h>

#include <cstdio>
#include <iostream>
#include <optional>
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
#include "loadgen_cli.h"
#include "loadgen_net.h"

namespace mockroom::bench {
namespace {

namespace beast = boost::beast;
using bhttp_verb = beast::http::verb;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;
using net::use_awaitable;

constexpr long kSetupConcurrency = 64;      // interview creations / handshakes at once
constexpr int kMaxConsecutiveFailures = 3;  // then a session gives up
constexpr auto kTurnTimeout = std::chrono::seconds(60);
constexpr auto kIdleSettle = std::chrono::seconds(1);  // before sampling idle RSS
constexpr auto kProgressInterval = std::chrono::seconds(5);
constexpr int kMaxErrorSamples = 5;  // error messages echoed to stderr
// Candidates pick different lengths, so interviews end at different times, as they do in
// real use (in lockstep, every report would be scored in the same second).
constexpr int kMinQuestions = 5, kMaxQuestions = 10;

struct User {
  std::string email;
  std::string token;
};

struct Conversation {
  std::unique_ptr<WebSocket> ws;
  json question_id;  // as the server sent it
  beast::flat_buffer buffer;
};

enum class TurnOutcome { next_question, completed, error_frame, failed };

class LoadRun {
 public:
  LoadRun(net::io_context& ioc, Options options)
      : options_(std::move(options)),
        server_(net::ip::make_address(options_.host), options_.port),
        executor_(ioc.get_executor()),
        setup_slots_(executor_, kSetupConcurrency),
        in_flight_(executor_, options_.concurrency),
        users_ready_(executor_),
        all_opened_(executor_),
        go_(executor_),
        all_done_(executor_),
        progress_timer_(executor_) {}

  net::awaitable<void> run() {
    std::string run_id = std::to_string(::getpid()) + "-" +
                         std::to_string(Clock::now().time_since_epoch().count() % 1000000007);
    for (int i = 0; i < options_.users; ++i) {
      users_.push_back({"loadgen-" + run_id + "-" + std::to_string(i) + "@example.com", ""});
    }
    for (User& user : users_) net::co_spawn(executor_, setup_user(user), net::detached);
    co_await users_ready_.wait();
    if (!user_failure_.empty()) throw std::runtime_error(user_failure_);
    report_.rss_before = read_rss_kib(options_.server_pid);

    auto opening = Clock::now();
    for (int i = 0; i < options_.sessions; ++i) net::co_spawn(executor_, session(i), net::detached);
    co_await all_opened_.wait();
    std::fprintf(stderr, "opened %ld of %d sessions in %.2f s\n", opened_, options_.sessions,
                 seconds_since(opening));
    co_await sleep(kIdleSettle);
    report_.rss_idle = read_rss_kib(options_.server_pid);

    started_ = Clock::now();
    measure_from_ = started_ + std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double>(options_.warmup_seconds));
    net::co_spawn(executor_, progress(), net::detached);
    go_.open();
    co_await all_done_.wait();
    progress_timer_.cancel();
    report_.elapsed_seconds = seconds_since(std::max(started_, measure_from_));
    report_.rss_end = read_rss_kib(options_.server_pid);
  }

  const Report& report() {
    report_.sessions = opened_;
    return report_;
  }

 private:
  net::awaitable<void> setup_user(User& user) {
    co_await setup_slots_.acquire();
    try {
      json credentials = {{"email", user.email}, {"password", "loadgen-password-1"}};
      json registration = credentials;
      registration["name"] = "Load Generator";
      auto reply = co_await http_call(server_, bhttp_verb::post, "/api/auth/register",
                                      registration.dump(), "");
      if (reply.status != 201) throw std::runtime_error("register: HTTP " + describe(reply));
      reply =
          co_await http_call(server_, bhttp_verb::post, "/api/auth/login", credentials.dump(), "");
      if (reply.status != 200) throw std::runtime_error("login: HTTP " + describe(reply));
      user.token = json::parse(reply.body).at("token").get<std::string>();
    } catch (const std::exception& e) {
      if (user_failure_.empty()) {
        user_failure_ = "Cannot set up user " + user.email + " on http://" + options_.host + ":" +
                        std::to_string(options_.port) + ": " + e.what();
      }
    }
    setup_slots_.release();
    if (++users_done_ == options_.users) users_ready_.open();
  }

  net::awaitable<void> session(int index) {
    const User& user = users_[static_cast<std::size_t>(index) % users_.size()];
    std::optional<Conversation> conversation = co_await start_conversation(user);
    ++(conversation ? opened_ : open_failures_);
    if (opened_ + open_failures_ == options_.sessions) all_opened_.open();
    co_await go_.wait();

    int failures = 0;
    uint64_t turn = 0;
    while (failures < kMaxConsecutiveFailures && more_turns()) {
      if (!conversation) {
        conversation = co_await start_conversation(user);
        if (!conversation) ++failures;
        continue;
      }
      co_await in_flight_.acquire();
      if (!more_turns()) {
        in_flight_.release();
        break;
      }
      ++turns_started_;
      Clock::time_point scheduled = co_await pace();
      TurnOutcome outcome = co_await take_turn(*conversation, star_answer(index, turn++), scheduled);
      in_flight_.release();
      if (outcome == TurnOutcome::next_question) failures = 0;
      if (outcome == TurnOutcome::completed) ++report_.interviews_completed;
      if (outcome == TurnOutcome::error_frame || outcome == TurnOutcome::failed) ++failures;
      if (outcome == TurnOutcome::completed || outcome == TurnOutcome::failed ||
          failures >= kMaxConsecutiveFailures) {
        co_await close_quietly(*conversation->ws, kTurnTimeout);
        conversation.reset();
        if (outcome == TurnOutcome::completed) failures = 0;
      }
    }
    if (conversation) co_await close_quietly(*conversation->ws, kTurnTimeout);
    if (++sessions_finished_ == options_.sessions) all_done_.open();
  }

  // Creates an interview, opens its WebSocket and reads the first question.
  net::awaitable<std::optional<Conversation>> start_conversation(const User& user) {
    co_await setup_slots_.acquire();
    std::optional<Conversation> out;
    try {
      int questions = kMinQuestions + static_cast<int>(created_++ % (kMaxQuestions - kMinQuestions + 1));
      json body = {{"format", "behavioral"}, {"questionCount", questions}};
      auto reply = co_await http_call(server_, bhttp_verb::post, "/api/interviews", body.dump(),
                                      user.token);
      if (reply.status != 201)
        throw std::runtime_error("create interview: HTTP " + describe(reply));
      std::string id = json::parse(reply.body).at("id").get<std::string>();
      Conversation conversation;
      conversation.ws = co_await open_websocket(
          server_, "/ws/interviews/" + url_encode(id) + "?token=" + url_encode(user.token));
      beast::get_lowest_layer(*conversation.ws).expires_after(kTurnTimeout);
      for (;;) {
        json frame = co_await read_json_frame(*conversation.ws, conversation.buffer);
        std::string type = frame.value("type", "");
        if (type == "error") throw std::runtime_error("error frame on open: " + frame.dump());
        if (type != "question") continue;
        conversation.question_id = frame.at("question").at("id");
        break;
      }
      beast::get_lowest_layer(*conversation.ws).expires_never();
      out = std::move(conversation);
    } catch (const std::exception& e) {
      record_error("open", e.what());
    }
    setup_slots_.release();
    co_return out;
  }

  // With --rate, hands out send times 1/R apart and waits for this turn's; the latency of
  // a turn counts from its scheduled time, so a server that falls behind is not excused
  // by the generator waiting for it (no coordinated omission).
  net::awaitable<Clock::time_point> pace() {
    if (options_.rate <= 0) co_return Clock::now();
    auto interval = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(1.0 / static_cast<double>(options_.rate)));
    if (next_slot_ < started_) next_slot_ = started_;
    next_slot_ += interval;  // never reset to now: a backlog stays in the latencies
    Clock::time_point slot = next_slot_;
    if (slot > Clock::now()) {
      net::steady_timer timer(executor_, slot);
      co_await timer.async_wait(use_awaitable);
    }
    co_return slot;
  }

  net::awaitable<TurnOutcome> take_turn(Conversation& conversation, std::string answer,
                                        Clock::time_point start) {
    std::string message = json{
        {"type", "answer"},
        {"questionId", conversation.question_id},
        {"answer", answer}}.dump();
    try {
      beast::get_lowest_layer(*conversation.ws).expires_after(kTurnTimeout);
      co_await conversation.ws->async_write(net::buffer(message), use_awaitable);
      for (;;) {
        json frame = co_await read_json_frame(*conversation.ws, conversation.buffer);
        std::string type = frame.value("type", "");
        bool done = false;
        TurnOutcome outcome = TurnOutcome::next_question;
        if (type == "question") {
          conversation.question_id = frame.at("question").at("id");
          done = true;
        } else if (type == "status") {
          std::string status = frame.value("status", "");
          done = status == "completed" || status == "ended";
          outcome = TurnOutcome::completed;
        } else if (type == "error") {
          record_error("error frame", frame.dump());
          beast::get_lowest_layer(*conversation.ws).expires_never();
          co_return TurnOutcome::error_frame;
        }  // token, message, thinking, ...: part of the reply, keep reading
        if (done) {
          bool measured = start >= measure_from_;
          if (measured) {
            double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
            report_.latencies_ms.push_back(ms);
            if (outcome == TurnOutcome::completed) report_.finishing_ms.push_back(ms);
          }
          if (outcome == TurnOutcome::completed) co_await await_report(conversation, start, measured);
          beast::get_lowest_layer(*conversation.ws).expires_never();
          co_return outcome;
        }
      }
    } catch (const std::exception& e) {
      record_error("turn", e.what());
    }
    co_return TurnOutcome::failed;
  }

  // After the final status the engine scores the interview and sends a "report" frame.
  net::awaitable<void> await_report(Conversation& conversation, Clock::time_point start, bool measured) {
    for (;;) {
      json frame = co_await read_json_frame(*conversation.ws, conversation.buffer);
      std::string type = frame.value("type", "");
      if (type == "error") throw std::runtime_error("error frame instead of the report: " + frame.dump());
      if (type != "report") continue;
      if (measured) {
        report_.report_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      }
      co_return;
    }
  }

  net::awaitable<void> progress() {
    boost::system::error_code ec;  // operation_aborted once the run is over
    while (!all_done_.is_open()) {
      progress_timer_.expires_after(kProgressInterval);
      co_await progress_timer_.async_wait(net::redirect_error(use_awaitable, ec));
      if (ec || all_done_.is_open()) break;
      std::fprintf(stderr, "%.0f s: %zu turns, %ld errors, %ld answers in flight\n",
                   seconds_since(started_), report_.latencies_ms.size(), report_.errors,
                   in_flight_.in_use());
    }
  }

  net::awaitable<void> sleep(Clock::duration duration) {
    net::steady_timer timer(executor_, duration);
    co_await timer.async_wait(use_awaitable);
  }

  bool more_turns() const {
    if (turns_started_ >= options_.turns) return false;
    return options_.duration_seconds <= 0 || seconds_since(started_) < options_.duration_seconds;
  }

  void record_error(const std::string& kind, const std::string& detail) {
    ++report_.errors;
    if (report_.errors <= kMaxErrorSamples) {
      std::fprintf(stderr, "error (%s): %s\n", kind.c_str(), detail.c_str());
    }
  }

  static std::string describe(const HttpReply& reply) {
    return std::to_string(reply.status) + " " + reply.body.substr(0, 300);
  }
  static double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
  }

  const Options options_;
  const tcp::endpoint server_;
  net::any_io_executor executor_;
  AsyncSemaphore setup_slots_;
  AsyncSemaphore in_flight_;
  Gate users_ready_, all_opened_, go_, all_done_;
  net::steady_timer progress_timer_;
  std::vector<User> users_;
  int users_done_ = 0;
  std::string user_failure_;
  long opened_ = 0, open_failures_ = 0, turns_started_ = 0, created_ = 0;
  int sessions_finished_ = 0;
  Clock::time_point started_ = Clock::now();
  Clock::time_point next_slot_{};  // the last send time handed out by pace()
  Clock::time_point measure_from_{};  // turns scheduled earlier are warm-up
  Report report_;
};

void raise_open_file_limit(int sessions) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
  getrlimit(RLIMIT_NOFILE, &limit);
  auto needed = static_cast<rlim_t>(sessions) + kSetupConcurrency + 64;
  if (limit.rlim_cur < needed) {
    std::fprintf(stderr, "warning: open-file limit %llu is below the %llu this run needs\n",
                 static_cast<unsigned long long>(limit.rlim_cur),
                 static_cast<unsigned long long>(needed));
  }
}

}  // namespace
}  // namespace mockroom::bench

int main(int argc, char** argv) {
  using namespace mockroom::bench;
  Options options = parse_options(argc, argv);
  raise_open_file_limit(options.sessions);
  net::io_context ioc(1);
  LoadRun run(ioc, options);
  std::exception_ptr failure;
  net::co_spawn(ioc, run.run(), [&](std::exception_ptr e) { failure = e; });
  ioc.run();
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "mockroom_loadgen: %s\n", e.what());
      return 1;
    }
  }
  print_report(options, run.report(), std::cout);
  return 0;
}
