// Coaches' handles on the LLM interviewer: each format's prompt overrides, and a look at
// what knowledge retrieval finds for a question and answer.
//   GET    /api/admin/formats/:id/prompts        -> {format, prompts: [...], variables}
//   PUT    /api/admin/formats/:id/prompts/:name  {template} -> the prompt as now used
//   DELETE /api/admin/formats/:id/prompts/:name  -> {format, name, origin}
//   GET    /api/admin/knowledge?q=&format=&company=&questionId=&limit= -> {entries}
#include <chrono>

#include "api/api.h"
#include "script/knowledge.h"

namespace mockroom::api {

using nlohmann::json;

namespace {

bool is_coach(const store::User& user) {
  return user.role == store::Role::kCoach || user.role == store::Role::kAdmin;
}

// The values each prompt is rendered with (README "The LLM providers").
json prompt_variables() {
  return {{"persona", {"role", "level", "company", "format", "knowledge"}},
          {"followup", {"question", "concepts", "hints", "history", "remaining", "answer", "knowledge"}},
          {"acknowledge", {"question", "questionNumber", "totalQuestions", "answer", "knowledge"}}};
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

HttpResponse Api::format_prompts(const HttpRequest& req, const store::User& user,
                                 const std::vector<std::string>& parts) {
  if (!is_coach(user)) return error_response({ErrorCode::kForbidden, "editing prompts needs the coach or admin role"});
  const std::string& format_id = parts[3];
  if (!catalog_.format(format_id)) return error_response(not_found("unknown interview format '" + format_id + "'"));
  if (parts.size() == 5) {
    if (req.method != "GET") return method_not_allowed("GET");
    return json_response(200, {{"format", format_id},
                               {"prompts", prompts_.describe(format_id)},
                               {"variables", prompt_variables()}});
  }
  const std::string& name = parts[5];
  auto current = [&]() -> json {
    for (const auto& p : prompts_.describe(format_id)) {
      if (p["name"] == name) return p;
    }
    return nullptr;
  };
  if (req.method == "PUT") {
    auto body = parse_body(req.body);
    if (!body.ok()) return error_response(body.error());
    auto text = string_field(*body, "template");
    if (!text.ok()) return error_response(text.error());
    if (auto st = prompts_.set(store_, format_id, name, *text, user.id, now_ms()); !st.ok()) {
      return error_response(st.error());
    }
    (void)console_.audit.record(user, "prompt.set", "format:" + format_id + "/prompts/" + name, {{"template", *text}});
    return json_response(200, current());
  }
  if (req.method == "DELETE") {
    if (auto st = script::check_prompt(name, "x"); !st.ok()) return error_response(not_found(st.error().message));
    if (auto st = prompts_.remove(store_, format_id, name); !st.ok()) return error_response(st.error());
    (void)console_.audit.record(user, "prompt.delete", "format:" + format_id + "/prompts/" + name);
    json now = current();
    return json_response(200, {{"format", format_id}, {"name", name}, {"origin", now["origin"]}});
  }
  return method_not_allowed("PUT, DELETE");
}

HttpResponse Api::knowledge(const HttpRequest& req, const store::User& user) {
  if (!is_coach(user)) return error_response({ErrorCode::kForbidden, "the knowledge base needs the coach or admin role"});
  if (req.method != "GET") return method_not_allowed("GET");
  auto get = [&](const char* key) { return req.query.count(key) ? req.query.at(key) : std::string(); };
  store::KnowledgeQuery q;
  q.text = get("q");
  q.format = get("format");
  q.company = get("company");
  q.question_id = get("questionId");
  if (q.text.empty() && q.question_id.empty()) return error_response(invalid("give 'q' (words to search for) or 'questionId'"));
  if (std::string limit = get("limit"); !limit.empty()) {
    try {
      q.limit = std::stoi(limit);
    } catch (const std::exception&) {
      return error_response(invalid("'limit' must be a whole number"));
    }
    if (q.limit < 1 || q.limit > store::kMaxKnowledgeResults) {
      return error_response(invalid("'limit' must be between 1 and " + std::to_string(store::kMaxKnowledgeResults)));
    }
  }
  auto hits = store_.search_knowledge(q);
  if (!hits.ok()) return error_response(hits.error());
  json entries = json::array();
  for (const auto& e : *hits) {
    entries.push_back({{"id", e.id}, {"kind", e.kind}, {"title", e.title}, {"text", e.text},
                       {"formats", e.formats}, {"companies", e.companies}, {"questions", e.questions},
                       {"tags", e.tags}});
  }
  return json_response(200, {{"entries", entries}});
}

}  // namespace mockroom::api
