#include "llm_requests.h"

namespace mockroom::plugin_support {
namespace {

Interview read_interview(Fields fields) {
  Interview i;
  i.format = fields.text("format", Presence::kOptional, kMaxInterviewFieldBytes);
  i.role = fields.text("role", Presence::kOptional, kMaxInterviewFieldBytes);
  i.level = fields.text("level", Presence::kOptional, kMaxInterviewFieldBytes);
  i.company = fields.text("company", Presence::kOptional, kMaxInterviewFieldBytes);
  return i;
}

std::vector<Knowledge> read_knowledge(Fields& root) {
  std::vector<Knowledge> out;
  for (Fields item : root.objects("knowledge", Presence::kOptional, kMaxKnowledgeItems)) {
    Knowledge k;
    k.id = item.text("id", Presence::kOptional, kMaxIdBytes);
    k.kind = item.text("kind", Presence::kOptional, kMaxIdBytes);
    k.title = item.text("title", Presence::kOptional, kMaxKnowledgeTitleBytes);
    k.text = item.text("text", Presence::kRequired, kMaxKnowledgeTextBytes);
    out.push_back(std::move(k));
  }
  return out;
}

PromptOverrides read_prompts(Fields prompts) {
  PromptOverrides p;
  p.persona = prompts.text("persona", Presence::kOptional, kMaxPromptOverrideBytes);
  p.followup = prompts.text("followup", Presence::kOptional, kMaxPromptOverrideBytes);
  p.acknowledge = prompts.text("acknowledge", Presence::kOptional, kMaxPromptOverrideBytes);
  return p;
}

}  // namespace

Parsed<FollowupRequest> parse_followup_request(std::string_view json_text) {
  InputError error;
  nlohmann::json doc =
      parse_object(json_text, "request", EmptyInput::kRejected, kMaxRequestBytes, error);
  Fields root(doc, "request", error);
  FollowupRequest r;
  Fields question = root.object("question", Presence::kRequired);
  r.question.id = question.text("id", Presence::kOptional, kMaxIdBytes);
  r.question.text = question.text("text", Presence::kRequired, kMaxQuestionTextBytes);
  r.question.concepts =
      question.texts("concepts", Presence::kOptional, kMaxConcepts, kMaxConceptBytes);
  r.question.hints = question.texts("hints", Presence::kOptional, kMaxHints, kMaxHintBytes);
  r.answer = root.text("answer", Presence::kRequired, kMaxAnswerBytes);
  r.followups_so_far =
      static_cast<int>(root.integer("followupsSoFar", Presence::kOptional, 0, kMaxCount, 0));
  r.max_followups = static_cast<int>(
      root.integer("maxFollowups", Presence::kOptional, 0, kMaxCount, kMaxFollowupsPerQuestion));
  r.history = root.texts("history", Presence::kOptional, kMaxHistory, kMaxHistoryItemBytes);
  r.interview = read_interview(root.object("interview", Presence::kOptional));
  r.knowledge = read_knowledge(root);
  r.prompts = read_prompts(root.object("prompts", Presence::kOptional));
  if (error.failed()) return Parsed<FollowupRequest>::failure(error.message());
  return {std::move(r), {}};
}

Parsed<AcknowledgeRequest> parse_acknowledge_request(std::string_view json_text) {
  InputError error;
  nlohmann::json doc =
      parse_object(json_text, "request", EmptyInput::kRejected, kMaxRequestBytes, error);
  Fields root(doc, "request", error);
  AcknowledgeRequest r;
  r.answer = root.text("answer", Presence::kRequired, kMaxAnswerBytes);
  r.question_text = root.object("question", Presence::kOptional)
                        .text("text", Presence::kOptional, kMaxQuestionTextBytes);
  r.question_number =
      static_cast<int>(root.integer("questionNumber", Presence::kOptional, 0, kMaxCount, 0));
  r.total_questions =
      static_cast<int>(root.integer("totalQuestions", Presence::kOptional, 0, kMaxCount, 0));
  r.turn = static_cast<int>(root.integer("turn", Presence::kOptional, 0, kMaxCount, 0));
  r.interview = read_interview(root.object("interview", Presence::kOptional));
  r.knowledge = read_knowledge(root);
  r.prompts = read_prompts(root.object("prompts", Presence::kOptional));
  if (!error.failed() && r.total_questions > 0 && r.question_number > r.total_questions) {
    error.set("request.questionNumber (" + std::to_string(r.question_number) +
              ") is greater than request.totalQuestions (" + std::to_string(r.total_questions) +
              ")");
  }
  if (error.failed()) return Parsed<AcknowledgeRequest>::failure(error.message());
  return {std::move(r), {}};
}

}  // namespace mockroom::plugin_support
