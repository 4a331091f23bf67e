#include "auth/login_throttle.h"

#include <algorithm>
#include <cctype>

namespace mockroom::auth {

std::string LoginThrottle::key_of(const std::string& email) {
  std::string key;
  for (char c : email) {
    if (!std::isspace(static_cast<unsigned char>(c))) key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return key;
}

void LoginThrottle::forget_old(std::deque<Clock::time_point>& failures, Clock::time_point now) const {
  while (!failures.empty() && now - failures.front() >= kWindow) failures.pop_front();
}

int LoginThrottle::retry_after_seconds(const std::string& email, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto it = failures_.find(key_of(email));
  if (it == failures_.end()) return 0;
  forget_old(it->second, now);
  if (static_cast<int>(it->second.size()) < kMaxFailures) return 0;
  auto wait = std::chrono::ceil<std::chrono::seconds>(it->second.front() + kWindow - now);
  return std::max(1, static_cast<int>(wait.count()));
}

void LoginThrottle::record_failure(const std::string& email, Clock::time_point now) {
  std::lock_guard lock(mu_);
  if (failures_.size() >= kMaxTracked && !failures_.count(key_of(email))) {
    // Make room: drop the account whose last failure is oldest.
    auto oldest = std::min_element(failures_.begin(), failures_.end(), [](const auto& a, const auto& b) {
      return a.second.empty() || (!b.second.empty() && a.second.back() < b.second.back());
    });
    failures_.erase(oldest);
  }
  auto& failures = failures_[key_of(email)];
  forget_old(failures, now);
  failures.push_back(now);
  while (static_cast<int>(failures.size()) > kMaxFailures) failures.pop_front();
}

void LoginThrottle::record_success(const std::string& email) {
  std::lock_guard lock(mu_);
  failures_.erase(key_of(email));
}

}  // namespace mockroom::auth
