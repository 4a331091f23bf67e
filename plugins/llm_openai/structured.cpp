#include "structured.h"

#include "boundary.h"

namespace mockroom::llm_openai {

using nlohmann::json;

std::string parse_reply_object(const std::string& text, json& out) {
  size_t open = text.find('{'), close = text.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return "the reply holds no JSON object";
  out = json::parse(text.substr(open, close - open + 1), nullptr, false);
  if (!out.is_object()) return "the reply is not valid JSON";
  return "";
}

JsonOutcome complete_json(ChatClient& client, ChatRequest request, mr_call* call, const ReplyCheck& check,
                          std::string_view what, size_t max_echo_chars) {
  JsonOutcome result;
  result.model = client.config().model_name();
  request.json_output = true;
  std::string problem;
  for (int round = 0; round < kStructuredRounds; ++round) {
    ChatOutcome outcome = client.complete(request, call);
    result.attempts += outcome.attempts;
    result.usage += outcome.usage;
    result.model = outcome.model;
    if (!outcome.ok()) {
      result.status = outcome.status;
      result.message = outcome.message;
      return result;
    }
    json reply;
    problem = parse_reply_object(outcome.text, reply);
    if (problem.empty()) problem = check(reply);
    if (problem.empty()) {
      result.status = MR_OK;
      result.value = std::move(reply);
      return result;
    }
    plugin_support::log_debug("invalid " + std::string(what) + " (" + problem + "), asking again");
    request.messages.push_back({"assistant", outcome.text.substr(0, max_echo_chars)});
    request.messages.push_back({"user", "That reply was not usable: " + problem +
                                            ". Reply again with JSON only, in the shape given."});
  }
  result.status = MR_ERR_UNAVAILABLE;
  result.message = "the model's " + std::string(what) + " was invalid twice: " + problem;
  return result;
}

}  // namespace mockroom::llm_openai
