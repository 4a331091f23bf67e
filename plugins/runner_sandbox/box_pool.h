// Boxes started ahead of time, so a submission in an interpreted language does not wait
// for bubblewrap, the cgroup join (a cgroup v1 migration waits for an RCU grace period,
// ~12 ms) and the driver's start.
//
// A pooled box is started exactly like any other (same namespaces, filter, mounts), with
// an empty source directory bound read-only at /box/src; take() hands it to one caller,
// who writes the source into that directory and owns the box from then on. Boxes are
// never given back: each serves one submission and is destroyed with it. Idle boxes run
// no candidate code; their run directories are named kWarmDirPrefix under the work root.
//
// Thread-safe. A background thread keeps up to `size` boxes ready; the destructor stops it
// and ends the idle boxes. The Sandbox and WorkRoot must outlive the pool.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "box.h"
#include "box_session.h"
#include "work_dir.h"

namespace mockroom::runner_sandbox {

inline constexpr char kWarmDirPrefix[] = ".warm-";

// A started box and what its mounts come from. Destroys the box before the directory.
struct ReadyBox {
  ReadyBox() = default;
  ReadyBox(const ReadyBox&) = delete;
  ReadyBox& operator=(const ReadyBox&) = delete;
  ~ReadyBox() { session.reset(); }

  std::unique_ptr<RunDir> dir;  // null when the mounts belong to the caller (compiled programs)
  std::unique_ptr<BoxSession> session;
};

class WarmPool {
 public:
  WarmPool(const Sandbox& sandbox, const WorkRoot& root, int size);
  ~WarmPool();
  WarmPool(const WarmPool&) = delete;
  WarmPool& operator=(const WarmPool&) = delete;

  // A box whose /box/src is empty: a ready one, or one started now; null with `error`.
  std::unique_ptr<ReadyBox> take(std::string& error);

 private:
  std::unique_ptr<ReadyBox> start_box(std::string& error) const;
  void refill();

  const Sandbox& sandbox_;
  const WorkRoot& root_;
  const size_t size_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::unique_ptr<ReadyBox>> ready_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace mockroom::runner_sandbox
