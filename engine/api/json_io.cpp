#include <spdlog/spdlog.h>

#include "api/api.h"

namespace mockroom::api {

using nlohmann::json;

HttpResponse json_response(int status, const json& body) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

HttpResponse error_response(const Error& error) {
  if (error.code == ErrorCode::kInternal) spdlog::error("internal error: {}", error.message);
  return json_response(http_status(error.code),
                       {{"error", {{"code", error_code_name(error.code)}, {"message", error.message}}}});
}

Result<json> parse_body(const std::string& body) {
  if (body.empty()) return invalid("request body must be a JSON object");
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded()) return invalid("request body is not valid JSON");
  if (!parsed.is_object()) return invalid("request body must be a JSON object");
  return parsed;
}

Result<std::string> string_field(const json& body, const char* name, bool allow_empty) {
  if (!body.contains(name)) return invalid(std::string("missing field '") + name + "'");
  if (!body[name].is_string()) return invalid(std::string("field '") + name + "' must be a string");
  std::string value = body[name].get<std::string>();
  if (!allow_empty && value.empty()) return invalid(std::string("field '") + name + "' must not be empty");
  return value;
}

}  // namespace mockroom::api

namespace mockroom::api {

std::optional<nlohmann::json> optional_code(const nlohmann::json& body) {
  if (!body.is_object() || !body.contains("code") || body["code"].is_null()) return std::nullopt;
  return body["code"];
}

}  // namespace mockroom::api
