#include "judge.h"

#include "prompts.h"
#include "quotes.h"
#include "structured.h"

namespace mockroom::scoring_llm {

using nlohmann::json;
using scoring_rubric::Category;
using scoring_rubric::kCategoryCount;
using scoring_rubric::kCategoryNames;

namespace {

json category_values(std::string_view name, const scoring_rubric::CategoryRubric& c, bool scored_by_runner) {
  return {{"name", name},          {"description", c.description}, {"strong", c.strong},
          {"meets", c.meets},      {"below", c.below},             {"scoredByRunner", scored_by_runner}};
}

}  // namespace

json judge_prompt_values(const scoring_rubric::ScoreRequest& request) {
  const scoring_rubric::Rubric& rubric = request.rubric;
  json categories = json::array();
  for (size_t c = 0; c < kCategoryCount; ++c) {
    if (!rubric.categories[c].assessed) continue;
    bool runner = static_cast<Category>(c) == Category::kCoding && !request.coding.empty();
    categories.push_back(category_values(kCategoryNames[c], rubric.categories[c], runner));
  }
  for (const auto& [name, category] : rubric.extras) categories.push_back(category_values(name, category, false));
  json answers = json::array();
  for (const scoring_rubric::Answer& a : request.answers)
    answers.push_back({{"questionId", a.question_id}, {"question", a.question}, {"followUp", a.is_follow_up},
                       {"answer", a.text}});
  return {{"formatTitle", request.format_title},     {"categories", std::move(categories)},
          {"answers", std::move(answers)},           {"maxClaims", kMaxClaimsPerCategory},
          {"maxNotes", kMaxNotesPerList},            {"minQuoteWords", kMinQuoteWords},
          {"maxQuoteChars", kMaxJudgeQuoteBytes}};
}

JudgeOutcome ask_judge(llm_openai::ChatClient& client, const Config& config,
                       const scoring_rubric::ScoreRequest& request, mr_call* call) {
  llm_openai::ChatRequest ask;
  ask.messages = {{"user", llm_openai::render_structured(config.judge_prompt, judge_prompt_values(request))}};
  ask.seed = kJudgeSeed;
  std::vector<std::string> names = judged_categories(request.rubric);
  JudgeOutcome out;
  llm_openai::JsonOutcome reply = llm_openai::complete_json(
      client, std::move(ask), call, [&](const json& r) { return check_verdict(r, names, out.verdict); }, "verdict",
      kMaxEchoedReplyChars);
  out.status = reply.status;
  out.message = reply.message;
  out.run = {reply.model, reply.usage, reply.attempts};
  return out;
}

}  // namespace mockroom::scoring_llm
