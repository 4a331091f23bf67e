// Behaviour of the Beast front end (engine/http) that holds whatever the application does.
#include <doctest/doctest.h>

#include "harness.h"

using mockroom::testing::EngineProcess;
using mockroom::testing::http;
using mockroom::testing::raw_http;
using mockroom::testing::WsClient;

namespace {

constexpr std::size_t kBodyLimit = 1 << 20;  // ServerOptions::body_limit default

// One engine for every case here: none of them changes or depends on stored state.
EngineProcess& engine() {
  static EngineProcess process;
  return process;
}

}  // namespace

TEST_SUITE_BEGIN("http front end");

TEST_CASE("A request body over 1 MiB is refused with 413 and a JSON error") {
  auto result =
      http(engine().port(), "POST", "/api/auth/register", std::string(kBodyLimit + 1, 'x'));
  CHECK(result.status == 413);
  CHECK(result.header("connection") == "close");
  auto body = result.json();
  CHECK(body["error"]["code"] == "payload_too_large");
  CHECK(body["error"]["message"] == "Request body exceeds 1 MiB");
}

TEST_CASE("A malformed request line gets 400 and the connection is closed") {
  auto result = raw_http(engine().port(), "NOT A REQUEST LINE\r\n\r\n");
  CHECK(result.status == 400);
  CHECK(result.header("connection") == "close");
  CHECK(result.json()["error"]["code"] == "bad_request");
}

TEST_CASE("An unknown API path gets a JSON 404 with an error object") {
  auto result = http(engine().port(), "GET", "/api/no-such-route-exists");
  CHECK(result.status == 404);
  CHECK(result.header("content-type").starts_with("application/json"));
  auto body = result.json();
  REQUIRE(body["error"].is_object());
  CHECK(body["error"]["code"].is_string());
  CHECK(body["error"]["message"].is_string());
}

TEST_CASE("API responses carry the server name, nosniff and no-store headers") {
  auto result = http(engine().port(), "GET", "/api/no-such-route-exists");
  CHECK(result.header("server") == "mockroom");
  CHECK(result.header("x-content-type-options") == "nosniff");
  CHECK(result.header("cache-control") == "no-store");
}

TEST_CASE("A WebSocket upgrade without a token is refused with 401") {
  WsClient socket;
  CHECK_FALSE(socket.connect(engine().port(), "/ws/interviews/some-interview"));
  CHECK(socket.connect_status == 401);
  CHECK(nlohmann::json::parse(socket.connect_body)["error"].is_object());
}

TEST_SUITE_END();
