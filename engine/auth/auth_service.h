// AuthService: accounts, Argon2id password checks and opaque bearer tokens. Tokens are
// 256-bit random strings handed to the client once; only their SHA-256 is stored.
// Thread-safe (the store, and a login throttle against password guessing).
#pragma once

#include <string>

#include "auth/login_throttle.h"
#include "store/store.h"
#include "util/result.h"

namespace mockroom::auth {

constexpr std::size_t kMinPasswordLength = 8;
constexpr std::size_t kMaxPasswordLength = 256;
constexpr std::size_t kMaxNameLength = 100;
constexpr std::size_t kMaxEmailLength = 254;

class AuthService {
 public:
  AuthService(store::Store& store, int token_ttl_days) : store_(store), ttl_days_(token_ttl_days) {}

  Result<store::User> register_user(const std::string& email, const std::string& password,
                                    const std::string& name,
                                    store::Role role = store::Role::kCandidate);
  // Returns a new bearer token for valid credentials; the same error for an unknown
  // email and a wrong password, so accounts cannot be discovered by probing. After
  // LoginThrottle::kMaxFailures failures for one email within its window, kTooManyRequests
  // saying when to try again, without checking the password.
  Result<std::string> login(const std::string& email, const std::string& password);
  Result<store::User> authenticate(const std::string& token);
  // Revokes `token` (logout): it no longer authenticates anyone. Ok for an unknown or
  // malformed token, so logging out twice is harmless.
  Status logout(const std::string& token);
  int token_ttl_days() const { return ttl_days_; }

 private:
  store::Store& store_;
  int ttl_days_;
  LoginThrottle throttle_;
};

// Checks the shape of an email address (one '@', a dot in the domain, no spaces).
bool plausible_email(const std::string& email);

}  // namespace mockroom::auth
