#include "box_pool.h"

#include <unistd.h>

#include <chrono>

#include "language.h"

namespace mockroom::runner_sandbox {
namespace {

constexpr auto kRetryPause = std::chrono::seconds(1);  // after a box failed to start

}  // namespace

WarmPool::WarmPool(const Sandbox& sandbox, const WorkRoot& root, int size)
    : sandbox_(sandbox), root_(root), size_(static_cast<size_t>(std::max(0, size))) {
  if (size_ > 0) thread_ = std::thread([this] { refill(); });
}

WarmPool::~WarmPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  ready_.clear();
}

std::unique_ptr<ReadyBox> WarmPool::take(std::string& error) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    while (!ready_.empty()) {
      std::unique_ptr<ReadyBox> box = std::move(ready_.front());
      ready_.pop_front();
      wake_.notify_all();
      if (box->session->idle_and_alive()) return box;
    }
  }
  return start_box(error);
}

std::unique_ptr<ReadyBox> WarmPool::start_box(std::string& error) const {
  auto box = std::make_unique<ReadyBox>();
  box->dir = std::make_unique<RunDir>(root_, kWarmDirPrefix);
  int src = box->dir->ok() ? box->dir->make_source_dir() : -1;
  if (src < 0) {
    error = box->dir->error();
    return nullptr;
  }
  box->session = sandbox_.start_session({{src, kBoxSourceDir, MountAccess::kReadOnly}}, error);
  ::close(src);
  return box->session ? std::move(box) : nullptr;
}

void WarmPool::refill() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    if (ready_.size() >= size_) {
      wake_.wait(lock);
      continue;
    }
    lock.unlock();
    std::string error;
    std::unique_ptr<ReadyBox> box = start_box(error);
    lock.lock();
    if (box) ready_.push_back(std::move(box));
    else wake_.wait_for(lock, kRetryPause, [this] { return stopping_; });
  }
}

}  // namespace mockroom::runner_sandbox
