// Implementation of call_scope.h.
#include "call_scope.h"

#include <algorithm>
#include <thread>

#include "boundary.h"

namespace mockroom::runner_judge0 {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

CallScope::CallScope(mr_call* call, milliseconds max_wait)
    : call_(call), max_wait_(max_wait), deadline_(Clock::now() + max_wait) {}

bool CallScope::cancelled() const { return plugin_support::cancelled(call_); }

milliseconds CallScope::remaining() const {
  return duration_cast<milliseconds>(deadline_ - Clock::now());
}

Status CallScope::pause(milliseconds pause) const {
  Clock::time_point until = Clock::now() + pause;
  for (;;) {
    if (cancelled()) return cancelled_failure();
    Clock::time_point now = Clock::now();
    if (now >= deadline_) return timeout_failure("");
    if (now >= until) return {};
    std::this_thread::sleep_for(
        std::min({until - now, deadline_ - now, Clock::duration(kCancelCheckInterval)}));
  }
}

Failure CallScope::cancelled_failure() const { return {MR_ERR_CANCELLED, "cancelled by the host"}; }

Failure CallScope::timeout_failure(const std::string& detail) const {
  std::string message =
      "Judge0 gave no result within maxWaitSeconds (" + std::to_string(max_wait_.count()) + " ms)";
  if (!detail.empty()) message += "; " + detail;
  return {MR_ERR_TIMEOUT, message};
}

}  // namespace mockroom::runner_judge0
