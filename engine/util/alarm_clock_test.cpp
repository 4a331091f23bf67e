#include "util/alarm_clock.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace mockroom;
using namespace std::chrono_literals;

TEST_CASE("an alarm rings after its delay unless cancelled first, in due order") {
  util::AlarmClock clock("test-alarms");
  std::mutex mu;
  std::vector<int> rang;
  auto note = [&](int n) {
    return [&, n] {
      std::lock_guard lock(mu);
      rang.push_back(n);
    };
  };
  clock.set(60ms, note(2));
  auto cancelled = clock.set(30ms, note(99));
  clock.set(20ms, note(1));
  clock.cancel(cancelled);
  std::this_thread::sleep_for(200ms);
  std::lock_guard lock(mu);
  CHECK(rang == std::vector<int>{1, 2});
}

TEST_CASE("cancel waits for a ringing alarm to finish") {
  util::AlarmClock clock("test-alarms");
  std::atomic<bool> started{false}, finished{false};
  auto t = clock.set(0ms, [&] {
    started = true;
    std::this_thread::sleep_for(100ms);
    finished = true;
  });
  while (!started) std::this_thread::sleep_for(1ms);
  clock.cancel(t);
  CHECK(finished);
}
