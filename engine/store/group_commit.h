// GroupCommit: the single writer of session events. Callers hand it a session's new
// events and row update and block until they are committed; the writer thread takes
// everything queued at that moment and commits it in ONE transaction, each write inside
// its own savepoint so a bad write fails alone. Under load, many turns share one commit,
// which is what lets one SQLite file keep up with thousands of turns per second.
// Thread-safe; the destructor drains the queue and joins the writer.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

#include "store/db.h"
#include "util/result.h"

namespace mockroom::store {

class GroupCommit {
 public:
  // One unit of work, run inside the batch's transaction on the writer thread. It throws
  // on failure (a SQLite error); the message becomes that caller's error.
  using Work = std::function<void(Db&)>;

  // `db` is used only by the writer thread, while holding `db_mutex` (shared with other
  // writers of the same connection).
  GroupCommit(Db& db, std::mutex& db_mutex);
  ~GroupCommit();

  // Queues `work` and waits until its batch has committed (or failed).
  Status run(Work work);

 private:
  struct Job {
    Work work;
    std::promise<Status> done;
  };
  void writer_loop();

  Db& db_;
  std::mutex& db_mutex_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace mockroom::store
