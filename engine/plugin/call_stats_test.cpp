#include <doctest/doctest.h>

#include "plugin/call_stats.h"

using namespace mockroom::plugin;

TEST_CASE("recent calls give an error rate and latency percentiles") {
  CallStats stats;
  for (int i = 1; i <= 20; ++i) stats.record(1'000'000 + i, i, i % 10 == 0 ? CallOutcome::kFailed : CallOutcome::kOk, "boom");
  RecentCalls r = stats.recent(1'000'100);
  CHECK(r.calls == 20);
  CHECK(r.failures == 2);
  CHECK(r.error_rate == doctest::Approx(0.1));
  CHECK(r.p50_ms == doctest::Approx(10));
  CHECK(r.p95_ms == doctest::Approx(19));
  CHECK(r.max_ms == doctest::Approx(20));
  CHECK(r.last_error == "boom");
  CHECK(r.failure_streak == 1);
}

TEST_CASE("calls older than the window no longer count") {
  CallStats stats;
  stats.record(0, 5, CallOutcome::kFailed, "old failure");
  stats.record(kRecentWindowMs + 10, 7, CallOutcome::kOk);
  RecentCalls r = stats.recent(kRecentWindowMs + 20);
  CHECK(r.calls == 1);
  CHECK(r.failures == 0);
  CHECK(r.last_error.empty());
  CHECK(r.last_call_ms == kRecentWindowMs + 10);
}

TEST_CASE("only the last calls of the ring are remembered") {
  CallStats stats;
  for (std::size_t i = 0; i < kRecentCallWindow; ++i) stats.record(100, 1, CallOutcome::kFailed, "x");
  for (std::size_t i = 0; i < kRecentCallWindow; ++i) stats.record(200, 1, CallOutcome::kOk);
  CHECK(stats.recent(300).failures == 0);
  CHECK(stats.recent(300).calls == kRecentCallWindow);
}

TEST_CASE("health says failing, degraded, ok, idle or inactive") {
  CallStats stats;
  CHECK(health_of(false, stats.recent(0)) == "inactive");
  CHECK(health_of(true, stats.recent(0)) == "idle");
  for (int i = 0; i < 30; ++i) stats.record(10, 1, CallOutcome::kOk);
  CHECK(health_of(true, stats.recent(20)) == "ok");
  stats.record(11, 1, CallOutcome::kFailed, "refused");
  stats.mark_fallback();
  CHECK(stats.recent(20).fallbacks == 1);
  CHECK(health_of(true, stats.recent(20)) == "degraded");
  for (int i = 0; i < kFailingStreak; ++i) stats.record(12, 1, CallOutcome::kFailed, "refused");
  CHECK(health_of(true, stats.recent(20)) == "failing");
}
