// LoginThrottle: slows password guessing against one account. Failed sign-ins are counted
// per account (the email as typed, trimmed and lower-cased) over a sliding window; once an
// account has kMaxFailures within kWindow, further attempts are refused without checking
// the password until the oldest failure leaves the window. A success clears the account's
// count. In memory, per engine process; thread-safe. Bounded: at most kMaxTracked accounts
// are tracked, the least recently failed dropped first.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace mockroom::auth {

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr int kMaxFailures = 10;
  static constexpr std::chrono::minutes kWindow{15};
  static constexpr std::size_t kMaxTracked = 10'000;

  // Seconds until `email` may try again; 0 when it may now.
  int retry_after_seconds(const std::string& email, Clock::time_point now = Clock::now());
  void record_failure(const std::string& email, Clock::time_point now = Clock::now());
  void record_success(const std::string& email);

 private:
  static std::string key_of(const std::string& email);
  void forget_old(std::deque<Clock::time_point>& failures, Clock::time_point now) const;

  std::mutex mu_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> failures_;  // oldest first
};

}  // namespace mockroom::auth
