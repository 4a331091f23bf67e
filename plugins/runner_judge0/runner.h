// Runs code on Judge0: submits (one submission, or the tests in batches of maxBatchSize),
// polls until every submission has a final status, and builds the runner ABI's result.
//
// Contract:
// - One Runner per plugin instance, owning the instance's Config and Judge0Client.
//   execute() and execute_batch() may run on several threads at once.
// - Each call is bounded by maxWaitSeconds (MR_ERR_TIMEOUT) and stops with
//   MR_ERR_CANCELLED as soon as the host cancels it, between or during requests.
#pragma once

#include <string>
#include <vector>

#include "call_scope.h"
#include "config.h"
#include "judge0_client.h"
#include "judge0_json.h"
#include "request.h"
#include "result.h"

namespace mockroom::runner_judge0 {

class Runner {
 public:
  explicit Runner(Config config);

  const Config& config() const { return config_; }

  // The execute result JSON for the request's single test.
  Result<std::string> execute(const RunRequest& request, mr_call* call);
  // The execute_batch result JSON, results in test order.
  Result<std::string> execute_batch(const RunRequest& request, mr_call* call);

 private:
  Result<std::string> submit_one(const RunRequest& request, const CallScope& scope);
  Result<Submission> await_one(const std::string& token, const CallScope& scope);
  Result<std::vector<std::string>> submit_batch(const RunRequest& request, const CallScope& scope);
  Result<std::vector<Submission>> await_batch(const std::vector<std::string>& tokens,
                                              const CallScope& scope);
  Status poll_pending(const std::vector<std::string>& tokens,
                      std::vector<std::optional<Submission>>& done, const CallScope& scope);

  Config config_;
  Judge0Client client_;
};

}  // namespace mockroom::runner_judge0
