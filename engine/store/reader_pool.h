// ReaderPool: the read connections SqliteStore's lookups share, so that a knowledge search
// or a long history read does not hold up every other request's token check behind it.
// Each connection is used by one thread at a time; thread-safe.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/db.h"

namespace mockroom::store {

// How many read connections the store opens.
constexpr std::size_t kReaderConnections = 4;

// kReaderConnections connections to one file, each used by one thread at a time.
class ReaderPool {
 public:
  explicit ReaderPool(const std::string& path) {
    for (std::size_t i = 0; i < kReaderConnections; ++i) slots_.push_back(std::make_unique<Slot>(path));
  }

  // Runs body(db) on a free connection, or waits for one (taking turns) when all are busy.
  template <typename F>
  auto with(F&& body) {
    Slot& slot = acquire();
    std::lock_guard lock(slot.mu, std::adopt_lock);
    return body(slot.db);
  }

 private:
  struct Slot {
    explicit Slot(const std::string& path) : db(path) {}
    std::mutex mu;
    Db db;
  };

  Slot& acquire() {
    std::size_t start = next_.fetch_add(1, std::memory_order_relaxed);
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      Slot& slot = *slots_[(start + i) % slots_.size()];
      if (slot.mu.try_lock()) return slot;
    }
    Slot& slot = *slots_[start % slots_.size()];
    slot.mu.lock();
    return slot;
  }

  std::vector<std::unique_ptr<Slot>> slots_;
  std::atomic<std::size_t> next_{0};
};

}  // namespace mockroom::store
