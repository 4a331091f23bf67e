// SerialQueue: the tasks of one owner (a socket's voice input, its speaker) run one at a
// time and in order, on threads the owner does not own (the server's worker pool, reached
// through `run`). A strand without Asio. The queue is bounded: post() refuses past
// max_queued, so a producer that outruns the consumer learns it.
//
// Held by shared_ptr: a task on its way holds the queue. A task that throws is logged and
// the next runs. Thread-safe.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace mockroom::util {

class SerialQueue : public std::enable_shared_from_this<SerialQueue> {
 public:
  using Task = std::function<void()>;
  using Runner = std::function<void(Task)>;

  // `run` hands a task to some thread pool; `name` is for logs.
  static std::shared_ptr<SerialQueue> create(std::string name, Runner run, std::size_t max_queued);

  // Queues `task` after those already queued; false when the queue is full.
  bool post(Task task);
  std::size_t pending() const;

 private:
  SerialQueue(std::string name, Runner run, std::size_t max_queued)
      : name_(std::move(name)), run_(std::move(run)), max_queued_(max_queued) {}
  void drain();

  const std::string name_;
  const Runner run_;
  const std::size_t max_queued_;
  mutable std::mutex mu_;
  std::deque<Task> tasks_;
  bool running_ = false;  // a drain() is scheduled or running
};

}  // namespace mockroom::util
