#include "util/background_worker.h"

#include <pthread.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

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
  // Thread names are limited to 15 characters.
  pthread_setname_np(pthread_self(), name_.substr(0, 15).c_str());
  errno = 0;
  int current = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
  if (errno == 0 && setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), current + nice_increment_) != 0) {
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
