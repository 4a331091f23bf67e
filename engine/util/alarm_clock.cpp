#include "util/alarm_clock.h"

#include <pthread.h>
#include <spdlog/spdlog.h>

namespace mockroom::util {

AlarmClock::AlarmClock(std::string name) : name_(std::move(name)), thread_([this] { loop(); }) {}

AlarmClock::~AlarmClock() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    pending_.clear();
  }
  changed_.notify_all();
  thread_.join();
}

AlarmClock::Ticket AlarmClock::set(Clock::duration after, std::function<void()> callback) {
  Ticket ticket;
  bool earliest;
  {
    std::lock_guard lock(mu_);
    ticket = next_++;
    auto key = std::make_pair(Clock::now() + after, ticket);
    pending_.emplace(key, std::move(callback));
    earliest = pending_.begin()->first == key;
  }
  if (earliest) changed_.notify_all();
  return ticket;
}

void AlarmClock::cancel(Ticket ticket) {
  std::unique_lock lock(mu_);
  for (auto it = pending_.begin(); it != pending_.end(); ++it) {
    if (it->first.second == ticket) {
      pending_.erase(it);
      return;
    }
  }
  changed_.wait(lock, [&] { return running_ != ticket; });
}

void AlarmClock::loop() {
  pthread_setname_np(pthread_self(), name_.substr(0, 15).c_str());
  std::unique_lock lock(mu_);
  while (!stopping_) {
    if (pending_.empty()) {
      changed_.wait(lock);
      continue;
    }
    auto due = pending_.begin()->first.first;
    if (Clock::now() < due) {
      changed_.wait_until(lock, due);
      continue;
    }
    auto node = pending_.extract(pending_.begin());
    running_ = node.key().second;
    lock.unlock();
    try {
      node.mapped()();
    } catch (const std::exception& e) {
      spdlog::error("{}: alarm failed: {}", name_, e.what());
    } catch (...) {
      spdlog::error("{}: alarm failed", name_);
    }
    lock.lock();
    running_ = 0;
    changed_.notify_all();
  }
}

}  // namespace mockroom::util
