#include "judge.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "language.h"
#include "verdict.h"

namespace mockroom::runner_sandbox {

// A compiled submission's run directory and the fds of what its boxes mount from it.
// Interpreted languages need none: each box gets its own copy of the source.
struct Judge::Prepared {
  ~Prepared() {
    for (int fd : {source_fd, output_fd, program_fd})
      if (fd >= 0) ::close(fd);
  }
  std::unique_ptr<RunDir> dir;
  int source_fd = -1, output_fd = -1, program_fd = -1;
  std::optional<Status> failure;  // set when the submission cannot run
  std::string compile_output;
  bool compiled = false;
};

namespace {

// Runs `work` on `count` threads, the caller's being one of them.
void run_on_threads(size_t count, const std::function<void()>& work) {
  std::vector<std::thread> threads;
  for (size_t t = 1; t < count; ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
}

int default_parallelism(int configured) {
  if (configured > 0) return configured;
  return static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
}

// Holds one box slot of the instance for as long as it lives.
class SlotGuard {
 public:
  explicit SlotGuard(std::counting_semaphore<>& slots) : slots_(slots) { slots_.acquire(); }
  ~SlotGuard() { slots_.release(); }
  SlotGuard(const SlotGuard&) = delete;
  SlotGuard& operator=(const SlotGuard&) = delete;

 private:
  std::counting_semaphore<>& slots_;
};

BoxOutcome failed(const std::string& why) {
  BoxOutcome o;
  o.internal_error = why;
  return o;
}

BoxJob job_for(const Submission& s, const TestCase& test, bool cgroup) {
  MemoryEnforcement memory = cgroup ? MemoryEnforcement::kCgroup : MemoryEnforcement::kRlimit;
  return {run_argv(s.language, memory, static_cast<long>(s.limits.memory_kb)), s.limits,
          test.stdin_text,
          limits_address_space(s.language) ? AddressSpace::kLimited : AddressSpace::kUnlimited};
}

}  // namespace

Judge::Judge(std::unique_ptr<Sandbox> sandbox, WorkRoot root)
    : sandbox_(std::move(sandbox)),
      root_(std::move(root)),
      parallel_boxes_(default_parallelism(sandbox_->config().parallel_boxes)),
      box_slots_(std::make_unique<std::counting_semaphore<>>(parallel_boxes_)) {
  int warm = sandbox_->config().warm_boxes;
  pool_ = std::make_unique<WarmPool>(*sandbox_, root_, warm < 0 ? parallel_boxes_ : warm);
}

std::unique_ptr<Judge::Prepared> Judge::prepare(const Submission& s) const {
  auto p = std::make_unique<Prepared>();
  if (!needs_compile(s.language)) return p;
  p->dir = std::make_unique<RunDir>(root_);
  if (p->dir->ok()) p->source_fd = p->dir->write_source(source_file_name(s.language), s.source);
  if (!p->dir->ok() || p->source_fd < 0) {
    p->failure = Status::kInternalError;
    p->compile_output = p->dir->error();
    return p;
  }
  BoxOutcome outcome = compile(s, *p);
  p->compiled = true;
  p->compile_output = compile_output_text(outcome);
  if ((p->failure = compile_failure(outcome))) return p;
  p->program_fd = p->dir->open_output_file(kCompiledProgramName);
  if (p->program_fd < 0) p->failure = Status::kCompilationError;
  return p;
}

BoxOutcome Judge::compile(const Submission& s, Prepared& p) const {
  const Config& config = sandbox_->config();
  p.output_fd = p.dir->make_output_dir(config.sandbox_uid, config.sandbox_gid);
  if (p.output_fd < 0) return failed(p.dir->error());
  BoxSpec spec;
  spec.argv = compile_argv(s.language);
  spec.mounts = {{p.source_fd, kBoxSourceDir, MountAccess::kReadOnly},
                 {p.output_fd, kBoxOutputDir, MountAccess::kWritable}};
  spec.limits = config.compile;
  spec.address_space = AddressSpace::kLimited;
  SlotGuard slot(*box_slots_);
  return sandbox_->run(spec);
}

std::unique_ptr<ReadyBox> Judge::open_box(const Submission& s, const Prepared& p,
                                          std::string& error) const {
  if (!needs_compile(s.language)) {
    std::unique_ptr<ReadyBox> box = pool_->take(error);
    if (box && !box->dir->add_source_file(source_file_name(s.language), s.source))
      return error = box->dir->error(), nullptr;
    return box;
  }
  auto box = std::make_unique<ReadyBox>();
  box->session = sandbox_->start_session({{p.source_fd, kBoxSourceDir, MountAccess::kReadOnly},
                                          {p.program_fd, kBoxProgramPath, MountAccess::kReadOnly}},
                                         error);
  return box->session ? std::move(box) : nullptr;
}

// One worker: a box of its own, tests run one after the other, a new box after a box failed.
void Judge::run_worker(const Submission& s, const Prepared& p, const NextTest& next,
                       std::vector<nlohmann::json>& results) const {
  SlotGuard slot(*box_slots_);
  std::unique_ptr<ReadyBox> box;
  std::optional<std::string> compile_output;
  if (p.compiled) compile_output = p.compile_output;
  for (size_t i; next(i);) {
    std::string error;
    if (!box || !box->session->usable()) box = open_box(s, p, error);
    const TestCase& test = s.tests[i];
    BoxOutcome outcome = box ? box->session->run(job_for(s, test, box->session->uses_cgroup()))
                             : failed(error);
    Status status = classify_run(outcome, s.limits, test.expected_output);
    results[i] = run_result_json(outcome, status, compile_output);
  }
}

std::optional<std::vector<nlohmann::json>> Judge::run_tests(const Submission& s,
                                                           const Prepared& p,
                                                           const CancelCheck& cancelled) const {
  std::vector<nlohmann::json> results(s.tests.size());
  std::atomic<size_t> next_index{0};
  std::atomic<bool> stop{false};
  const std::thread::id caller = std::this_thread::get_id();
  NextTest next = [&](size_t& i) {
    // The host's callbacks are only ever called from the thread that made the call.
    if (std::this_thread::get_id() == caller && cancelled && cancelled()) stop = true;
    return !stop && (i = next_index++) < s.tests.size();
  };
  size_t workers = std::min(s.tests.size(), static_cast<size_t>(parallel_boxes_));
  run_on_threads(workers, [&] { run_worker(s, p, next, results); });
  if (stop) return std::nullopt;
  return results;
}

nlohmann::json Judge::execute(const Submission& s, const CancelCheck& cancelled) const {
  std::unique_ptr<Prepared> p = prepare(s);
  if (p->failure) return not_run_result_json(*p->failure, p->compile_output, "");
  if (cancelled && cancelled()) return nullptr;
  auto results = run_tests(s, *p, cancelled);
  return results ? std::move(results->front()) : nullptr;
}

nlohmann::json Judge::execute_batch(const Submission& s, const CancelCheck& cancelled) const {
  std::unique_ptr<Prepared> p = prepare(s);
  nlohmann::json compile = nullptr;
  if (p->compiled || p->failure)
    compile = {{"status", status_json(p->failure.value_or(Status::kAccepted))},
               {"compile_output", p->compile_output}};
  nlohmann::json results = nlohmann::json::array();
  if (p->failure) return {{"compile", compile}, {"results", results}};
  auto ordered = run_tests(s, *p, cancelled);
  if (!ordered) return nullptr;
  for (nlohmann::json& r : *ordered) results.push_back(std::move(r));
  return {{"compile", compile}, {"results", results}};
}

}  // namespace mockroom::runner_sandbox
