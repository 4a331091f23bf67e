// One host call's budget: its mr_call (for cancellation), its deadline (maxWaitSeconds from
// the start of the call) and cancellable, deadline-bounded pauses between requests.
//
// Contract: lives on the stack of the thread serving the call and is used only there.
#pragma once

#include <chrono>
#include <string>

#include "mockroom/plugin.h"
#include "result.h"

namespace mockroom::runner_judge0 {

using Clock = std::chrono::steady_clock;

// How often a pause looks at the host's cancellation flag.
inline constexpr std::chrono::milliseconds kCancelCheckInterval{20};

class CallScope {
 public:
  CallScope(mr_call* call, std::chrono::milliseconds max_wait);

  mr_call* call() const { return call_; }
  bool cancelled() const;
  // Time left before the deadline (zero or negative once it has passed).
  std::chrono::milliseconds remaining() const;

  // Sleeps for `pause`, waking early to report cancellation or the deadline.
  Status pause(std::chrono::milliseconds pause) const;

  Failure cancelled_failure() const;
  // "no result within maxWaitSeconds (...)"; `detail` says what was still pending.
  Failure timeout_failure(const std::string& detail) const;

 private:
  mr_call* call_;
  std::chrono::milliseconds max_wait_;
  Clock::time_point deadline_;
};

}  // namespace mockroom::runner_judge0
