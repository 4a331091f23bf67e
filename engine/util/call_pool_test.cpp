#include "util/call_pool.h"

#include <doctest/doctest.h>
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <latch>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace mockroom;

namespace {

std::string this_thread_name() {
  char name[16] = {};
  pthread_getname_np(pthread_self(), name, sizeof name);
  return name;
}

}  // namespace

TEST_CASE("a call pool runs each call on one of its threads and returns its effects and failures") {
  util::CallPool pool("test-calls", 2);
  CHECK(pool.threads() == 2);
  std::string ran_on;
  int value = 0;
  pool.run([&] {
    ran_on = this_thread_name();
    value = 42;
  });
  CHECK(ran_on == "test-calls");
  CHECK(value == 42);
  CHECK_THROWS_AS(pool.run([] { throw std::runtime_error("provider gone"); }), std::runtime_error);
  // The pool goes on after a call that threw.
  pool.run([&] { value = 7; });
  CHECK(value == 7);
}

TEST_CASE("a call pool with every thread busy runs the call on the caller's thread instead of queueing it") {
  util::CallPool pool("test-busy", 1);
  std::latch inside(1);
  std::atomic<bool> release{false};
  std::thread holder([&] {
    pool.run([&] {
      inside.count_down();
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    });
  });
  inside.wait();  // the one pool thread is taken
  std::thread::id ran_on;
  pool.run([&] { ran_on = std::this_thread::get_id(); });
  CHECK(ran_on == std::this_thread::get_id());
  release = true;
  holder.join();
  // Free again: back on the pool.
  pool.run([&] { ran_on = std::this_thread::get_id(); });
  CHECK(ran_on != std::this_thread::get_id());
}

TEST_CASE("a call pool serves many callers at once and every call runs exactly once") {
  util::CallPool pool("test-many", 4);
  std::atomic<int> calls{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < 16; ++i) {
    callers.emplace_back([&] {
      for (int j = 0; j < 200; ++j) pool.run([&] { calls.fetch_add(1); });
    });
  }
  for (auto& t : callers) t.join();
  CHECK(calls == 16 * 200);
}
