#include "accounts.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

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
  std::string dir = engine.data_dir().string();
  pid_t pid = fork();
  if (pid == 0) {
    int null_fd = open("/dev/null", O_WRONLY);
    if (null_fd >= 0) dup2(null_fd, STDOUT_FILENO);
    execl(MOCKROOM_BINARY, "mockroom", "admin", "create", "--email", email.c_str(), "--password", kTestPassword,
          "--data-dir", dir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  return login_token(engine.port(), email);
}

int64_t user_id(uint16_t port, const std::string& token) {
  auto me = http(port, "GET", "/api/me", "", token);
  REQUIRE_MESSAGE(me.status == 200, me.body);
  return me.json()["user"]["id"].get<int64_t>();
}

}  // namespace mockroom::testing
