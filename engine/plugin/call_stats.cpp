#include "plugin/call_stats.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace mockroom::plugin {

void CallStats::record(int64_t at_ms, double latency_ms, CallOutcome outcome, std::string_view error) {
  std::lock_guard lock(mu_);
  ring_[next_] = {at_ms, static_cast<float>(latency_ms), outcome};
  next_ = (next_ + 1) % ring_.size();
  size_ = std::min(size_ + 1, ring_.size());
  if (outcome == CallOutcome::kOk) {
    streak_ = 0;
    return;
  }
  ++streak_;
  last_error_ = std::string(error.substr(0, kMaxLastErrorBytes));
  last_error_ms_ = at_ms;
}

void CallStats::mark_fallback() {
  std::lock_guard lock(mu_);
  if (size_ == 0) return;
  Entry& last = ring_[(next_ + ring_.size() - 1) % ring_.size()];
  if (last.outcome == CallOutcome::kFailed) last.outcome = CallOutcome::kFellBack;
}

RecentCalls CallStats::recent(int64_t now_ms) const {
  std::lock_guard lock(mu_);
  RecentCalls out;
  std::vector<float> latencies;
  latencies.reserve(size_);
  for (std::size_t i = 0; i < size_; ++i) {
    const Entry& e = ring_[(next_ + ring_.size() - size_ + i) % ring_.size()];
    out.last_call_ms = std::max(out.last_call_ms, e.at_ms);
    if (now_ms - e.at_ms > kRecentWindowMs) continue;
    ++out.calls;
    if (e.outcome != CallOutcome::kOk) ++out.failures;
    if (e.outcome == CallOutcome::kFellBack) ++out.fallbacks;
    latencies.push_back(e.latency_ms);
  }
  out.failure_streak = streak_;
  if (out.calls == 0) return out;
  out.error_rate = static_cast<double>(out.failures) / static_cast<double>(out.calls);
  std::sort(latencies.begin(), latencies.end());
  auto at = [&](double q) {
    auto index = static_cast<std::size_t>(std::ceil(q * static_cast<double>(latencies.size()))) ;
    return static_cast<double>(latencies[std::clamp<std::size_t>(index, 1, latencies.size()) - 1]);
  };
  out.p50_ms = at(0.5);
  out.p95_ms = at(0.95);
  out.max_ms = latencies.back();
  if (out.failures > 0 && now_ms - last_error_ms_ <= kRecentWindowMs) out.last_error = last_error_;
  return out;
}

std::string_view health_of(bool in_use, const RecentCalls& recent) {
  if (!in_use) return "inactive";
  if (recent.calls == 0) return "idle";
  if (recent.failure_streak >= kFailingStreak || recent.error_rate >= kFailingErrorRate) return "failing";
  if (recent.error_rate > kDegradedErrorRate || recent.fallbacks > 0) return "degraded";
  return "ok";
}

}  // namespace mockroom::plugin
