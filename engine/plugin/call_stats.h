// CallStats: how one plugin has been doing lately, for the operators' plugins page. Keeps
// the outcome and latency of its last kRecentCallWindow calls (at most kRecentWindowMs old
// when read) and derives an error rate, latency percentiles and a health verdict.
// Thread-safe; record() takes a short lock.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace mockroom::plugin {

// Calls remembered per plugin, and how far back they count.
inline constexpr std::size_t kRecentCallWindow = 200;
inline constexpr int64_t kRecentWindowMs = 5 * 60 * 1000;
// Failures in a row after which a provider is "failing" whatever its rate.
inline constexpr int kFailingStreak = 3;
// Error rates (0-1) from which a provider is "degraded" and "failing".
inline constexpr double kDegradedErrorRate = 0.05;
inline constexpr double kFailingErrorRate = 0.5;
// The longest error message kept (plugins never put secrets in them; see the ABI rules).
inline constexpr std::size_t kMaxLastErrorBytes = 300;

enum class CallOutcome { kOk, kFailed, kFellBack };

// What the recent window says.
struct RecentCalls {
  uint64_t calls = 0;       // in the window
  uint64_t failures = 0;    // of those, failed (including those a fallback answered)
  uint64_t fallbacks = 0;   // of the failures, answered by the fallback
  double error_rate = 0;    // failures / calls, 0 without calls
  double p50_ms = 0, p95_ms = 0, max_ms = 0;
  int failure_streak = 0;   // failures since the last success
  int64_t last_call_ms = 0; // unix ms, 0 = never
  std::string last_error;   // the latest failure's message, "" if none in the window
};

class CallStats {
 public:
  // A call that took `latency_ms` ended at `at_ms` (unix ms) with `outcome`.
  void record(int64_t at_ms, double latency_ms, CallOutcome outcome, std::string_view error = {});
  // A failure already recorded was answered by the fallback (the fallback runs after).
  void mark_fallback();
  RecentCalls recent(int64_t now_ms) const;

 private:
  struct Entry {
    int64_t at_ms = 0;
    float latency_ms = 0;
    CallOutcome outcome = CallOutcome::kOk;
  };
  mutable std::mutex mu_;
  std::array<Entry, kRecentCallWindow> ring_{};
  std::size_t next_ = 0;   // where the next entry goes
  std::size_t size_ = 0;   // entries in use
  int streak_ = 0;
  std::string last_error_;
  int64_t last_error_ms_ = 0;
};

// "inactive" (neither active nor a fallback), "idle" (no calls in the window), "failing",
// "degraded" or "ok", from the recent window.
std::string_view health_of(bool in_use, const RecentCalls& recent);

}  // namespace mockroom::plugin
