// The login throttle: an account is refused after too many failures in the window, for
// the rest of the window only, and a success clears its count.
#include <doctest/doctest.h>

#include "auth/login_throttle.h"

using mockroom::auth::LoginThrottle;

TEST_CASE("an account is locked after ten failures and opens again as they leave the window") {
  LoginThrottle throttle;
  auto t0 = LoginThrottle::Clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < LoginThrottle::kMaxFailures - 1; ++i) throttle.record_failure("ada@example.com", t0);
  CHECK(throttle.retry_after_seconds("ada@example.com", t0) == 0);
  throttle.record_failure("Ada@Example.com ", t0);  // the same account however it is typed
  CHECK(throttle.retry_after_seconds("ada@example.com", t0) == 15 * 60);
  CHECK(throttle.retry_after_seconds("ada@example.com", t0 + std::chrono::minutes(5)) == 10 * 60);
  CHECK(throttle.retry_after_seconds("grace@example.com", t0) == 0);  // other accounts are untouched
  CHECK(throttle.retry_after_seconds("ada@example.com", t0 + LoginThrottle::kWindow) == 0);
}

TEST_CASE("a successful sign-in clears the account's failures") {
  LoginThrottle throttle;
  auto t0 = LoginThrottle::Clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < LoginThrottle::kMaxFailures - 1; ++i) throttle.record_failure("ada@example.com", t0);
  throttle.record_success("ada@example.com");
  throttle.record_failure("ada@example.com", t0);
  CHECK(throttle.retry_after_seconds("ada@example.com", t0) == 0);
}
