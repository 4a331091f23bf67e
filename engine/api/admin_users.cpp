// Accounts, roles, the audit log and candidates' shared sessions (admins):
//   GET /api/admin/users?q=&role=&limit=&offset=   -> {users, total}
//   PUT /api/admin/users/:id/role {role}           -> {user}; never the last admin away
//   GET /api/admin/audit?actor=&action=&target=&since=&until=&before=&limit= -> {entries, nextBefore}
//   GET /api/admin/sessions/shared?limit=&offset=  -> {sessions}
//   GET /api/admin/sessions/:id                    -> a shared session (404 unless shared)
// and the candidate's side of sharing:
//   GET/POST/DELETE /api/interviews/:id/share      -> {shared, sharedAt}
#include "api/admin_router.h"
#include "api/console_routes.h"

namespace mockroom::api {

using nlohmann::json;

namespace {

json user_row(const store::User& u) {
  return {{"id", u.id}, {"email", u.email}, {"name", u.name}, {"role", store::role_name(u.role)},
          {"createdAt", u.created_at}};
}

HttpResponse list_users(const AdminRequest& r) {
  store::UserQuery q;
  q.text = query_param(r.http, "q");
  if (q.text.size() > 200) return error_response(invalid("'q' is limited to 200 characters"));
  if (std::string role = query_param(r.http, "role"); !role.empty()) {
    q.role = store::parse_role(role);
    if (!q.role) return error_response(invalid("'role' must be candidate, coach, operator or admin"));
  }
  auto limit = query_int(r.http, "limit", 50, 1, store::kMaxUserPage);
  auto offset = query_int(r.http, "offset", 0, 0, 1'000'000'000);
  if (!limit.ok()) return error_response(limit.error());
  if (!offset.ok()) return error_response(offset.error());
  q.limit = static_cast<int>(*limit);
  q.offset = static_cast<int>(*offset);
  auto page = r.services.store.admin().list_users(q);
  if (!page.ok()) return error_response(page.error());
  json users = json::array();
  for (const auto& u : page->users) users.push_back(user_row(u));
  return json_response(200, {{"users", users}, {"total", page->total}});
}

HttpResponse set_role(const AdminRequest& r) {
  auto id = id_param(r.params[0], "user");
  if (!id.ok()) return error_response(id.error());
  auto body = parse_body(r.http.body);
  if (!body.ok()) return error_response(body.error());
  auto name = string_field(*body, "role");
  if (!name.ok()) return error_response(name.error());
  auto role = store::parse_role(*name);
  if (!role) return error_response(invalid("'role' must be candidate, coach, operator or admin"));
  auto before = r.services.store.find_user(*id);
  if (!before.ok()) return error_response(before.error().code == ErrorCode::kNotFound ? not_found("no user " + r.params[0]) : before.error());
  if (auto st = r.services.store.admin().change_role(*id, *role); !st.ok()) return error_response(st.error());
  (void)r.services.audit.record(r.user, "user.role", "user:" + std::to_string(*id),
                                {{"email", before->email}, {"from", store::role_name(before->role)}, {"to", *name}});
  auto after = r.services.store.find_user(*id);
  if (!after.ok()) return error_response(after.error());
  return json_response(200, {{"user", user_row(*after)}});
}

HttpResponse list_audit(const AdminRequest& r) {
  store::AuditQuery q;
  auto actor = query_int(r.http, "actor", 0, 0, INT64_MAX);
  auto since = query_int(r.http, "since", 0, 0, INT64_MAX);
  auto until = query_int(r.http, "until", 0, 0, INT64_MAX);
  auto before = query_int(r.http, "before", 0, 0, INT64_MAX);
  auto limit = query_int(r.http, "limit", 100, 1, store::kMaxAuditPage);
  for (const auto* v : {&actor, &since, &until, &before, &limit}) {
    if (!v->ok()) return error_response(v->error());
  }
  q.actor_id = *actor;
  q.since_ms = *since;
  q.until_ms = *until;
  q.before_id = *before;
  q.limit = static_cast<int>(*limit);
  q.action_prefix = query_param(r.http, "action");
  q.target = query_param(r.http, "target");
  return respond(r.services.audit.list(q));
}

// A shared session as the admins see it: the candidate, the interview and its report.
Result<json> shared_session_json(ConsoleServices& s, const store::SessionShare& share, bool full) {
  auto session = s.store.find_session(share.session_id);
  if (!session.ok()) return session.error();
  auto owner = s.store.find_user(share.user_id);
  if (!owner.ok()) return owner.error();
  const auto* format = s.catalog.format(session->format_id);
  json out = {{"id", session->id},
              {"candidate", {{"id", owner->id}, {"name", owner->name}, {"email", owner->email}}},
              {"format", session->format_id},
              {"formatTitle", format ? format->meta.value("title", session->format_id) : session->format_id},
              {"status", session->status},
              {"summary", json::parse(session->summary_json, nullptr, false)},
              {"createdAt", session->created_at},
              {"sharedAt", share.shared_at}};
  if (!full) return out;
  auto view = s.sessions.view(share.user_id, share.session_id);
  if (!view.ok()) return view.error();
  out["interview"] = *view;
  auto report = s.sessions.report(share.user_id, share.session_id);
  out["report"] = report.ok() ? *report : json(nullptr);
  return out;
}

HttpResponse list_shared(const AdminRequest& r) {
  auto limit = query_int(r.http, "limit", 50, 1, store::kMaxUserPage);
  auto offset = query_int(r.http, "offset", 0, 0, 1'000'000'000);
  if (!limit.ok()) return error_response(limit.error());
  if (!offset.ok()) return error_response(offset.error());
  auto shares = r.services.store.admin().list_shares(static_cast<int>(*limit), static_cast<int>(*offset));
  if (!shares.ok()) return error_response(shares.error());
  json out = json::array();
  for (const auto& share : *shares) {
    auto row = shared_session_json(r.services, share, false);
    if (row.ok()) out.push_back(*row);
  }
  return json_response(200, {{"sessions", out}});
}

HttpResponse view_shared(const AdminRequest& r) {
  auto share = r.services.store.admin().find_share(r.params[0]);
  if (!share.ok()) return error_response(share.error());
  // Not shared looks exactly like not there: admins learn nothing of private sessions.
  if (!*share) return error_response(not_found("no shared interview " + r.params[0]));
  return respond(shared_session_json(r.services, **share, true));
}

constexpr AdminRoute kRoutes[] = {
    {"GET", "users", Access::kAdmin, list_users, "the users page"},
    {"PUT", "users/:id/role", Access::kAdmin, set_role, "granting roles"},
    {"GET", "audit", Access::kAdmin, list_audit, "the audit log"},
    {"GET", "sessions/shared", Access::kAdmin, list_shared, "shared sessions"},
    {"GET", "sessions/:id", Access::kAdmin, view_shared, "shared sessions"},
};

}  // namespace

std::span<const AdminRoute> user_routes() { return kRoutes; }

HttpResponse share_interview(const HttpRequest& req, const store::User& user, const std::string& id,
                             ConsoleServices& services) {
  auto session = services.store.find_session(id);
  if (!session.ok() || session->user_id != user.id) return error_response(not_found("interview not found"));
  auto& admin = services.store.admin();
  if (req.method == "POST") {
    if (auto st = admin.share_session({id, user.id, services.now_ms()}); !st.ok()) return error_response(st.error());
  } else if (req.method == "DELETE") {
    if (auto st = admin.unshare_session(id); !st.ok()) return error_response(st.error());
  } else if (req.method != "GET") {
    return method_not_allowed("GET, POST, DELETE");
  }
  auto share = admin.find_share(id);
  if (!share.ok()) return error_response(share.error());
  return json_response(200, {{"id", id}, {"shared", share->has_value()},
                             {"sharedAt", *share ? json((*share)->shared_at) : json(nullptr)}});
}

}  // namespace mockroom::api
