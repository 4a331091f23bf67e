#include "store/group_commit.h"

#include <spdlog/spdlog.h>

#include <vector>

namespace mockroom::store {

namespace {
constexpr std::size_t kMaxBatch = 512;  // jobs per transaction
}

GroupCommit::GroupCommit(Db& db, std::mutex& db_mutex)
    : db_(db), db_mutex_(db_mutex), writer_([this] { writer_loop(); }) {}

GroupCommit::~GroupCommit() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  writer_.join();
}

Status GroupCommit::run(Work work) {
  std::future<Status> done;
  {
    std::lock_guard lock(mu_);
    if (stopping_) return internal("the store is shutting down");
    queue_.push_back({std::move(work), {}});
    done = queue_.back().done.get_future();
  }
  cv_.notify_one();
  return done.get();
}

void GroupCommit::writer_loop() {
  for (;;) {
    std::vector<Job> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to write
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    std::vector<Status> results(batch.size());
    try {
      std::lock_guard db_lock(db_mutex_);
      Transaction tx(db_);
      for (std::size_t i = 0; i < batch.size(); ++i) {
        db_.exec("SAVEPOINT job");
        try {
          batch[i].work(db_);
          db_.exec("RELEASE job");
        } catch (const std::exception& e) {
          db_.exec("ROLLBACK TO job");
          db_.exec("RELEASE job");
          results[i] = internal(std::string("storage error: ") + e.what());
        }
      }
      tx.commit();
    } catch (const std::exception& e) {
      spdlog::error("store: group commit of {} writes failed: {}", batch.size(), e.what());
      for (auto& r : results) {
        if (r.ok()) r = internal(std::string("storage error: ") + e.what());
      }
    }
    for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done.set_value(results[i]);
  }
}

}  // namespace mockroom::store
