// Accounts for integration tests: candidates through the API, the first admin through
// `mockroom admin create` (as an operator would), staff roles granted by that admin.
#pragma once

#include <cstdint>
#include <string>

#include "harness.h"

namespace mockroom::testing {

inline constexpr const char* kTestPassword = "correct horse battery";

// Registers a candidate `email` (ignoring "already exists") and returns a login token.
std::string candidate_token(uint16_t port, const std::string& email, const std::string& name = "Kim");
// A login token for an existing account.
std::string login_token(uint16_t port, const std::string& email);
// create_admin (harness.h), then a login token.
std::string admin_token(const EngineProcess& engine, const std::string& email);
// The id of the account behind `token` (GET /api/me).
int64_t user_id(uint16_t port, const std::string& token);

}  // namespace mockroom::testing
