#include "accounts.h"

#include <doctest/doctest.h>

namespace mockroom::testing {

using nlohmann::json;

std::string login_token(uint16_t port, const std::string& email) {
  auto login = http(port, "POST", "/api/auth/login", json{{"email", email}, {"password", kTestPassword}}.dump());
  REQUIRE_MESSAGE(login.status == 200, login.body);
  return login.json()["token"].get<std::string>();
}

std::string candidate_token(uint16_t port, const std::string& email, const std::string& name) {
  http(port, "POST", "/api/auth/register", json{{"email", email}, {"password", kTestPassword}, {"name", name}}.dump());
  return login_token(port, email);
}

std::string admin_token(const EngineProcess& engine, const std::string& email) {
  create_admin(engine, email);
  return login_token(engine.port(), email);
}

int64_t user_id(uint16_t port, const std::string& token) {
  auto me = http(port, "GET", "/api/me", "", token);
  REQUIRE_MESSAGE(me.status == 200, me.body);
  return me.json()["user"]["id"].get<int64_t>();
}

}  // namespace mockroom::testing
