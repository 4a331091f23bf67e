// Judging a submission: write the source into a fresh run directory, compile it once in
// a box when the language needs it, run each test in its own fresh box (several at once,
// bounded per instance), and turn outcomes into Judge0-shaped results.
//
// A Judge belongs to one plugin instance and is thread-safe: every call has its own run
// directory and boxes; the only shared state is the box slot semaphore.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <semaphore>

#include "box.h"
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
  std::unique_ptr<Prepared> prepare(const Submission& submission) const;
  BoxOutcome compile(const Submission& submission, Prepared& prepared) const;
  nlohmann::json run_test(const Submission& submission, const Prepared& prepared,
                          const TestCase& test) const;
  BoxOutcome run_box(const BoxSpec& spec) const;

  std::unique_ptr<Sandbox> sandbox_;
  WorkRoot root_;
  int parallel_boxes_;
  mutable std::unique_ptr<std::counting_semaphore<>> box_slots_;
};

}  // namespace mockroom::runner_sandbox
