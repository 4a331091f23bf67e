#include "api/request_auth.h"

#include <algorithm>
#include <cctype>

namespace mockroom::api {

namespace {

constexpr std::string_view kBearerPrefix = "Bearer ";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "https://Example.com:8443/x" -> "example.com:8443"; "" when it is not a URL origin.
std::string origin_authority(std::string_view origin) {
  auto scheme_end = origin.find("://");
  if (scheme_end == std::string_view::npos) return {};
  std::string_view rest = origin.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find('/'));
  return lower(rest);
}

// The first of a comma-separated list (proxies append).
std::string_view first_listed(std::string_view value) { return trim(value.substr(0, value.find(','))); }

std::string cookie_attributes(int64_t max_age_seconds, CookieSecurity security) {
  std::string out = "; Path=/; Max-Age=" + std::to_string(max_age_seconds) + "; HttpOnly; SameSite=Strict";
  if (security == CookieSecurity::kSecure) out += "; Secure";
  return out;
}

}  // namespace

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    auto semi = header.find(';');
    std::string_view pair = trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos || trim(pair.substr(0, eq)) != name) continue;
    std::string_view value = trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return std::string(value);
  }
  return std::nullopt;
}

RequestToken request_token(const HttpRequest& request, QueryToken query) {
  std::string header = request.header("authorization");
  if (header.rfind(kBearerPrefix, 0) == 0) {
    return {header.substr(kBearerPrefix.size()), TokenSource::kBearer};
  }
  if (query == QueryToken::kAccepted) {
    auto it = request.query.find("token");
    if (it != request.query.end() && !it->second.empty()) return {it->second, TokenSource::kQuery};
  }
  if (auto cookie = cookie_value(request.header("cookie"), kTokenCookie); cookie && !cookie->empty()) {
    return {*cookie, TokenSource::kCookie};
  }
  return {};
}

bool cross_site(const HttpRequest& request) {
  std::string origin = request.header("origin");
  if (origin.empty()) return false;
  std::string host = request.header("x-forwarded-host");
  if (host.empty()) host = request.header("host");
  std::string authority = origin_authority(origin);
  return authority.empty() || authority != lower(first_listed(host));
}

CookieSecurity cookie_security(const HttpRequest& request) {
  return lower(first_listed(request.header("x-forwarded-proto"))) == "https" ? CookieSecurity::kSecure
                                                                             : CookieSecurity::kPlain;
}

std::string token_cookie(std::string_view token, int64_t max_age_seconds, CookieSecurity security) {
  return std::string(kTokenCookie) + "=" + std::string(token) + cookie_attributes(max_age_seconds, security);
}

std::string cleared_token_cookie(CookieSecurity security) {
  return std::string(kTokenCookie) + "=" + cookie_attributes(0, security);
}

}  // namespace mockroom::api
