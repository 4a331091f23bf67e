// AlarmClock: one thread that runs a callback at a time point unless it was cancelled
// first, for "tell the candidate we are still thinking after 3 s". set() returns a ticket;
// cancel(ticket) removes a pending alarm and, if its callback is running right now, waits
// for it to finish, so after cancel() returns the callback will not run or is done. Cheap
// enough for every turn: one lock and one map entry each way. Thread-safe; callbacks must
// not call set() or cancel() themselves.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

namespace mockroom::util {

class AlarmClock {
 public:
  using Clock = std::chrono::steady_clock;
  using Ticket = uint64_t;

  explicit AlarmClock(std::string name);
  ~AlarmClock();  // pending alarms are dropped; one that is running finishes
  AlarmClock(const AlarmClock&) = delete;
  AlarmClock& operator=(const AlarmClock&) = delete;

  Ticket set(Clock::duration after, std::function<void()> callback);
  void cancel(Ticket ticket);

 private:
  void loop();

  const std::string name_;
  std::mutex mu_;
  std::condition_variable changed_;
  // By due time, then ticket (tickets increase, so ties keep the order they were set in).
  std::map<std::pair<Clock::time_point, Ticket>, std::function<void()>> pending_;
  Ticket next_ = 1;
  Ticket running_ = 0;
  bool stopping_ = false;
  std::thread thread_;  // last: starts after the rest is built
};

}  // namespace mockroom::util
