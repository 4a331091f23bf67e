#include "judge.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "language.h"
#include "verdict.h"

namespace mockroom::runner_sandbox {

// One submission's run directory and the fds of what every box mounts from it.
struct Judge::Prepared {
  explicit Prepared(const WorkRoot& root) : dir(root) {}
  ~Prepared() {
    for (int fd : {source_fd, output_fd, program_fd})
      if (fd >= 0) ::close(fd);
  }
  RunDir dir;
  int source_fd = -1, output_fd = -1, program_fd = -1;
  std::optional<Status> failure;  // set when the submission cannot run
  std::string compile_output;
  bool compiled = false;
};

namespace {

// Runs task(i) for i in [0, count) on up to `workers` threads; results stay in order.
void for_each_parallel(size_t count, int workers, const std::function<void(size_t)>& task) {
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next++) < count;) task(i);
  };
  std::vector<std::thread> threads;
  size_t extra = std::min(count, static_cast<size_t>(std::max(1, workers))) - 1;
  for (size_t t = 0; t < extra; ++t) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();
}

int default_parallelism(int configured) {
  if (configured > 0) return configured;
  return static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
}

}  // namespace

Judge::Judge(std::unique_ptr<Sandbox> sandbox, WorkRoot root)
    : sandbox_(std::move(sandbox)),
      root_(std::move(root)),
      parallel_boxes_(default_parallelism(sandbox_->config().parallel_boxes)),
      box_slots_(std::make_unique<std::counting_semaphore<>>(parallel_boxes_)) {}

BoxOutcome Judge::run_box(const BoxSpec& spec) const {
  box_slots_->acquire();
  BoxOutcome outcome = sandbox_->run(spec);
  box_slots_->release();
  return outcome;
}

std::unique_ptr<Judge::Prepared> Judge::prepare(const Submission& s) const {
  auto p = std::make_unique<Prepared>(root_);
  if (p->dir.ok()) p->source_fd = p->dir.write_source(source_file_name(s.language), s.source);
  if (!p->dir.ok() || p->source_fd < 0) {
    p->failure = Status::kInternalError;
    p->compile_output = p->dir.error();
    return p;
  }
  if (!needs_compile(s.language)) return p;
  BoxOutcome outcome = compile(s, *p);
  p->compiled = true;
  p->compile_output = compile_output_text(outcome);
  if ((p->failure = compile_failure(outcome))) return p;
  p->program_fd = p->dir.open_output_file(kCompiledProgramName);
  if (p->program_fd < 0) p->failure = Status::kCompilationError;
  return p;
}

BoxOutcome Judge::compile(const Submission& s, Prepared& p) const {
  const Config& config = sandbox_->config();
  p.output_fd = p.dir.make_output_dir(config.sandbox_uid, config.sandbox_gid);
  if (p.output_fd < 0) {
    BoxOutcome failed;
    failed.internal_error = p.dir.error();
    return failed;
  }
  BoxSpec spec;
  spec.argv = compile_argv(s.language);
  spec.mounts = {{p.source_fd, kBoxSourceDir, MountAccess::kReadOnly},
                 {p.output_fd, kBoxOutputDir, MountAccess::kWritable}};
  spec.limits = config.compile;
  spec.address_space = AddressSpace::kLimited;
  return run_box(spec);
}

nlohmann::json Judge::run_test(const Submission& s, const Prepared& p, const TestCase& test) const {
  MemoryEnforcement memory = sandbox_->uses_cgroups() ? MemoryEnforcement::kCgroup
                                                      : MemoryEnforcement::kRlimit;
  BoxSpec spec;
  spec.argv = run_argv(s.language, memory, static_cast<long>(s.limits.memory_kb));
  spec.mounts = {{p.source_fd, kBoxSourceDir, MountAccess::kReadOnly}};
  if (p.program_fd >= 0) spec.mounts.push_back({p.program_fd, kBoxProgramPath, MountAccess::kReadOnly});
  spec.limits = s.limits;
  spec.stdin_text = test.stdin_text;
  spec.address_space =
      limits_address_space(s.language) ? AddressSpace::kLimited : AddressSpace::kUnlimited;
  BoxOutcome outcome = run_box(spec);
  Status status = classify_run(outcome, s.limits, test.expected_output);
  std::optional<std::string> compile_output;
  if (p.compiled) compile_output = p.compile_output;
  return run_result_json(outcome, status, compile_output);
}

nlohmann::json Judge::execute(const Submission& s, const CancelCheck& cancelled) const {
  std::unique_ptr<Prepared> p = prepare(s);
  if (p->failure) return not_run_result_json(*p->failure, p->compile_output, "");
  if (cancelled && cancelled()) return nullptr;
  return run_test(s, *p, s.tests.front());
}

nlohmann::json Judge::execute_batch(const Submission& s, const CancelCheck& cancelled) const {
  std::unique_ptr<Prepared> p = prepare(s);
  nlohmann::json compile = nullptr;
  if (p->compiled || p->failure)
    compile = {{"status", status_json(p->failure.value_or(Status::kAccepted))},
               {"compile_output", p->compile_output}};
  nlohmann::json results = nlohmann::json::array();
  if (p->failure) return {{"compile", compile}, {"results", results}};
  std::vector<nlohmann::json> ordered(s.tests.size());
  std::atomic<bool> stop{false};
  const std::thread::id caller = std::this_thread::get_id();
  for_each_parallel(s.tests.size(), parallel_boxes_, [&](size_t i) {
    // The host's callbacks are only ever called from the thread that made the call.
    if (std::this_thread::get_id() == caller && cancelled && cancelled()) stop = true;
    if (stop) return;
    ordered[i] = run_test(s, *p, s.tests[i]);
  });
  if (stop) return nullptr;
  for (nlohmann::json& r : ordered) results.push_back(std::move(r));
  return {{"compile", compile}, {"results", results}};
}

}  // namespace mockroom::runner_sandbox
