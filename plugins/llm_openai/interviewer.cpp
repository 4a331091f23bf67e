#include "interviewer.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "boundary.h"
#include "prompts.h"
#include "structured.h"

namespace mockroom::llm_openai {
namespace {

using nlohmann::json;

// "amazon-style" -> "Amazon"; "none" and "" -> "".
std::string company_name(const std::string& company) {
  if (company.empty() || company == "none") return "";
  std::string name = company.substr(0, company.rfind("-style"));
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name;
}

// The retrieved knowledge as prompt text: one "- title: text" line per entry.
std::string knowledge_text(const std::vector<plugin_support::Knowledge>& knowledge) {
  std::string out;
  for (const auto& k : knowledge) {
    out += (out.empty() ? "- " : "\n- ") + (k.title.empty() ? "" : k.title + ": ") + k.text;
  }
  return out;
}

// The format's own template when it sent a usable one, else this instance's.
const std::string& pick(const std::string& override_text, const std::string& own) {
  return !override_text.empty() && prompt_usable(override_text) ? override_text : own;
}

std::string persona(const Config& c, const plugin_support::Interview& i, const plugin_support::PromptOverrides& o,
                    const std::string& knowledge) {
  return render_prompt(pick(o.persona, c.prompts.persona),
                       {{"role", i.role}, {"level", i.level}, {"company", company_name(i.company)},
                        {"format", i.format}, {"knowledge", knowledge}});
}

std::string list(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : "; ") + i;
  return out.empty() ? "(none given)" : out;
}

std::vector<ChatMessage> followup_prompt(const Config& c, const plugin_support::FollowupRequest& r, int remaining) {
  std::string knowledge = knowledge_text(r.knowledge);
  std::string user = render_prompt(pick(r.prompts.followup, c.prompts.followup),
                                   {{"question", r.question.text},
                                    {"concepts", list(r.question.concepts)},
                                    {"hints", list(r.question.hints)},
                                    {"history", list(r.history)},
                                    {"remaining", std::to_string(remaining)},
                                    {"answer", r.answer},
                                    {"knowledge", knowledge}});
  return {{"system", persona(c, r.interview, r.prompts, knowledge)}, {"user", std::move(user)}};
}

std::vector<ChatMessage> acknowledge_prompt(const Config& c, const plugin_support::AcknowledgeRequest& r) {
  std::string knowledge = knowledge_text(r.knowledge);
  PromptValues v = {{"question", r.question_text}, {"answer", r.answer}, {"knowledge", knowledge}};
  if (r.question_number > 0 && r.total_questions > 0) {
    v["questionNumber"] = std::to_string(r.question_number);
    v["totalQuestions"] = std::to_string(r.total_questions);
  }
  return {{"system", persona(c, r.interview, r.prompts, knowledge)},
          {"user", render_prompt(pick(r.prompts.acknowledge, c.prompts.acknowledge), v)}};
}

}  // namespace

std::string check_followup(const json& doc, json& out) {
  if (!doc.contains("followup")) return "the reply has no \"followup\" field";
  std::string reason = doc.contains("reason") && doc["reason"].is_string() ? doc["reason"].get<std::string>() : "";
  if (reason.size() > kMaxFollowupChars) reason = reason.substr(0, kMaxFollowupChars);
  const json& f = doc["followup"];
  if (f.is_null()) {
    out = {{"followup", nullptr}, {"reason", reason.empty() ? "the model judged the answer complete" : reason}};
    return "";
  }
  if (!f.is_object() || !f.contains("text") || !f["text"].is_string()) return "\"followup\" must be null or {\"text\": ...}";
  std::string q = f["text"].get<std::string>();
  q.erase(0, q.find_first_not_of(" \t\r\n"));
  q.erase(q.find_last_not_of(" \t\r\n") + 1);
  if (q.empty()) return "the follow-up text is empty";
  if (q.size() > kMaxFollowupChars) return "the follow-up is longer than " + std::to_string(kMaxFollowupChars) + " characters";
  json concepts = json::array();
  if (f.contains("concepts") && f["concepts"].is_array()) {
    for (const json& c : f["concepts"])
      if (c.is_string() && !c.get_ref<const std::string&>().empty() && concepts.size() < kMaxFollowupConcepts) concepts.push_back(c);
  }
  out = {{"followup", {{"text", q}, {"concepts", concepts}}}, {"reason", reason.empty() ? "the model asked a follow-up" : reason}};
  return "";
}

CallResult decide_followup(ChatClient& client, const plugin_support::FollowupRequest& r, mr_call* call) {
  CallResult result;
  int limit = std::min(r.max_followups, plugin_support::kMaxFollowupsPerQuestion);
  if (r.followups_so_far >= limit) {
    result.status = MR_OK;
    result.json = json{{"followup", nullptr}, {"reason", "follow-up limit reached"}, {"model", client.config().model_name()},
                       {"usage", usage_json({})}, {"attempts", 0}}.dump();
    return result;
  }
  ChatRequest request{followup_prompt(client.config(), r, limit - r.followups_so_far), true, false, kFollowupMaxTokens,
                      std::nullopt};
  json decision;
  JsonOutcome outcome = complete_json(
      client, std::move(request), call, [&](const json& reply) { return check_followup(reply, decision); },
      "follow-up decision", kMaxFollowupChars * 2);
  if (!outcome.ok()) {
    result.status = outcome.status;
    result.message = outcome.message;
    return result;
  }
  decision["model"] = outcome.model;
  decision["usage"] = usage_json(outcome.usage);
  decision["attempts"] = outcome.attempts;
  result.status = MR_OK;
  result.json = decision.dump(-1, ' ', false, json::error_handler_t::replace);
  return result;
}

CallResult acknowledge(ChatClient& client, const plugin_support::AcknowledgeRequest& r, mr_call* call) {
  CallResult result;
  ChatRequest request{acknowledge_prompt(client.config(), r), false, true, kAcknowledgeMaxTokens, std::nullopt};
  ChatOutcome outcome = client.complete(request, call, [&](std::string_view piece) {
    plugin_support::emit_chunk(call, piece);
  });
  if (!outcome.ok()) {
    result.status = outcome.status;
    result.message = outcome.message;
    return result;
  }
  std::string text = outcome.text;
  text.erase(0, text.find_first_not_of(" \t\r\n"));
  text.erase(text.find_last_not_of(" \t\r\n") + 1);
  result.status = MR_OK;
  result.json = json{{"text", text}, {"model", outcome.model}, {"usage", usage_json(outcome.usage)}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
  return result;
}

}  // namespace mockroom::llm_openai
