// Judging a submission: compile it once in a box when the language needs it, then run its
// tests in reusable boxes (box_session.h), one box per worker with several workers at
// once (bounded per instance), and turn outcomes into Judge0-shaped results. Interpreted
// languages take their boxes from a warm pool (box_pool.h); a compiled program's boxes
// are started with the program's mounts.
//
// A Judge belongs to one plugin instance and is thread-safe: every call has its own run
// directories and boxes; the shared state is the box slot semaphore and the pool.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <semaphore>

#include "box.h"
#include "box_pool.h"
#include "request.h"
#include "work_dir.h"

namespace mockroom::runner_sandbox {

// Asked between tests; true stops the run (the host cancelled the call).
using CancelCheck = std::function<bool()>;

class Judge {
 public:
  Judge(std::unique_ptr<Sandbox> sandbox, WorkRoot root);

  // The result object of `execute` (one test).
  nlohmann::json execute(const Submission& submission, const CancelCheck& cancelled) const;
  // {compile: {...} | null, results: [...]} of `execute_batch`.
  nlohmann::json execute_batch(const Submission& submission, const CancelCheck& cancelled) const;
  bool uses_cgroups() const { return sandbox_->uses_cgroups(); }

 private:
  struct Prepared;
  // Hands out the index of the next test to run; false when none is left or cancelled.
  using NextTest = std::function<bool(size_t&)>;

  std::unique_ptr<Prepared> prepare(const Submission& submission) const;
  BoxOutcome compile(const Submission& submission, Prepared& prepared) const;
  std::unique_ptr<ReadyBox> open_box(const Submission& submission, const Prepared& prepared,
                                     std::string& error) const;
  void run_worker(const Submission& submission, const Prepared& prepared, const NextTest& next,
                  std::vector<nlohmann::json>& results) const;
  std::optional<std::vector<nlohmann::json>> run_tests(const Submission& submission,
                                                       const Prepared& prepared,
                                                       const CancelCheck& cancelled) const;

  std::unique_ptr<Sandbox> sandbox_;
  WorkRoot root_;
  int parallel_boxes_;
  mutable std::unique_ptr<std::counting_semaphore<>> box_slots_;
  mutable std::unique_ptr<WarmPool> pool_;  // declared last: destroyed first
};

}  // namespace mockroom::runner_sandbox
