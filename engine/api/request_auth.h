// How a request says who sent it: an `Authorization: Bearer` token (API clients), the
// HttpOnly session cookie the web client gets at login, or `?token=` on a WebSocket
// upgrade. Also the cookie headers themselves and the cross-site check that guards
// cookie-authenticated requests. Pure functions over the request; any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api/http_types.h"

namespace mockroom::api {

// The cookie that carries a login token for the browser: HttpOnly (scripts never see it),
// SameSite=Strict (other sites' pages never send it), Path=/ (also sent on /ws upgrades).
inline constexpr std::string_view kTokenCookie = "mockroom_token";

enum class TokenSource { kNone, kBearer, kCookie, kQuery };
enum class QueryToken { kIgnored, kAccepted };  // only WebSocket upgrades take ?token=

struct RequestToken {
  std::string value;
  TokenSource source = TokenSource::kNone;
};

// The request's token, looked for in this order: Authorization: Bearer, then ?token=
// (when accepted), then the cookie. An empty value with kNone when there is none.
RequestToken request_token(const HttpRequest& request, QueryToken query);

// The value of cookie `name` in a Cookie header ("a=1; b=2"), or nullopt.
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

// True when the request carries an Origin header naming another host than the one it was
// sent to (Host, or X-Forwarded-Host behind a proxy). Browsers send Origin on every
// cross-origin request and on WebSocket upgrades, so a cookie-authenticated request that
// changes something and fails this check came from another site's page.
bool cross_site(const HttpRequest& request);

enum class CookieSecurity { kPlain, kSecure };
// kSecure when the request reached us over HTTPS through a proxy (X-Forwarded-Proto).
CookieSecurity cookie_security(const HttpRequest& request);

// Set-Cookie values: the login token for `max_age_seconds`, and one that removes it.
std::string token_cookie(std::string_view token, int64_t max_age_seconds, CookieSecurity security);
std::string cleared_token_cookie(CookieSecurity security);

}  // namespace mockroom::api
