#include "auth/auth_service.h"

#include <chrono>

#include "util/crypto.h"

namespace mockroom::auth {

namespace {

constexpr std::size_t kTokenBytes = 32;

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

bool plausible_email(const std::string& email) {
  if (email.empty() || email.size() > kMaxEmailLength) return false;
  auto at = email.find('@');
  if (at == std::string::npos || at == 0 || email.find('@', at + 1) != std::string::npos) return false;
  auto dot = email.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot == email.size() - 1) return false;
  for (unsigned char c : email) {
    if (c <= ' ' || c == 0x7f) return false;
  }
  return true;
}

Result<store::User> AuthService::register_user(const std::string& email_in,
                                               const std::string& password,
                                               const std::string& name_in, store::Role role) {
  std::string email = trim(email_in);
  std::string name = trim(name_in);
  if (!plausible_email(email)) return invalid("email must be a valid address such as ada@example.com");
  if (password.size() < kMinPasswordLength) {
    return invalid("password must be at least " + std::to_string(kMinPasswordLength) + " characters");
  }
  if (password.size() > kMaxPasswordLength) {
    return invalid("password must be at most " + std::to_string(kMaxPasswordLength) + " characters");
  }
  if (name.empty() || name.size() > kMaxNameLength) {
    return invalid("name must be 1 to " + std::to_string(kMaxNameLength) + " characters");
  }
  return store_.create_user(email, name, crypto::hash_password(password), role);
}

Result<std::string> AuthService::login(const std::string& email, const std::string& password) {
  static const std::string kTimingEqualiserHash = crypto::hash_password("mockroom-timing-equaliser");
  const Error refused{ErrorCode::kUnauthorized, "email or password is incorrect"};
  if (int wait = throttle_.retry_after_seconds(email); wait > 0) {
    const int minutes = (wait + 59) / 60;
    return Error{ErrorCode::kTooManyRequests, "too many failed sign-ins for this email; try again in " +
                                                  std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes")};
  }
  if (password.size() > kMaxPasswordLength) return refused;
  auto user = store_.find_user_by_email(trim(email));
  if (!user.ok()) {
    if (user.error().code != ErrorCode::kNotFound) return user.error();
    crypto::verify_password(kTimingEqualiserHash, password);  // same cost as a real check
    throttle_.record_failure(email);  // unknown emails too: the answer must not differ
    return refused;
  }
  if (!crypto::verify_password(user->password_hash, password)) {
    throttle_.record_failure(email);
    return refused;
  }
  throttle_.record_success(email);
  std::string token = crypto::random_hex(kTokenBytes);
  int64_t expires = now_seconds() + int64_t{ttl_days_} * 86400;
  if (auto st = store_.insert_token(crypto::sha256_hex(token), user->id, expires); !st.ok()) {
    return st.error();
  }
  return token;
}

Result<store::User> AuthService::authenticate(const std::string& token) {
  if (token.empty()) return Error{ErrorCode::kUnauthorized, "sign in first: send Authorization: Bearer <token>"};
  if (token.size() != kTokenBytes * 2) return Error{ErrorCode::kUnauthorized, "invalid or expired token"};
  return store_.find_user_by_token(crypto::sha256_hex(token), now_seconds());
}

Status AuthService::logout(const std::string& token) {
  if (token.size() != kTokenBytes * 2) return {};
  return store_.delete_token(crypto::sha256_hex(token));
}

}  // namespace mockroom::auth
