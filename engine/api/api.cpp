#include "api/api.h"

#include <spdlog/spdlog.h>

#include "api/console_routes.h"

namespace mockroom::api {

using nlohmann::json;

namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// What a browser sees at "/" while no web client is configured (server.webDir).
HttpResponse landing_page() {
  HttpResponse r;
  r.content_type = "text/html; charset=utf-8";
  r.body = R"html(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mockroom</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem;color:#0b2545}
code{background:#eef4fb;padding:.1rem .3rem;border-radius:4px}a{color:#134074}</style></head>
<body><h1>Mockroom is running</h1>
<p>This engine serves mock interviews over a JSON API and a WebSocket. The browser client is not
installed on this server, so start with the API: register, log in, and create an interview.</p>
<ul><li><a href="/api/health">/api/health</a>: engine status and active providers</li>
<li><a href="/api/formats">/api/formats</a>: the interview formats and their setup options</li></ul>
<p>The README's <em>API</em> section lists every endpoint, with a <code>curl</code> walk-through.</p>
</body></html>
)html";
  return r;
}

}  // namespace

HttpResponse method_not_allowed(const std::string& allowed) {
  auto r = error_response({ErrorCode::kInvalidArgument, "method not allowed; use " + allowed});
  r.status = 405;
  r.headers.emplace_back("Allow", allowed);
  return r;
}


Api::Api(auth::AuthService& auth, session::SessionManager& sessions, const script::Catalog& catalog,
         const plugin::Registry& plugins, store::Store& store, package::PackageService& packages,
         session::CodeService& code, const report::ReportTemplates& templates,
         script::PromptOverrides& prompts, speech::AudioStore& audio, const speech::VoiceOptions& voice,
         ConsoleServices& console)
    : auth_(auth), sessions_(sessions), catalog_(catalog), plugins_(plugins), store_(store),
      packages_(packages), code_(code), templates_(templates), prompts_(prompts), audio_(audio),
      voice_options_(voice), console_(console) {}

HttpResponse Api::handle(const HttpRequest& request) {
  try {
    return route(request);
  } catch (const std::exception& e) {
    return error_response(internal(std::string("unexpected error: ") + e.what()));
  }
}

json Api::formats_json() const {
  json out = json::array();
  for (const auto* f : catalog_.formats()) {
    const json& m = f->meta;
    out.push_back({{"id", m["id"]},
                   {"title", m["title"]},
                   {"kind", m["kind"]},
                   {"description", m.value("description", "")},
                   {"minutes", m.value("minutes", json(nullptr))},
                   {"version", f->record.version},
                   {"options", m.value("options", json::object())}});
  }
  return {{"formats", out}};
}

HttpResponse Api::route(const HttpRequest& req) {
  const auto parts = split_path(req.path);
  if (parts.empty() && (req.method == "GET" || req.method == "HEAD")) return landing_page();
  if (!parts.empty() && parts[0] == "admin") {  // the console's files are served before this, once built
    return error_response(unavailable("the admin console is not built on this server: run scripts/build "
                                      "(it builds admin/ with npm) or set adminDir"));
  }
  if (parts.empty() || parts[0] != "api") {
    return error_response(not_found("no such endpoint: " + req.path));
  }
  const std::string area = parts.size() > 1 ? parts[1] : "";

  if (area == "health" && parts.size() == 2) {
    if (req.method != "GET") return method_not_allowed("GET");
    json providers = json::object();
    for (const auto& p : plugins_.list()) {
      if (p.active) providers[p.kind] = p.name;
    }
    return json_response(200, {{"status", "ok"}, {"version", MOCKROOM_VERSION},
                               {"formats", catalog_.formats().size()}, {"providers", providers}});
  }
  if (area == "auth" && parts.size() == 3 &&
      (parts[2] == "register" || parts[2] == "login" || parts[2] == "logout")) {
    return account_auth(req, parts[2]);
  }
  if (area == "formats" && parts.size() == 2) {
    if (req.method != "GET") return method_not_allowed("GET");
    return json_response(200, formats_json());
  }

  auto user = caller(req);
  if (auto billing = route_billing(req, parts, user, console_)) return std::move(*billing);
  if (area == "me" && parts.size() == 2) {
    if (!user.ok()) return error_response(user.error());
    if (req.method != "GET") return method_not_allowed("GET");
    return json_response(200, {{"user", user_json(*user)}});
  }
  if (area == "me" && parts.size() == 3 && (parts[2] == "profile" || parts[2] == "walkthrough")) {
    if (!user.ok()) return error_response(user.error());
    return onboarding(req, *user, parts[2]);
  }
  if (area == "me") {
    if (!user.ok()) return error_response(user.error());
    return me(req, *user, parts);
  }
  if (area == "questions" && parts.size() == 2) {
    if (!user.ok()) return error_response(user.error());
    return questions(req, *user);
  }
  if (area == "packages") {
    if (!user.ok()) return error_response(user.error());
    return packages(req, *user, parts);
  }
  if (area == "admin") {
    if (!user.ok()) return error_response(user.error());
    return admin(req, *user, parts);
  }
  if (area == "interviews") {
    if (!user.ok()) return error_response(user.error());
    return interviews(req, *user, parts);
  }
  if (area == "progress" && parts.size() == 2) {
    if (!user.ok()) return error_response(user.error());
    return progress(req, *user);
  }
  return error_response(not_found("no such endpoint: " + req.path));
}

