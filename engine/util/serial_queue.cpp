#include "util/serial_queue.h"

#include <spdlog/spdlog.h>

namespace mockroom::util {

std::shared_ptr<SerialQueue> SerialQueue::create(std::string name, Runner run, std::size_t max_queued) {
  return std::shared_ptr<SerialQueue>(new SerialQueue(std::move(name), std::move(run), max_queued));
}

bool SerialQueue::post(Task task) {
  {
    std::lock_guard lock(mu_);
    if (tasks_.size() >= max_queued_) return false;
    tasks_.push_back(std::move(task));
    if (running_) return true;
    running_ = true;
  }
  run_([self = shared_from_this()] { self->drain(); });
  return true;
}

std::size_t SerialQueue::pending() const {
  std::lock_guard lock(mu_);
  return tasks_.size();
}

void SerialQueue::drain() {
  for (;;) {
    Task task;
    {
      std::lock_guard lock(mu_);
      if (tasks_.empty()) {
        running_ = false;
        return;
      }
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    try {
      task();
    } catch (const std::exception& e) {
      spdlog::error("{}: a task failed: {}", name_, e.what());
    } catch (...) {
      spdlog::error("{}: a task failed with a non-standard exception", name_);
    }
  }
}

}  // namespace mockroom::util
