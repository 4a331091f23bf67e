// The candidate's own material and practice plans:
//   POST/GET /api/me/resume            a PDF or text resume, and what was read from it
//   POST/GET /api/me/questions         questions the candidate wants to practise
//   GET      /api/questions?q=&kind=&tag=&limit=   search the question bank (FTS5)
//   POST/GET /api/packages, GET /api/packages/:id, POST /api/packages/:id/sessions
#include <chrono>

#include "api/api.h"
#include "api/console_routes.h"
#include "resume/profile.h"
#include "resume/resume_text.h"

namespace mockroom::api {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxOwnQuestionBytes = 600;
constexpr int kMaxOwnQuestionsPerUpload = 50;
constexpr int kMaxOwnQuestionsTotal = 200;
constexpr std::size_t kMaxFilenameBytes = 200;

int current_year() {
  auto now = std::chrono::system_clock::now();
  auto days = std::chrono::floor<std::chrono::days>(now);
  return static_cast<int>(std::chrono::year_month_day{days}.year());
}

json resume_json(const store::ResumeRecord& r) {
  return {{"filename", r.filename}, {"contentType", r.content_type}, {"uploadedAt", r.uploaded_at},
          {"characters", r.text.size()}, {"profile", json::parse(r.profile_json, nullptr, false)}};
}

// The public fields of a bank question: never reference answers, hidden tests or case data.
json public_bank_question(const store::QuestionRecord& q) {
  json data = json::parse(q.data_json, nullptr, false);
  json out = {{"id", q.id}, {"kind", q.kind}, {"text", q.text}, {"competency", q.competency},
              {"difficulty", q.difficulty}, {"levels", q.levels}, {"industries", q.industries},
              {"tags", q.tags}};
  if (data.is_object() && data.contains("title")) out["title"] = data["title"];
  return out;
}

Result<std::vector<store::UserQuestion>> parse_own_questions(const json& body) {
  if (!body.contains("questions") || !body["questions"].is_array() || body["questions"].empty()) {
    return invalid("send {\"questions\": [\"...\", ...]} with at least one question");
  }
  if (body["questions"].size() > kMaxOwnQuestionsPerUpload) {
    return invalid("at most " + std::to_string(kMaxOwnQuestionsPerUpload) + " questions per upload");
  }
  std::vector<store::UserQuestion> out;
  for (std::size_t i = 0; i < body["questions"].size(); ++i) {
    const json& q = body["questions"][i];
    std::string where = "questions[" + std::to_string(i) + "]";
    store::UserQuestion row;
    if (q.is_string()) {
      row.text = q.get<std::string>();
    } else if (q.is_object() && q.contains("text") && q["text"].is_string()) {
      row.text = q["text"].get<std::string>();
      if (q.contains("competency") && q["competency"].is_string()) row.competency = q["competency"];
    } else {
      return invalid(where + " must be text or {\"text\": ..., \"competency\": ...}");
    }
    auto first = row.text.find_first_not_of(" \t\n");
    if (first == std::string::npos) return invalid(where + " is empty");
    row.text = row.text.substr(first, row.text.find_last_not_of(" \t\n") - first + 1);
    if (row.text.size() > kMaxOwnQuestionBytes || row.competency.size() > 60) {
      return invalid(where + " is longer than " + std::to_string(kMaxOwnQuestionBytes) + " characters");
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

HttpResponse Api::me(const HttpRequest& req, const store::User& user,
                     const std::vector<std::string>& parts) {
  if (parts.size() != 3) return error_response(not_found("no such endpoint: " + req.path));
  if (parts[2] == "resume") {
    if (req.method == "GET") {
      auto r = store_.find_resume(user.id);
      return r.ok() ? json_response(200, resume_json(*r)) : error_response(r.error());
    }
    if (req.method != "POST") return method_not_allowed("GET, POST");
    std::string content_type = req.header("content-type");
    auto text = resume::resume_text(req.body, content_type);
    if (!text.ok()) return error_response(text.error());
    std::string filename = req.query.count("filename") ? req.query.at("filename") : "resume";
    if (filename.size() > kMaxFilenameBytes) filename.resize(kMaxFilenameBytes);
    store::ResumeRecord rec{user.id, filename,
                            content_type.empty() ? "application/octet-stream" : content_type, *text,
                            resume::to_json(resume::extract_profile(*text, current_year())).dump(),
                            std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::system_clock::now().time_since_epoch()).count()};
    if (auto st = store_.save_resume(rec); !st.ok()) return error_response(st.error());
    return json_response(201, resume_json(rec));
  }
  if (parts[2] == "questions") {
    if (req.method == "GET") {
      auto rows = store_.list_user_questions(user.id);
      if (!rows.ok()) return error_response(rows.error());
      json out = json::array();
      for (const auto& q : *rows) out.push_back({{"id", "own-" + std::to_string(q.id)}, {"text", q.text},
                                                 {"competency", q.competency}, {"createdAt", q.created_at}});
      return json_response(200, {{"questions", out}});
    }
    if (req.method != "POST") return method_not_allowed("GET, POST");
    auto body = parse_body(req.body);
    if (!body.ok()) return error_response(body.error());
    auto rows = parse_own_questions(*body);
    if (!rows.ok()) return error_response(rows.error());
    auto existing = store_.list_user_questions(user.id);
    if (!existing.ok()) return error_response(existing.error());
    if (existing->size() + rows->size() > kMaxOwnQuestionsTotal) {
      return error_response(invalid("you can keep at most " + std::to_string(kMaxOwnQuestionsTotal) + " questions"));
    }
    auto saved = store_.add_user_questions(user.id, *rows);
    if (!saved.ok()) return error_response(saved.error());
    return json_response(201, {{"added", rows->size()}, {"total", saved->size()}});
  }
  return error_response(not_found("no such endpoint: " + req.path));
}

HttpResponse Api::questions(const HttpRequest& req, const store::User& user) {
  if (req.method != "GET") return method_not_allowed("GET");
  store::QuestionSearch search;
  auto get = [&](const char* key) { return req.query.count(key) ? req.query.at(key) : std::string(); };
  search.query = get("q");
  search.kind = get("kind");
  search.tag = get("tag");
  if (!get("limit").empty()) {
    try {
      search.limit = std::stoi(get("limit"));
    } catch (const std::exception&) {
      return error_response(invalid("'limit' must be a number"));
    }
  }
  // Company-style banks come with a prep package for that company (or a staff role).
  if (search.tag.ends_with("-style") && user.role == store::Role::kCandidate &&
      !packages_.has_bank_access(user.id, search.tag)) {
    return error_response({ErrorCode::kForbidden,
                           "the " + search.tag + " question bank is included with a prep package for that company style"});
  }
  if (search.query.empty()) return error_response(invalid("add ?q= with the words to search for"));
  // A company bank comes with its package (checked above); the rest of the library with the plan.
  if (!search.tag.ends_with("-style")) {
    if (auto st = console_.billing.require_full_library(user); !st.ok()) return error_response(st.error());
  }
  auto rows = store_.search_questions(search);
  if (!rows.ok()) return error_response(rows.error());
  json out = json::array();
  for (const auto& q : *rows) {
    if (user.role == store::Role::kCandidate && !search.tag.ends_with("-style") &&
        std::any_of(q.tags.begin(), q.tags.end(), [](const std::string& t) { return t.ends_with("-style"); })) {
      continue;  // company questions only through the company's bank
    }
    out.push_back(public_bank_question(q));
  }
  return json_response(200, {{"questions", out}});
}

HttpResponse Api::packages(const HttpRequest& req, const store::User& user,
                           const std::vector<std::string>& parts) {
  if (parts.size() == 2) {
    if (req.method == "GET") return respond(packages_.list(user.id));
    if (req.method != "POST") return method_not_allowed("GET, POST");
    auto body = parse_body(req.body);
    if (!body.ok()) return error_response(body.error());
    return start_package(user, *body, packages_, console_);
  }
  if (parts.size() == 3) {
    if (req.method != "GET") return method_not_allowed("GET");
    return respond(packages_.view(user.id, parts[2]));
  }
  if (parts.size() == 4 && parts[3] == "sessions") {
    if (req.method != "POST") return method_not_allowed("POST");
    auto body = parse_body(req.body);
    if (!body.ok()) return error_response(body.error());
    auto item = string_field(*body, "item");
    if (!item.ok()) return error_response(item.error());
    return respond(packages_.start_item(user, parts[2], *item), 201);
  }
  return error_response(not_found("no such endpoint: " + req.path));
}

}  // namespace mockroom::api