HttpResponse Api::interviews(const HttpRequest& req, const store::User& user,
                             const std::vector<std::string>& parts) {
  if (parts.size() == 2) {
    if (req.method == "GET") return history(req, user);
    if (req.method != "POST") return method_not_allowed("GET, POST");
    auto body = parse_body(req.body);
    if (!body.ok()) return error_response(body.error());
    std::string format = "behavioral";
    if (body->contains("format")) {
      auto f = string_field(*body, "format");
      if (!f.ok()) return error_response(f.error());
      format = *f;
    }
    return start_interview(user, format, *body, console_);
  }
  const std::string& id = parts[2];
  if (parts.size() == 3) {
    if (req.method != "GET") return method_not_allowed("GET");
    return respond(sessions_.view(user.id, id));
  }
  if (parts.size() == 5 && parts[3] == "code") return code(req, user, id, parts[4]);
  if (parts.size() == 5 && parts[3] == "report" && parts[4] == "export") return export_report(req, user, id);
  if (parts.size() == 5 && parts[3] == "audio") return answer_audio(req, user, id, parts[4]);
  if (parts.size() != 4) return error_response(not_found("no such endpoint: " + req.path));
  const std::string& action = parts[3];
  if (action == "report") {
    if (req.method != "GET") return method_not_allowed("GET");
    auto report = sessions_.report(user.id, id);
    if (!report.ok()) return error_response(report.error());
    return json_response(200, visible_report(id, std::move(report.value()), console_));
  }
  if (action == "rating") return rating(req, user, id);
  if (action == "share") return share_interview(req, user, id, console_);
  if (action != "answer" && action != "pause" && action != "resume" && action != "end" &&
      action != "redo") {
    return error_response(not_found("no such endpoint: " + req.path));
  }
  if (req.method != "POST") return method_not_allowed("POST");
  if (action == "answer") {
    auto body = parse_body(req.body);
    if (!body.ok()) return error_response(body.error());
    auto qid = string_field(*body, "questionId");
    if (!qid.ok()) return error_response(qid.error());
    auto text = string_field(*body, "answer", /*allow_empty=*/true);
    if (!text.ok()) return error_response(text.error());
    return respond(sessions_.answer(user.id, id, *qid, *text, optional_code(*body)));
  }
  if (action == "redo") {  // spaced repetition: ask this question again in N days
    auto body = parse_body(req.body);
    if (!body.ok()) return error_response(body.error());
    auto qid = string_field(*body, "questionId");
    if (!qid.ok()) return error_response(qid.error());
    int days = session::kDefaultRedoDays;
    if (body->contains("days")) {
      if (!(*body)["days"].is_number_integer()) return error_response(invalid("'days' must be a whole number"));
      days = (*body)["days"].get<int>();
    }
    return respond(sessions_.schedule_redo(user.id, id, *qid, days));
  }
  if (action == "pause") return respond(sessions_.pause(user.id, id));
  if (action == "resume") return respond(sessions_.resume(user.id, id));
  return respond(sessions_.end(user.id, id));
}

}  // namespace mockroom::api
