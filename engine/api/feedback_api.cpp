// What a candidate does with a finished interview, and across interviews:
//   POST/GET /api/interviews/:id/rating                 rate the session 1-5, once
//   GET      /api/interviews/:id/report/export?format=   the report as Markdown or HTML
//   GET      /api/progress                               score trends and breakdowns
//   POST     /api/admin/scoring/evaluate                 a rubric tried on a sample answer
#include <chrono>

#include "analytics/progress.h"
#include "analytics/rating.h"
#include "api/api.h"
#include "report/evaluate.h"

namespace mockroom::api {

namespace {

int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

HttpResponse Api::rating(const HttpRequest& req, const store::User& user, const std::string& id) {
  if (req.method == "GET") return respond(analytics::session_rating(store_, user.id, id));
  if (req.method != "POST") return method_not_allowed("GET, POST");
  auto body = parse_body(req.body);
  if (!body.ok()) return error_response(body.error());
  return respond(analytics::rate_session(store_, plugins_, user.id, id, *body, unix_ms()), 201);
}

HttpResponse Api::progress(const HttpRequest& req, const store::User& user) {
  if (req.method != "GET") return method_not_allowed("GET");
  if (auto st = console_.billing.require_growth_tracking(user); !st.ok()) return error_response(st.error());
  return respond(analytics::user_progress(store_, catalog_, user.id));
}

HttpResponse Api::export_report(const HttpRequest& req, const store::User& user, const std::string& id) {
  if (req.method != "GET") return method_not_allowed("GET");
  auto format = report::parse_export_format(req.query.count("format") ? req.query.at("format") : "");
  if (!format.ok()) return error_response(format.error());
  // The report first: it answers 404 for another's interview and 409 before the end, and
  // makes the report if the background scorer has not yet.
  auto report = sessions_.report(user.id, id);
  if (!report.ok()) return error_response(report.error());
  if (console_.billing.report_level(id) == billing::ReportLevel::kBasic) {
    return error_response({ErrorCode::kPaymentRequired,
                           "exporting comes with the full report: Premium or a mock interview credit"});
  }
  auto session = store_.find_session(id);
  if (!session.ok()) return error_response(session.error());
  const auto* entry = catalog_.format(session->format_id);
  report::ExportMeta meta;
  meta.session_id = session->id;
  meta.format_id = session->format_id;
  meta.format_title = entry ? entry->meta.value("title", session->format_id) : session->format_id;
  meta.status = session->status;
  meta.candidate_name = user.name;
  meta.created_at_ms = session->created_at;
  meta.setup = nlohmann::json::parse(session->setup_json, nullptr, false);
  auto exported = templates_.render(*format, *report, meta);
  if (!exported.ok()) return error_response(exported.error());
  HttpResponse r;
  r.content_type = exported->content_type;
  r.body = std::move(exported->body);
  // The page opens in the browser (to read or print); the Markdown file downloads.
  const char* disposition = *format == report::ExportFormat::kHtml ? "inline" : "attachment";
  r.headers.emplace_back("Content-Disposition",
                         std::string(disposition) + "; filename=\"" + exported->filename + "\"");
  return r;
}

HttpResponse Api::evaluate(const HttpRequest& req, const store::User& user) {
  if (user.role != store::Role::kCoach && user.role != store::Role::kAdmin) {
    return error_response({ErrorCode::kForbidden, "trying a rubric needs the coach or admin role"});
  }
  if (req.method != "POST") return method_not_allowed("POST");
  auto body = parse_body(req.body);
  if (!body.ok()) return error_response(body.error());
  return respond(report::evaluate_answer(plugins_, catalog_, *body));
}

}  // namespace mockroom::api
