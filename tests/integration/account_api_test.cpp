// Accounts over HTTP: the session cookie beside Bearer tokens, logout, onboarding
// (profile and walkthrough) and the history filters.
#include <doctest/doctest.h>

#include "harness.h"

using namespace mockroom::testing;
using nlohmann::json;

namespace {

constexpr std::string_view kPassword = "correct horse battery";

struct SignedIn {
  std::string token;
  std::string set_cookie;
};

SignedIn sign_in(uint16_t port, const std::string& email) {
  auto reg = http(port, "POST", "/api/auth/register",
                  json{{"email", email}, {"password", kPassword}, {"name", "Kim Lee"}}.dump());
  REQUIRE_MESSAGE(reg.status == 201, reg.body);
  auto login = http(port, "POST", "/api/auth/login", json{{"email", email}, {"password", kPassword}}.dump());
  REQUIRE_MESSAGE(login.status == 200, login.body);
  return {login.json()["token"].get<std::string>(), login.header("set-cookie")};
}

Headers cookie_for(const std::string& token) { return {{"Cookie", "mockroom_token=" + token}}; }

// One engine for the cases here: each signs up its own user.
EngineProcess& engine() {
  static EngineProcess process;
  return process;
}

}  // namespace

TEST_SUITE_BEGIN("account api");

TEST_CASE("Guessing one account's password is refused with 429 after ten failures, even the right one") {
  const std::string email = "guessed@example.com";
  sign_in(engine().port(), email);
  auto attempt = [&](std::string_view password) {
    return http(engine().port(), "POST", "/api/auth/login", json{{"email", email}, {"password", password}}.dump());
  };
  for (int i = 0; i < 10; ++i) CHECK(attempt("wrong password " + std::to_string(i)).status == 401);
  auto refused = attempt(kPassword);
  CHECK(refused.status == 429);
  CHECK(refused.json()["error"]["code"] == "too_many_requests");
  CHECK(refused.body.find("try again in 15 minutes") != std::string::npos);
  // Other accounts sign in as usual.
  sign_in(engine().port(), "bystander@example.com");
}

