// Coaches' authoring (coach or admin):
//   GET  /api/admin/questions?q=&kind=&bank=&tag=&difficulty=&level=&origin=&status=&limit=&offset=
//   GET  /api/admin/questions/:id                 the whole entry, hidden tests included
//   POST /api/admin/questions                     {bank, question} -> 201
//   PUT  /api/admin/questions/:id                 {bank?, question}
//   POST /api/admin/questions/:id/retire, /restore
//   POST /api/admin/questions/import              {format, content, bank?, commit?, skipInvalid?}
//   GET  /api/admin/questions/export?format=json|csv&...filters
//   GET  /api/admin/rubrics, GET/PUT /api/admin/rubrics/:id {rubric}
//   GET  /api/admin/formats, GET /api/admin/formats/:id, POST /api/admin/formats {id, source}
//   POST /api/admin/formats/validate {source}, /rehearse {source, answers, setup?}
#include "api/admin_router.h"

namespace mockroom::api {

using nlohmann::json;

namespace {

Result<store::BankQuery> bank_query(const HttpRequest& req) {
  store::BankQuery q;
  q.text = query_param(req, "q");
  if (q.text.size() > 200) return invalid("'q' is limited to 200 characters");
  q.kind = query_param(req, "kind");
  q.bank = query_param(req, "bank");
  q.tag = query_param(req, "tag");
  q.difficulty = query_param(req, "difficulty");
  q.level = query_param(req, "level");
  q.origin = query_param(req, "origin");
  std::string status = query_param(req, "status");
  if (status == "retired") q.retired = store::RetiredFilter::kRetired;
  else if (status == "all") q.retired = store::RetiredFilter::kAll;
  else if (!status.empty() && status != "active") return invalid("'status' must be active, retired or all");
  auto limit = query_int(req, "limit", 50, 1, store::kMaxBankPage);
  auto offset = query_int(req, "offset", 0, 0, 1'000'000);
  if (!limit.ok()) return limit.error();
  if (!offset.ok()) return offset.error();
  q.limit = static_cast<int>(*limit);
  q.offset = static_cast<int>(*offset);
  return q;
}

// Runs a change, audits it with the question's id, and answers `status`.
template <typename F>
HttpResponse audited(const AdminRequest& r, const char* action, int status, F&& change) {
  Result<json> done = change();
  if (!done.ok()) return error_response(done.error());
  json detail = {{"bank", done->value("bank", "")}};
  if (done->contains("question")) detail["question"] = (*done)["question"];
  (void)r.services.audit.record(r.user, action, "question:" + done->value("id", ""), detail);
  return json_response(status, *done);
}

HttpResponse list_questions(const AdminRequest& r) {
  auto q = bank_query(r.http);
  if (!q.ok()) return error_response(q.error());
  return respond(r.services.questions.list(*q));
}

HttpResponse get_question(const AdminRequest& r) { return respond(r.services.questions.get(r.params[0])); }

HttpResponse create_question(const AdminRequest& r) {
  auto body = parse_body(r.http.body);
  if (!body.ok()) return error_response(body.error());
  return audited(r, "question.create", 201, [&] { return r.services.questions.create(*body, r.user.id, r.services.now_ms()); });
}

HttpResponse update_question(const AdminRequest& r) {
  auto body = parse_body(r.http.body);
  if (!body.ok()) return error_response(body.error());
  return audited(r, "question.update", 200,
                 [&] { return r.services.questions.update(r.params[0], *body, r.user.id, r.services.now_ms()); });
}

HttpResponse retire_question(const AdminRequest& r) {
  return audited(r, "question.retire", 200,
                 [&] { return r.services.questions.set_retired(r.params[0], true, r.user.id, r.services.now_ms()); });
}

HttpResponse restore_question(const AdminRequest& r) {
  return audited(r, "question.restore", 200,
                 [&] { return r.services.questions.set_retired(r.params[0], false, r.user.id, r.services.now_ms()); });
}

HttpResponse import_questions(const AdminRequest& r) {
  auto body = parse_body(r.http.body);
  if (!body.ok()) return error_response(body.error());
  auto result = r.services.questions.import(*body, r.user.id, r.services.now_ms());
  if (!result.ok()) return error_response(result.error());
  if ((*result)["committed"].get<bool>()) {
    json ids = json::array();
    for (const auto& row : (*result)["rows"]) {
      if (row["action"] != "invalid") ids.push_back(row["id"]);
    }
    (void)r.services.audit.record(r.user, "question.import", "questions",
                                  {{"format", body->value("format", "")}, {"counts", (*result)["counts"]}, {"ids", ids}});
  }
  return json_response(200, *result);
}

HttpResponse export_questions(const AdminRequest& r) {
  auto q = bank_query(r.http);
  if (!q.ok()) return error_response(q.error());
  std::string format = query_param(r.http, "format");
  auto file = r.services.questions.export_bank(format.empty() ? "json" : format, *q);
  if (!file.ok()) return error_response(file.error());
  HttpResponse out;
  out.content_type = file->content_type;
  out.body = std::move(file->body);
  out.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file->filename + "\"");
  return out;
}

HttpResponse list_rubrics(const AdminRequest& r) { return respond(r.services.rubrics.list()); }
HttpResponse get_rubric(const AdminRequest& r) { return respond(r.services.rubrics.get(r.params[0])); }

HttpResponse save_rubric(const AdminRequest& r) {
  auto body = parse_body(r.http.body);
  if (!body.ok()) return error_response(body.error());
  auto saved = r.services.rubrics.save(r.params[0], *body, r.user.id, r.services.now_ms());
  if (!saved.ok()) return error_response(saved.error());
  (void)r.services.audit.record(r.user, "rubric.save", "rubric:" + r.params[0],
                                {{"version", (*saved)["version"]}, {"rubric", (*saved)["rubric"]}});
  return json_response(200, *saved);
}

HttpResponse list_formats(const AdminRequest& r) { return respond(r.services.studio.list()); }
HttpResponse get_format(const AdminRequest& r) { return respond(r.services.studio.get(r.params[0])); }

HttpResponse validate_format(const AdminRequest& r) {
  auto body = parse_body(r.http.body);
  if (!body.ok()) return error_response(body.error());
  return respond(r.services.studio.validate(*body));
}

HttpResponse rehearse_format(const AdminRequest& r) {
  auto body = parse_body(r.http.body);
  if (!body.ok()) return error_response(body.error());
  return respond(r.services.studio.rehearse(*body));
}

HttpResponse publish_format(const AdminRequest& r) {
  auto body = parse_body(r.http.body);
  if (!body.ok()) return error_response(body.error());
  auto published = r.services.studio.publish(*body, r.user.id, r.services.now_ms());
  if (!published.ok()) return error_response(published.error());
  (void)r.services.audit.record(r.user, "format.publish", "format:" + (*published)["id"].get<std::string>(),
                                {{"version", (*published)["version"]}, {"previousVersion", (*published)["previousVersion"]}});
  return json_response(201, *published);
}

constexpr AdminRoute kRoutes[] = {
    {"GET", "questions", Access::kCoach, list_questions, "the question bank"},
    {"POST", "questions", Access::kCoach, create_question, "writing questions"},
    {"POST", "questions/import", Access::kCoach, import_questions, "importing questions"},
    {"GET", "questions/export", Access::kCoach, export_questions, "exporting questions"},
    {"GET", "questions/:id", Access::kCoach, get_question, "the question bank"},
    {"PUT", "questions/:id", Access::kCoach, update_question, "editing questions"},
    {"POST", "questions/:id/retire", Access::kCoach, retire_question, "retiring questions"},
    {"POST", "questions/:id/restore", Access::kCoach, restore_question, "restoring questions"},
    {"GET", "rubrics", Access::kCoach, list_rubrics, "rubrics"},
    {"GET", "rubrics/:id", Access::kCoach, get_rubric, "rubrics"},
    {"PUT", "rubrics/:id", Access::kCoach, save_rubric, "editing rubrics"},
    {"GET", "formats", Access::kCoach, list_formats, "interview scripts"},
    {"POST", "formats", Access::kCoach, publish_format, "publishing interview scripts"},
    {"POST", "formats/validate", Access::kCoach, validate_format, "validating interview scripts"},
    {"POST", "formats/rehearse", Access::kCoach, rehearse_format, "rehearsing interview scripts"},
    {"GET", "formats/:id", Access::kCoach, get_format, "interview scripts"},
};

}  // namespace

std::span<const AdminRoute> authoring_routes() { return kRoutes; }

}  // namespace mockroom::api
