// BackgroundWorker: one thread that runs queued tasks in order, at a lower CPU priority
// than the threads serving requests, for work nobody is waiting on (scoring a finished
// interview, say). Under load it yields the cores to turns; on an idle machine it runs at
// once. The queue is bounded: post() refuses when it is full, and the caller keeps a way
// to do the work on demand. The destructor finishes the task in progress and drops the
// rest. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace mockroom::util {

class BackgroundWorker {
 public:
  using Task = std::function<void()>;

  // `nice_increment` is added to the thread's nice value (Linux schedules threads
  // separately); `name` names the thread for top and perf.
  BackgroundWorker(std::string name, std::size_t max_queued, int nice_increment);
  ~BackgroundWorker();
  BackgroundWorker(const BackgroundWorker&) = delete;
  BackgroundWorker& operator=(const BackgroundWorker&) = delete;

  // Queues `task`; false when the queue is full or the worker is stopping. A task that
  // throws is logged and the worker goes on.
  bool post(Task task);
  // Blocks until every task queued so far has run (tests and orderly shutdowns).
  void drain();

 private:
  void loop();

  const std::string name_;
  const std::size_t max_queued_;
  const int nice_increment_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable idle_cv_;
  std::deque<Task> queue_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace mockroom::util
