// Accounts and onboarding:
//   POST     /api/auth/register            {email, password, name}
//   POST     /api/auth/login               {email, password} -> {token, user} + the session cookie
//   POST     /api/auth/logout              revokes the caller's token, removes the cookie
//   GET/PUT  /api/me/profile               the onboarding profile and walkthrough state
//   PUT      /api/me/walkthrough           {outcome, step}: the walkthrough was seen
// and how any request is tied to its caller (Bearer token or session cookie).
#include <chrono>

#include "api/api.h"
#include "api/request_auth.h"
#include "auth/onboarding.h"

namespace mockroom::api {

using nlohmann::json;

namespace {

constexpr int64_t kSecondsPerDay = 86400;

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

bool changes_state(const std::string& method) { return method != "GET" && method != "HEAD"; }

const Error kCrossSite{ErrorCode::kForbidden,
                       "cross-site request refused: the session cookie only works from Mockroom's own pages"};

}  // namespace

json user_json(const store::User& u) {
  return {{"id", u.id}, {"email", u.email}, {"name", u.name}, {"role", store::role_name(u.role)},
          {"createdAt", u.created_at}};
}

Result<store::User> Api::caller(const HttpRequest& request) {
  RequestToken token = request_token(request, QueryToken::kIgnored);
  if (token.source == TokenSource::kCookie && changes_state(request.method) && cross_site(request)) {
    return kCrossSite;
  }
  return auth_.authenticate(token.value);
}

Result<store::User> Api::socket_caller(const HttpRequest& upgrade) {
  RequestToken token = request_token(upgrade, QueryToken::kAccepted);
  // A page of another site may open a WebSocket to us, and the browser would send the
  // cookie along (cross-site WebSocket hijacking): only our own pages may use it.
  if (token.source == TokenSource::kCookie && cross_site(upgrade)) return kCrossSite;
  return auth_.authenticate(token.value);
}

HttpResponse Api::account_auth(const HttpRequest& req, const std::string& action) {
  if (req.method != "POST") return method_not_allowed("POST");
  if (action == "logout") {
    RequestToken token = request_token(req, QueryToken::kIgnored);
    if (token.source == TokenSource::kCookie && cross_site(req)) return error_response(kCrossSite);
    if (auto st = auth_.logout(token.value); !st.ok()) return error_response(st.error());
    auto r = json_response(200, {{"loggedOut", true}});
    r.headers.emplace_back("Set-Cookie", cleared_token_cookie(cookie_security(req)));
    return r;
  }
  auto body = parse_body(req.body);
  if (!body.ok()) return error_response(body.error());
  auto email = string_field(*body, "email");
  if (!email.ok()) return error_response(email.error());
  auto password = string_field(*body, "password");
  if (!password.ok()) return error_response(password.error());
  if (action == "register") {
    auto name = string_field(*body, "name");
    if (!name.ok()) return error_response(name.error());
    auto user = auth_.register_user(*email, *password, *name);
    if (!user.ok()) return error_response(user.error());
    return json_response(201, {{"user", user_json(*user)}});
  }
  auto token = auth_.login(*email, *password);
  if (!token.ok()) return error_response(token.error());
  auto user = auth_.authenticate(*token);
  if (!user.ok()) return error_response(user.error());
  auto r = json_response(200, {{"token", *token}, {"user", user_json(*user)}});
  r.headers.emplace_back("Set-Cookie", token_cookie(*token, int64_t{auth_.token_ttl_days()} * kSecondsPerDay,
                                                    cookie_security(req)));
  return r;
}

HttpResponse Api::onboarding(const HttpRequest& req, const store::User& user, const std::string& what) {
  if (what == "profile") {
    if (req.method == "PUT") {
      auto body = parse_body(req.body);
      if (!body.ok()) return error_response(body.error());
      auto profile = auth::parse_profile(*body);
      if (!profile.ok()) return error_response(profile.error());
      if (auto st = store_.save_profile(user.id, profile->dump(), now_seconds()); !st.ok()) {
        return error_response(st.error());
      }
    } else if (req.method != "GET") {
      return method_not_allowed("GET, PUT");
    }
  } else {  // walkthrough
    if (req.method != "PUT") return method_not_allowed("PUT");
    auto body = parse_body(req.body);
    if (!body.ok()) return error_response(body.error());
    auto update = auth::parse_walkthrough(*body);
    if (!update.ok()) return error_response(update.error());
    if (auto st = store_.save_walkthrough(user.id, update->outcome, update->step, now_seconds()); !st.ok()) {
      return error_response(st.error());
    }
  }
  auto account = store_.find_account_profile(user.id);
  if (!account.ok()) return error_response(account.error());
  return json_response(200, auth::onboarding_json(*account));
}

}  // namespace mockroom::api
