#include "util/background_worker.h"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>

#include "util/thread_setup.h"

namespace mockroom::util {

BackgroundWorker::BackgroundWorker(std::string name, std::size_t max_queued, int nice_increment)
    : name_(std::move(name)), max_queued_(max_queued), nice_increment_(nice_increment),
      thread_([this] { loop(); }) {}

BackgroundWorker::~BackgroundWorker() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    queue_.clear();
  }
  cv_.notify_all();
  idle_cv_.notify_all();
  thread_.join();
}

bool BackgroundWorker::post(Task task) {
  {
    std::lock_guard lock(mu_);
    if (stopping_ || queue_.size() >= max_queued_) return false;
    queue_.push_back(std::move(task));
  }
  cv_.notify_one();
  return true;
}

void BackgroundWorker::drain() {
  std::unique_lock lock(mu_);
  idle_cv_.wait(lock, [this] { return stopping_ || (queue_.empty() && !busy_); });
}

void BackgroundWorker::loop() {
  name_this_thread(name_);
  if (!lower_this_thread_priority(nice_increment_)) {
    spdlog::warn("{}: cannot lower the thread's priority: {}", name_, std::strerror(errno));
  }
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    Task task = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    try {
      task();
    } catch (const std::exception& e) {
      spdlog::error("{}: a background task failed: {}", name_, e.what());
    }
    lock.lock();
    busy_ = false;
    if (queue_.empty()) idle_cv_.notify_all();
  }
}

}  // namespace mockroom::util
