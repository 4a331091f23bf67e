// Code in the interview and the operators' direct line to the runner:
//   POST /api/interviews/:id/code/snapshot {language, code}
//   POST /api/interviews/:id/code/run      {language, code, stdin}
//   POST /api/interviews/:id/code/submit   {language, code}
//   POST /api/admin/runner/execute         {language, source, stdin, expected_output, limits}
#include "api/admin_router.h"
#include "api/api.h"

namespace mockroom::api {

HttpResponse Api::code(const HttpRequest& req, const store::User& user, const std::string& id,
                       const std::string& action) {
  if (action != "snapshot" && action != "run" && action != "submit") {
    return error_response(not_found("no such endpoint: " + req.path));
  }
  if (req.method != "POST") return method_not_allowed("POST");
  auto body = parse_body(req.body);
  if (!body.ok()) return error_response(body.error());
  if (action == "snapshot") return respond(code_.snapshot(user.id, id, *body));
  if (action == "run") return respond(code_.run(user.id, id, *body));
  return respond(code_.submit(user.id, id, *body));
}

HttpResponse Api::admin(const HttpRequest& req, const store::User& user,
                        const std::vector<std::string>& parts) {
  if (auto routed = route_admin(req, user, parts, console_)) return std::move(*routed);
  if (parts.size() == 4 && parts[2] == "runner" && parts[3] == "execute") {
    if (user.role != store::Role::kAdmin && user.role != store::Role::kOperator) {
      return error_response({ErrorCode::kForbidden, "running code directly needs the operator or admin role"});
    }
    if (req.method != "POST") return method_not_allowed("POST");
    auto body = parse_body(req.body);
    if (!body.ok()) return error_response(body.error());
    return respond(code_.execute(*body));
  }
  if (parts.size() == 4 && parts[2] == "scoring" && parts[3] == "evaluate") return evaluate(req, user);
  if ((parts.size() == 5 || parts.size() == 6) && parts[2] == "formats" && parts[4] == "prompts") {
    return format_prompts(req, user, parts);
  }
  if (parts.size() == 3 && parts[2] == "knowledge") return knowledge(req, user);
  if (parts.size() == 4 && parts[2] == "stt" && parts[3] == "transcribe") return transcribe(req, user);
  if (parts.size() == 4 && parts[2] == "tts" && parts[3] == "synthesize") return synthesize(req, user);
  return error_response(not_found("no such endpoint: " + req.path));
}

}  // namespace mockroom::api
