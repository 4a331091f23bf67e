#include "blend.h"

#include <algorithm>
#include <cmath>

#include "quotes.h"
#include "report.h"

namespace mockroom::scoring_llm {
namespace {

using nlohmann::ordered_json;
using scoring_rubric::Category;
using scoring_rubric::kCategoryCount;
using scoring_rubric::kCategoryNames;
using scoring_rubric::ScoreRequest;
using scoring_rubric::SessionAnalysis;

constexpr double kPercent = 100.0;
constexpr char kRubricSource[] = "rubric";
constexpr char kJudgeSource[] = "judge";

// The deterministic report, its examples marked as the scorer's and its scorer named.
ordered_json base_report(const ScoreRequest& request, const SessionAnalysis& session, const Config& config) {
  ordered_json report = scoring_rubric::report_json(request, session, config.rubric);
  for (ordered_json& category : report["categories"])
    for (ordered_json& example : category["examples"]) example["source"] = kRubricSource;
  report["scorer"] = kScorerName;
  report["scorerVersion"] = kScorerVersion;
  return report;
}

ordered_json* category_named(ordered_json& report, const std::string& name) {
  for (ordered_json& category : report["categories"])
    if (category["name"] == name) return &category;
  return nullptr;
}

// Adds the verdict's claims whose quotes are the candidate's; returns {kept, dropped}.
std::pair<int, int> add_evidence(const ScoreRequest& request, const Verdict& verdict, ordered_json& report) {
  std::vector<std::string_view> answers;
  for (const scoring_rubric::Answer& a : request.answers) answers.push_back(a.text);
  QuoteFinder finder(answers);
  int kept = 0, dropped = 0;
  for (const CategoryVerdict& c : verdict.categories) {
    ordered_json* category = category_named(report, c.name);
    for (const Claim& claim : c.claims) {
      auto found = finder.find(claim.quote);
      if (!found || !category) {
        ++dropped;
        continue;
      }
      ++kept;
      (*category)["examples"].push_back(
          {{"quote", found->exact}, {"questionId", request.answers[found->answer].question_id},
           {"note", claim.criterion.empty() ? claim.text : claim.criterion + ": " + claim.text},
           {"source", kJudgeSource}});
    }
  }
  for (auto [list, key] : {std::pair{&verdict.strengths, "strengths"}, {&verdict.improvements, "improvements"}}) {
    for (const Claim& note : *list) {
      auto found = finder.find(note.quote);
      if (!found) {
        ++dropped;
        continue;
      }
      ++kept;
      report[key].push_back(note.text + " (\"" + found->exact + "\")");
    }
  }
  return {kept, dropped};
}

}  // namespace

std::vector<std::string> judged_categories(const scoring_rubric::Rubric& rubric) {
  std::vector<std::string> names;
  for (size_t c = 0; c < kCategoryCount; ++c)
    if (rubric.categories[c].assessed) names.emplace_back(kCategoryNames[c]);
  for (const auto& [name, category] : rubric.extras) names.push_back(name);
  return names;
}

void blend_scores(const scoring_rubric::Rubric& rubric, const Verdict& verdict, double weight,
                  SessionAnalysis& session) {
  for (const CategoryVerdict& judged : verdict.categories) {
    auto four = std::find(kCategoryNames.begin(), kCategoryNames.end(), judged.name);
    if (four != kCategoryNames.end()) {
      size_t c = static_cast<size_t>(four - kCategoryNames.begin());
      if (static_cast<Category>(c) == Category::kCoding || !rubric.categories[c].assessed) continue;
      double& value = session.category_values[c];
      value = weight * judged.score / kPercent + (1 - weight) * value;
      session.category_scores[c] = scoring_rubric::to_score(value);
      continue;
    }
    for (size_t i = 0; i < rubric.extras.size(); ++i) {
      if (rubric.extras[i].first != judged.name) continue;
      int& score = session.extra_scores[i];
      score = static_cast<int>(std::lround(weight * judged.score + (1 - weight) * score));
    }
  }
  session.overall = scoring_rubric::overall_score(rubric, session.category_values);
  session.hire_signal = scoring_rubric::hire_signal(session.overall, rubric.thresholds);
}

ordered_json judged_report(const ScoreRequest& request, SessionAnalysis session, const Config& config,
                           const Verdict& verdict, const JudgeRun& run) {
  blend_scores(request.rubric, verdict, config.judge_weight, session);
  ordered_json report = base_report(request, session, config);
  auto [kept, dropped] = add_evidence(request, verdict, report);
  report["judge"] = {{"status", "ok"},
                     {"model", run.model},
                     {"usage", llm_openai::usage_json(run.usage)},
                     {"attempts", run.attempts},
                     {"weight", config.judge_weight},
                     {"claimsKept", kept},
                     {"claimsDropped", dropped + verdict.claims_over_limit},
                     {"categoriesIgnored", verdict.categories_ignored},
                     {"summary", verdict.summary}};
  return report;
}

ordered_json unjudged_report(const ScoreRequest& request, const SessionAnalysis& session, const Config& config,
                             Unjudged kind, const std::string& why, const JudgeRun& run) {
  ordered_json report = base_report(request, session, config);
  if (kind == Unjudged::kNothingToJudge) {
    report["judge"] = {{"status", "skipped"}, {"reason", why}};
    return report;
  }
  report["judge"] = {{"status", "unavailable"},
                     {"error", why},
                     {"model", run.model},
                     {"usage", llm_openai::usage_json(run.usage)},
                     {"attempts", run.attempts}};
  return report;
}

}  // namespace mockroom::scoring_llm
