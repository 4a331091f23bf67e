// Implementation of runner.h.
#include "runner.h"

#include <algorithm>
#include <optional>

#include "boundary.h"

namespace mockroom::runner_judge0 {
namespace {

using nlohmann::json;

constexpr char kQuery[] = "base64_encoded=true";

// A call that ran out of time (in a pause or a request) reports what Judge0 was still doing.
Failure with_state(const Failure& failure, const CallScope& scope, const std::string& state) {
  if (failure.status != MR_ERR_TIMEOUT || scope.remaining().count() > 0) return failure;
  return scope.timeout_failure(state);
}

std::string join_tokens(const std::vector<std::string>& tokens, const std::vector<size_t>& at) {
  std::string joined;
  for (size_t i : at) joined += (joined.empty() ? "" : ",") + tokens[i];
  return joined;
}

bool has_compile_error(const std::vector<std::optional<Submission>>& done) {
  return std::any_of(done.begin(), done.end(), [](const std::optional<Submission>& s) {
    return s && s->status_id == kStatusCompilationError;
  });
}

}  // namespace

Runner::Runner(Config config) : config_(std::move(config)), client_(config_) {}

Result<std::string> Runner::execute(const RunRequest& request, mr_call* call) {
  CallScope scope(call, config_.max_wait);
  Result<std::string> token = submit_one(request, scope);
  if (!token.ok()) return token.failure();
  Result<Submission> finished = await_one(token.value(), scope);
  if (!finished.ok()) return finished.failure();
  return dump_result(result_json(finished.value()));
}

Result<std::string> Runner::execute_batch(const RunRequest& request, mr_call* call) {
  CallScope scope(call, config_.max_wait);
  Result<std::vector<std::string>> tokens = submit_batch(request, scope);
  if (!tokens.ok()) return tokens.failure();
  Result<std::vector<Submission>> finished = await_batch(tokens.value(), scope);
  if (!finished.ok()) return finished.failure();
  return dump_result(batch_result_json(finished.value()));
}

Result<std::string> Runner::submit_one(const RunRequest& request, const CallScope& scope) {
  std::string path = std::string("/submissions?") + kQuery + "&wait=false";
  Result<json> created = client_.post(path, single_submission_body(request), scope);
  if (!created.ok()) return created.failure();
  Result<std::string> token = parse_created_token(created.value());
  if (token.ok()) plugin_support::log_debug("submitted " + token.value());
  return token;
}

Result<Submission> Runner::await_one(const std::string& token, const CallScope& scope) {
  std::string path =
      "/submissions/" + token + "?" + kQuery + "&fields=" + std::string(kResultFields);
  std::string state = "submission " + token + " was not yet seen";
  for (;;) {
    Status paused = scope.pause(config_.poll_interval);
    if (!paused.ok()) return with_state(paused.failure(), scope, state);
    Result<json> doc = client_.get(path, scope);
    if (!doc.ok()) return with_state(doc.failure(), scope, state);
    Result<Submission> submission = parse_submission(doc.value(), token);
    if (!submission.ok() || submission.value().finished()) return submission;
    state = "submission " + token + " was still \"" + submission.value().description + "\"";
  }
}

Result<std::vector<std::string>> Runner::submit_batch(const RunRequest& request,
                                                      const CallScope& scope) {
  std::string path = std::string("/submissions/batch?") + kQuery;
  std::vector<std::string> tokens;
  for (size_t first = 0; first < request.tests.size(); first += config_.max_batch_size) {
    size_t count = std::min(config_.max_batch_size, request.tests.size() - first);
    Result<json> created = client_.post(path, batch_submission_body(request, first, count), scope);
    if (!created.ok()) return created.failure();
    Result<std::vector<std::string>> chunk = parse_created_tokens(created.value(), count);
    if (!chunk.ok()) return chunk.failure();
    tokens.insert(tokens.end(), chunk.value().begin(), chunk.value().end());
  }
  plugin_support::log_debug("submitted a batch of " + std::to_string(tokens.size()));
  return tokens;
}

Result<std::vector<Submission>> Runner::await_batch(const std::vector<std::string>& tokens,
                                                    const CallScope& scope) {
  std::vector<std::optional<Submission>> done(tokens.size());
  for (;;) {
    size_t pending = std::count(done.begin(), done.end(), std::nullopt);
    std::string state = std::to_string(pending) + " of " + std::to_string(tokens.size()) +
                        " tests were still queued or running";
    Status paused = scope.pause(config_.poll_interval);
    if (!paused.ok()) return with_state(paused.failure(), scope, state);
    if (Status polled = poll_pending(tokens, done, scope); !polled.ok())
      return with_state(polled.failure(), scope, state);
    bool all_done =
        std::all_of(done.begin(), done.end(), [](const auto& s) { return s.has_value(); });
    if (!all_done && !has_compile_error(done)) continue;
    std::vector<Submission> finished;
    for (auto& s : done)
      if (s) finished.push_back(std::move(*s));
    return finished;
  }
}

// Polls every unfinished submission, maxBatchSize tokens per request.
Status Runner::poll_pending(const std::vector<std::string>& tokens,
                            std::vector<std::optional<Submission>>& done, const CallScope& scope) {
  std::vector<size_t> pending;
  for (size_t i = 0; i < tokens.size(); ++i)
    if (!done[i]) pending.push_back(i);
  for (size_t first = 0; first < pending.size(); first += config_.max_batch_size) {
    std::vector<size_t> chunk(
        pending.begin() + first,
        pending.begin() + std::min(pending.size(), first + config_.max_batch_size));
    std::vector<std::string> asked;
    for (size_t i : chunk) asked.push_back(tokens[i]);
    std::string path = "/submissions/batch?tokens=" + join_tokens(tokens, chunk) + "&" + kQuery +
                       "&fields=" + std::string(kResultFields);
    Result<json> doc = client_.get(path, scope);
    if (!doc.ok()) return doc.failure();
    Result<std::vector<Submission>> polled = parse_batch_submissions(doc.value(), asked);
    if (!polled.ok()) return polled.failure();
    for (size_t k = 0; k < chunk.size(); ++k)
      if (polled.value()[k].finished()) done[chunk[k]] = std::move(polled.value()[k]);
  }
  return {};
}

}  // namespace mockroom::runner_judge0