TEST_CASE("Logging in sets an HttpOnly SameSite session cookie holding the token") {
  auto who = sign_in(engine().port(), "cookie@example.com");
  CHECK(who.set_cookie.starts_with("mockroom_token=" + who.token + ";"));
  CHECK(who.set_cookie.find("HttpOnly") != std::string::npos);
  CHECK(who.set_cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(who.set_cookie.find("Path=/") != std::string::npos);
}

TEST_CASE("The session cookie authenticates like a Bearer token") {
  auto who = sign_in(engine().port(), "cookie-me@example.com");
  auto me = http(engine().port(), "GET", "/api/me", "", "", cookie_for(who.token));
  REQUIRE_MESSAGE(me.status == 200, me.body);
  CHECK(me.json()["user"]["email"] == "cookie-me@example.com");
}

TEST_CASE("A cookie-authenticated change from another site's page is refused") {
  auto who = sign_in(engine().port(), "csrf@example.com");
  Headers headers = cookie_for(who.token);
  headers.emplace_back("Origin", "http://evil.example");
  auto r = http(engine().port(), "POST", "/api/interviews", R"({"format":"behavioral"})", "", headers);
  CHECK(r.status == 403);
  CHECK(r.json()["error"]["code"] == "forbidden");
  // The same request from our own origin goes through.
  Headers own = cookie_for(who.token);
  own.emplace_back("Origin", "http://127.0.0.1:" + std::to_string(engine().port()));
  CHECK(http(engine().port(), "POST", "/api/interviews", R"({"format":"behavioral"})", "", own).status == 201);
}

TEST_CASE("The session cookie opens an interview's WebSocket from our own pages only") {
  auto who = sign_in(engine().port(), "socket-cookie@example.com");
  auto created = http(engine().port(), "POST", "/api/interviews", R"({"format":"behavioral"})", who.token);
  REQUIRE(created.status == 201);
  const std::string path = "/ws/interviews/" + created.json()["id"].get<std::string>();
  const std::string own = "http://127.0.0.1:" + std::to_string(engine().port());

  WsClient ours;
  REQUIRE(ours.connect(engine().port(), path, "", {{"Cookie", "mockroom_token=" + who.token}, {"Origin", own}}));
  CHECK(ours.recv()["type"] == "status");

  WsClient theirs;
  CHECK_FALSE(theirs.connect(engine().port(), path, "",
                             {{"Cookie", "mockroom_token=" + who.token}, {"Origin", "http://evil.example"}}));
  CHECK(theirs.connect_status == 403);
}

TEST_CASE("Logging out revokes the token and removes the cookie") {
  auto who = sign_in(engine().port(), "logout@example.com");
  auto out = http(engine().port(), "POST", "/api/auth/logout", "", who.token);
  REQUIRE_MESSAGE(out.status == 200, out.body);
  CHECK(out.header("set-cookie").starts_with("mockroom_token=;"));
  CHECK(out.header("set-cookie").find("Max-Age=0") != std::string::npos);
  CHECK(http(engine().port(), "GET", "/api/me", "", who.token).status == 401);
  CHECK(http(engine().port(), "GET", "/api/me", "", "", cookie_for(who.token)).status == 401);
}

TEST_CASE("Logging out leaves the user's other sign-ins working") {
  auto laptop = sign_in(engine().port(), "two-devices@example.com");
  auto phone = http(engine().port(), "POST", "/api/auth/login",
                    json{{"email", "two-devices@example.com"}, {"password", kPassword}}.dump());
  REQUIRE(phone.status == 200);
  REQUIRE(http(engine().port(), "POST", "/api/auth/logout", "", "", cookie_for(laptop.token)).status == 200);
  CHECK(http(engine().port(), "GET", "/api/me", "", phone.json()["token"].get<std::string>()).status == 200);
}

TEST_CASE("A new user's walkthrough is unseen; once skipped it stays seen at the step left") {
  auto who = sign_in(engine().port(), "walkthrough@example.com");
  auto before = http(engine().port(), "GET", "/api/me/profile", "", who.token);
  REQUIRE_MESSAGE(before.status == 200, before.body);
  CHECK(before.json()["walkthrough"]["seen"] == false);
  auto skip = http(engine().port(), "PUT", "/api/me/walkthrough", R"({"outcome":"skipped","step":2})", who.token);
  REQUIRE_MESSAGE(skip.status == 200, skip.body);
  // Seen from any device: a fresh login reads it from the server.
  auto again = http(engine().port(), "POST", "/api/auth/login",
                    json{{"email", "walkthrough@example.com"}, {"password", kPassword}}.dump());
  auto after = http(engine().port(), "GET", "/api/me/profile", "", again.json()["token"].get<std::string>());
  CHECK(after.json()["walkthrough"]["seen"] == true);
  CHECK(after.json()["walkthrough"]["outcome"] == "skipped");
  CHECK(after.json()["walkthrough"]["step"] == 2);
}

TEST_CASE("The onboarding profile is saved and read back, and a bad one is refused") {
  auto who = sign_in(engine().port(), "profile@example.com");
  json profile = {{"role", "Backend engineer"}, {"level", "senior"}, {"targetCompanies", {"Stripe"}},
                  {"weakAreas", {"System design"}}, {"interviewTimeline", "within_a_month"}};
  auto put = http(engine().port(), "PUT", "/api/me/profile", profile.dump(), who.token);
  REQUIRE_MESSAGE(put.status == 200, put.body);
  auto got = http(engine().port(), "GET", "/api/me/profile", "", who.token).json()["profile"];
  CHECK(got["role"] == "Backend engineer");
  CHECK(got["targetCompanies"] == json{"Stripe"});
  CHECK(got["updatedAt"].is_number());
  auto bad = http(engine().port(), "PUT", "/api/me/profile", R"({"level":"wizard"})", who.token);
  CHECK(bad.status == 400);
  CHECK(bad.json()["error"]["code"] == "invalid_argument");
  // The refused update lost nothing.
  CHECK(http(engine().port(), "GET", "/api/me/profile", "", who.token).json()["profile"]["level"] == "senior");
}

TEST_CASE("Onboarding needs a signed-in user") {
  CHECK(http(engine().port(), "GET", "/api/me/profile").status == 401);
  CHECK(http(engine().port(), "PUT", "/api/me/walkthrough", R"({"outcome":"skipped"})").status == 401);
}

TEST_CASE("History filters narrow the list, and an unknown filter is refused") {
  auto who = sign_in(engine().port(), "history@example.com");
  auto coding = http(engine().port(), "POST", "/api/interviews", R"({"format":"coding"})", who.token);
  REQUIRE_MESSAGE(coding.status == 201, coding.body);
  auto behavioral = http(engine().port(), "POST", "/api/interviews", R"({"format":"behavioral"})", who.token);
  REQUIRE(behavioral.status == 201);
  std::string id = behavioral.json()["id"];
  REQUIRE(http(engine().port(), "POST", "/api/interviews/" + id + "/pause", "", who.token).status == 200);

  auto paused = http(engine().port(), "GET", "/api/interviews?status=paused", "", who.token).json()["interviews"];
  REQUIRE(paused.size() == 1);
  CHECK(paused[0]["id"] == id);
  auto by_format = http(engine().port(), "GET", "/api/interviews?format=coding", "", who.token).json()["interviews"];
  REQUIRE(by_format.size() == 1);
  CHECK(by_format[0]["format"] == "coding");
  CHECK(http(engine().port(), "GET", "/api/interviews?minScore=1", "", who.token).json()["interviews"].empty());
  auto bad = http(engine().port(), "GET", "/api/interviews?sort=date", "", who.token);
  CHECK(bad.status == 400);
  CHECK(bad.json()["error"]["message"].get<std::string>().find("sort") != std::string::npos);
}

TEST_SUITE_END();
