#include "util/call_pool.h"

#include "util/thread_setup.h"

namespace mockroom::util {

CallPool::CallPool(std::string name, std::size_t threads) : name_(std::move(name)) {
  threads_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { loop(); });
  // Every thread idle before the first call, so that it finds them.
  std::unique_lock lock(mu_);
  done_cv_.wait(lock, [&] { return started_ == threads; });
}

CallPool::~CallPool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void CallPool::run(const std::function<void()>& call) {
  Job job{&call, nullptr};
  {
    std::unique_lock lock(mu_);
    // A pool thread is free only if it is idle and no queued job is already meant for it.
    if (!stopping_ && idle_ > queue_.size()) {
      queue_.push_back(&job);
      cv_.notify_one();
      done_cv_.wait(lock, [&] { return job.done; });
      if (job.failure) std::rethrow_exception(job.failure);
      return;
    }
  }
  call();
}

void CallPool::loop() {
  name_this_thread(name_);
  std::unique_lock lock(mu_);
  ++started_;
  done_cv_.notify_all();
  for (;;) {
    ++idle_;
    cv_.wait(lock, [this] { return !queue_.empty() || stopping_; });
    --idle_;
    if (queue_.empty()) return;  // stopping, and nothing left to run
    Job* job = queue_.front();
    queue_.pop_front();
    lock.unlock();
    try {
      (*job->call)();
    } catch (...) {
      job->failure = std::current_exception();
    }
    lock.lock();
    job->done = true;
    done_cv_.notify_all();
  }
}

}  // namespace mockroom::util
