// CallPool: threads that make blocking calls on behalf of others, at the priority they were
// started with. The engine's request workers run at a lower priority than its network
// threads so that a burst of turns does not delay tokens already streaming; a provider call
// made on a worker would inherit that. Run on the pool, the thread that waits on the
// provider's socket (and passes each token on) is scheduled as promptly as the network
// threads, while the worker that asked sleeps until the call returns.
//
// run() never queues: with every pool thread busy, the call runs on the caller's thread.
// The destructor waits for calls in flight. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mockroom::util {

class CallPool {
 public:
  CallPool(std::string name, std::size_t threads);
  ~CallPool();
  CallPool(const CallPool&) = delete;
  CallPool& operator=(const CallPool&) = delete;

  // Runs `call` on a pool thread and returns when it has; exceptions reach the caller.
  void run(const std::function<void()>& call);

  std::size_t threads() const { return threads_.size(); }

 private:
  struct Job {
    const std::function<void()>* call;
    std::exception_ptr failure;
    bool done = false;  // guarded by mu_; the caller waits on done_cv_
  };
  void loop();

  const std::string name_;
  std::mutex mu_;
  std::condition_variable cv_;       // a job was queued, or stopping
  std::condition_variable done_cv_;  // a job finished, or a thread started
  std::deque<Job*> queue_;
  std::size_t idle_ = 0;
  bool stopping_ = false;
  std::size_t started_ = 0;  // threads that have reached their first wait
  std::vector<std::thread> threads_;
};

}  // namespace mockroom::util
