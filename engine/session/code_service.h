// CodeService: code in the interview. The candidate's editor snapshots, "Run" with their
// own input, and "Submit" against the problem's hidden tests, through the active runner
// plugin. Each is recorded in the session's log; a submission gets a verdict, per-test
// pass/fail (hidden inputs are never revealed) and an interviewer nudge on what failed.
// Code runs outside the session's lock, a bounded number at a time.
#pragma once

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <semaphore>
#include <set>
#include <string>

#include "plugin/registry.h"
#include "session/session_manager.h"
#include "store/store.h"

namespace mockroom::session {

constexpr int kMaxConcurrentRuns = 4;             // sandboxes at once, engine-wide
constexpr int kRunQueueWaitSeconds = 30;          // then 503 "busy"
constexpr std::size_t kMaxStdinBytes = 64 * 1024;

class CodeService {
 public:
  CodeService(SessionManager& sessions, const plugin::Registry& plugins, store::Store& store);

  // {language, code}: what the editor holds now.
  Result<nlohmann::json> snapshot(int64_t user_id, const std::string& id, const nlohmann::json& body);
  // {language, code, stdin} -> the runner's result (Judge0 shape).
  Result<nlohmann::json> run(int64_t user_id, const std::string& id, const nlohmann::json& body);
  // {language, code} against the open coding problem's hidden tests ->
  // {verdict, passed, total, tests: [...], compileOutput, feedback}.
  Result<nlohmann::json> submit(int64_t user_id, const std::string& id, const nlohmann::json& body);
  // Operators: a raw runner call ({language, source, stdin, expected_output, limits}).
  Result<nlohmann::json> execute(const nlohmann::json& request);
  // Coaches: runs a coding problem's reference solution ({language, source}) against its
  // hidden tests ([{input, output}]) -> {passed, total, tests: [{index, passed, status,
  // time, stdout?}], compileOutput}: a problem is publishable only when every test passes.
  Result<nlohmann::json> check_reference(const nlohmann::json& reference, const nlohmann::json& tests);

 private:
  // Runs `fn` holding a runner slot and, for a session `id` (not ""), its "one run at a
  // time" mark.
  template <typename F>
  Result<nlohmann::json> with_slot(const std::string& id, F&& fn);
  // The open problem's hidden part: {tests: [...], reference: {language, source}}.
  Result<nlohmann::json> hidden_problem(const nlohmann::json& open);
  // The reference solution's run time on each large hidden test, [{index, time}] (seconds),
  // measured once per problem and engine run, so that the scorer can compare the
  // candidate's times on the same machine. [] when it cannot be measured.
  nlohmann::json reference_times(const std::string& problem_id, const nlohmann::json& hidden);

  SessionManager& sessions_;
  const plugin::Registry& plugins_;
  store::Store& store_;
  std::counting_semaphore<kMaxConcurrentRuns> slots_{kMaxConcurrentRuns};
  std::mutex running_mu_;
  std::set<std::string> running_;  // sessions with a run in flight
  std::mutex reference_mu_;
  std::map<std::string, nlohmann::json> reference_times_;  // problem id -> reference_times()
};

// The interviewer's reaction to a submission's results (pure, for tests).
std::string submission_feedback(const nlohmann::json& verdict, const nlohmann::json& results,
                                const nlohmann::json& tests, const std::string& compile_output);

}  // namespace mockroom::session
