#include "http/server.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <spdlog/spdlog.h>

#include "http/listener.h"
#include "http/server_state.h"
#include "util/thread_setup.h"

namespace mockroom::http {
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// How long a stop waits for connections to finish their current request or flush their
// WebSocket queue before the IO threads are stopped regardless.
constexpr auto kShutdownGrace = std::chrono::seconds(5);
constexpr auto kShutdownPollInterval = std::chrono::milliseconds(20);

int io_thread_count(const ServerOptions& options) {
  if (options.io_threads > 0) return options.io_threads;
  return std::max(1u, std::thread::hardware_concurrency());
}

std::string url_host(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

}  // namespace

// Owns the IO context and its threads, the worker pool, the shared state and the
// listener. Member order matters: sessions (held by handlers in ioc_ or by tasks in
// workers_) reference state_, so state_ is destroyed after ioc_; run() joins workers_
// before returning so no task outlives the IO context.
class Server::Impl {
 public:
  Impl(api::Application& app, ServerOptions options)
      : options_(std::move(options)),
        workers_(static_cast<std::size_t>(std::max(1, options_.worker_threads))),
        state_(app, options_, workers_),
        ioc_(io_thread_count(options_)),
        signals_(net::make_strand(ioc_)),
        drain_timer_(ioc_) {
    prepare_workers();
  }

  ~Impl() { workers_.join(); }  // a no-op after run(); nothing is queued if run() never ran

  void start() {
    if (listener_) return;
    auto listener = std::make_shared<Listener>(ioc_, state_);
    listener->open(resolve());
    listener_ = std::move(listener);
    port_ = listener_->port();
    if (options_.handle_signals) {
      signals_.add(SIGINT);
      signals_.add(SIGTERM);
      signals_.async_wait([this](boost::system::error_code ec, int signal) {
        if (ec) return;
        spdlog::info("Received signal {}; stopping", signal);
        stop();
      });
    }
    listener_->run();
    std::string url = "http://" + url_host(options_.host) + ":" + std::to_string(port_.load());
    spdlog::debug("accepting HTTP and WebSocket connections on {}", url);
    // Tests and scripts read this exact line to learn the port when started with port 0.
    // It is the one line an operator sees for it (the log would only repeat it).
    std::printf("Mockroom listening on %s\n", url.c_str());
    std::fflush(stdout);
  }

  uint16_t port() const { return port_.load(); }

  void run() {
    start();
    int count = io_thread_count(options_);
    std::vector<std::thread> threads;
    threads.reserve(static_cast<std::size_t>(count - 1));
    for (int i = 1; i < count; ++i) threads.emplace_back([this] { run_io(); });
    run_io();
    for (auto& thread : threads) thread.join();
    workers_.join();  // tasks still running finish; their posts to ioc_ are dropped
  }

  void stop() {
    if (stop_requested_.exchange(true)) return;
    net::post(ioc_, [this] { begin_shutdown(); });
  }

 private:
  void run_io() {
    util::name_this_thread("mr-io");
    for (;;) {
      try {
        ioc_.run();
        return;
      } catch (const std::exception& e) {
        spdlog::error("Unhandled exception on an IO thread: {}", e.what());
      }
    }
  }

  // Names every worker thread and lowers its priority by options_.worker_nice: each thread
  // takes one of these tasks and holds it until all have started, so none takes two.
  void prepare_workers() {
    struct Roll {  // shared: a worker may still be leaving its wait when this returns
      std::mutex mu;
      std::condition_variable cv;
      int started = 0, refused = 0;
      std::string reason;
    };
    const int count = std::max(1, options_.worker_threads);
    auto roll = std::make_shared<Roll>();
    for (int i = 0; i < count; ++i) {
      net::post(workers_, [roll, count, nice = options_.worker_nice] {
        util::name_this_thread("mr-worker");
        const bool lowered = util::lower_this_thread_priority(nice);
        const int error = errno;
        std::unique_lock lock(roll->mu);
        if (!lowered && roll->refused++ == 0) roll->reason = std::strerror(error);
        ++roll->started;
        roll->cv.notify_all();
        roll->cv.wait(lock, [&] { return roll->started == count; });
      });
    }
    std::unique_lock lock(roll->mu);
    roll->cv.wait(lock, [&] { return roll->started == count; });
    if (roll->refused > 0) spdlog::warn("cannot lower the worker threads' priority: {}", roll->reason);
  }

  void begin_shutdown() {
    spdlog::info("Stopping: closing {} connection(s)", state_.connection_count());
    state_.app().stopping();
    if (listener_) listener_->stop();
    net::post(signals_.get_executor(), [this] { signals_.cancel(); });
    state_.shutdown_connections();
    wait_for_drain(std::chrono::steady_clock::now() + kShutdownGrace);
  }

  // Polls until every connection is gone or the grace period ends, then stops the IO
  // context. The first check comes after one interval so that the closes just posted
  // (the acceptor's among them) get to run.
  void wait_for_drain(std::chrono::steady_clock::time_point deadline) {
    drain_timer_.expires_after(kShutdownPollInterval);
    drain_timer_.async_wait([this, deadline](boost::system::error_code) {
      std::size_t left = state_.connection_count();
      if (left == 0) return ioc_.stop();
      if (std::chrono::steady_clock::now() >= deadline) {
        spdlog::warn("Stopping: {} connection(s) did not close within {} s; cutting them", left,
                     kShutdownGrace.count());
        return ioc_.stop();
      }
      wait_for_drain(deadline);
    });
  }

  tcp::endpoint resolve() {
    boost::system::error_code ec;
    auto address = net::ip::make_address(options_.host, ec);
    if (!ec) return {address, options_.port};
    tcp::resolver resolver(ioc_);
    auto results =
        resolver.resolve(options_.host, std::to_string(options_.port), tcp::resolver::passive, ec);
    if (ec || results.empty()) {
      throw std::runtime_error(
          "Cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
          ": cannot resolve host: " + (ec ? ec.message() : std::string("no address")));
    }
    return results.begin()->endpoint();
  }

  ServerOptions options_;
  net::thread_pool workers_;
  ServerState state_;
  net::io_context ioc_;
  std::shared_ptr<Listener> listener_;
  net::signal_set signals_;  // on its own strand: its handler and cancel() never overlap
  net::steady_timer drain_timer_;
  std::atomic<uint16_t> port_{0};
  std::atomic<bool> stop_requested_{false};
};

Server::Server(api::Application& app, ServerOptions options)
    : impl_(std::make_unique<Impl>(app, std::move(options))) {}

Server::~Server() = default;

void Server::start() { impl_->start(); }
uint16_t Server::port() const { return impl_->port(); }
void Server::run() { impl_->run(); }
void Server::stop() { impl_->stop(); }

}  // namespace mockroom::http
