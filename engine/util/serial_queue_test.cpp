#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <stdexcept>
#include <mutex>
#include <thread>
#include <vector>

#include "util/serial_queue.h"

using namespace mockroom::util;

namespace {

// A pool of a few threads, as the server's workers are.
class Pool {
 public:
  explicit Pool(int n) {
    for (int i = 0; i < n; ++i) threads_.emplace_back([this] { loop(); });
  }
  ~Pool() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  void run(SerialQueue::Task task) {
    {
      std::lock_guard lock(mu_);
      tasks_.push_back(std::move(task));
    }
    cv_.notify_one();
  }

 private:
  void loop() {
    for (;;) {
      SerialQueue::Task task;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stopping_ || !tasks_.empty(); });
        if (tasks_.empty()) return;
        task = std::move(tasks_.front());
        tasks_.erase(tasks_.begin());
      }
      task();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<SerialQueue::Task> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace

TEST_CASE("a serial queue runs its tasks in order, one at a time, on a shared pool") {
  std::vector<int> order;
  std::atomic<int> running{0}, most{0}, done{0};
  {
    Pool pool(4);
    auto queue = SerialQueue::create("test", [&](SerialQueue::Task t) { pool.run(std::move(t)); }, 1000);
    for (int i = 0; i < 200; ++i) {
      REQUIRE(queue->post([&, i] {
        int now = ++running;
        most = std::max(most.load(), now);
        order.push_back(i);  // safe only if tasks never overlap
        std::this_thread::sleep_for(std::chrono::microseconds(50));
        --running;
        ++done;
      }));
    }
    while (done < 200) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(most == 1);
  REQUIRE(order.size() == 200);
  for (int i = 0; i < 200; ++i) CHECK(order[i] == i);
}

TEST_CASE("a serial queue refuses tasks past its bound, and a failing task does not stop the rest") {
  std::vector<SerialQueue::Task> held;  // a pool that runs nothing until told
  auto queue = SerialQueue::create("test", [&](SerialQueue::Task t) { held.push_back(std::move(t)); }, 3);
  int ran = 0;
  CHECK(queue->post([] { throw std::runtime_error("boom"); }));
  CHECK(queue->post([&] { ++ran; }));
  CHECK(queue->post([&] { ++ran; }));
  CHECK_FALSE(queue->post([&] { ++ran; }));
  REQUIRE(held.size() == 1);  // one drain for the whole backlog
  held.front()();
  CHECK(ran == 2);
  CHECK(queue->pending() == 0);
}
