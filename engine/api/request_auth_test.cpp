// Which token a request carries, the session cookie's headers and the cross-site check.
#include <doctest/doctest.h>

#include "api/request_auth.h"

using namespace mockroom::api;

namespace {

HttpRequest request_with(std::map<std::string, std::string> headers,
                         std::map<std::string, std::string> query = {}) {
  HttpRequest r;
  r.method = "POST";
  r.path = "/api/interviews";
  r.headers = std::move(headers);
  r.query = std::move(query);
  return r;
}

}  // namespace

TEST_SUITE_BEGIN("request auth");

TEST_CASE("A Bearer header wins over the cookie") {
  auto t = request_token(request_with({{"authorization", "Bearer abc"}, {"cookie", "mockroom_token=def"}}),
                         QueryToken::kIgnored);
  CHECK(t.value == "abc");
  CHECK(t.source == TokenSource::kBearer);
}

TEST_CASE("The session cookie is found among other cookies") {
  auto t = request_token(request_with({{"cookie", "theme=dark; mockroom_token=def ; lang=en"}}),
                         QueryToken::kIgnored);
  CHECK(t.value == "def");
  CHECK(t.source == TokenSource::kCookie);
}

TEST_CASE("A query token counts only where it is accepted") {
  auto r = request_with({}, {{"token", "q1"}});
  CHECK(request_token(r, QueryToken::kIgnored).source == TokenSource::kNone);
  auto t = request_token(r, QueryToken::kAccepted);
  CHECK(t.value == "q1");
  CHECK(t.source == TokenSource::kQuery);
}

TEST_CASE("A cookie whose name only ends like the session cookie's is not it") {
  CHECK_FALSE(cookie_value("not_mockroom_token=x", kTokenCookie).has_value());
  CHECK(cookie_value("a=1;mockroom_token=\"quoted\"", kTokenCookie) == "quoted");
}

TEST_CASE("A request from our own origin, or with no Origin, is not cross-site") {
  CHECK_FALSE(cross_site(request_with({{"host", "127.0.0.1:8081"}, {"origin", "http://127.0.0.1:8081"}})));
  CHECK_FALSE(cross_site(request_with({{"host", "Mock.Example.com"}, {"origin", "https://mock.example.com"}})));
  CHECK_FALSE(cross_site(request_with({{"host", "127.0.0.1:8081"}})));
}

TEST_CASE("A request whose Origin names another host or port is cross-site") {
  CHECK(cross_site(request_with({{"host", "127.0.0.1:8081"}, {"origin", "http://evil.example"}})));
  CHECK(cross_site(request_with({{"host", "127.0.0.1:8081"}, {"origin", "http://127.0.0.1:9999"}})));
  CHECK(cross_site(request_with({{"host", "127.0.0.1:8081"}, {"origin", "null"}})));
}

TEST_CASE("Behind a proxy the forwarded host is the one the browser saw") {
  CHECK_FALSE(cross_site(request_with({{"host", "127.0.0.1:8081"},
                                       {"x-forwarded-host", "mock.example.com"},
                                       {"origin", "https://mock.example.com"}})));
}

TEST_CASE("The session cookie is HttpOnly and SameSite=Strict, and Secure behind HTTPS") {
  std::string plain = token_cookie("abc", 60, CookieSecurity::kPlain);
  CHECK(plain == "mockroom_token=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Strict");
  CHECK(cookie_security(request_with({{"x-forwarded-proto", "https"}})) == CookieSecurity::kSecure);
  CHECK(cookie_security(request_with({})) == CookieSecurity::kPlain);
  CHECK(token_cookie("abc", 60, CookieSecurity::kSecure).ends_with("; Secure"));
}

TEST_CASE("The cookie that logs out is empty and expires at once") {
  CHECK(cleared_token_cookie(CookieSecurity::kPlain) == "mockroom_token=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
}

TEST_SUITE_END();
