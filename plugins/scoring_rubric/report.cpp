#include "report.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "evidence.h"
#include "feedback.h"
#include "session.h"

namespace mockroom::scoring_rubric {
namespace {

using nlohmann::ordered_json;

constexpr char kNotAssessed[] = "Not assessed in this format.";
constexpr double kRelevanceScale = 100.0;  // relevance to 2 decimals
constexpr double kFillerScale = 10.0;      // fillers per 100 words to 1 decimal

double rounded(double value, double scale) { return std::round(value * scale) / scale; }

ordered_json category_json(Category category, const ScoreRequest& request,
                           const SessionAnalysis& session, const Config& config) {
  ordered_json out;
  out["name"] = kCategoryNames[static_cast<size_t>(category)];
  if (!request.rubric[category].assessed) {
    out["assessed"] = false;
    out["score"] = nullptr;
    out["explanation"] = kNotAssessed;
    out["examples"] = ordered_json::array();
    return out;
  }
  out["assessed"] = true;
  out["score"] = session.score(category);
  out["explanation"] = explain_category(category, request, session);
  out["examples"] = ordered_json::array();
  for (const Example& e : choose_examples(category, request, session, config))
    out["examples"].push_back(
        {{"quote", e.quote}, {"questionId", e.question_id}, {"note", e.note}});
  return out;
}

ordered_json answer_json(const Answer& answer, const TextSignals& s, const Rubric& rubric) {
  ordered_json star = {{"situation", s.star.situation},
                       {"task", s.star.task},
                       {"action", s.star.action},
                       {"result", s.star.result}};
  ordered_json signals = {{"star", star},
                          {"quantified", s.quantified},
                          {"relevance", rounded(s.value(Signal::kRelevance), kRelevanceScale)},
                          {"coverage", rounded(s.value(Signal::kCoverage), kRelevanceScale)},
                          {"depth", rounded(s.value(Signal::kDepth), kRelevanceScale)},
                          {"declined", s.declined},
                          {"gate", rounded(s.gate, kRelevanceScale)},
                          {"fillerPer100", rounded(s.filler_per_100, kFillerScale)},
                          {"words", s.words}};
  ordered_json out = {
      {"questionId", answer.question_id}, {"score", answer_score(s, rubric)}, {"signals", signals}};
  if (s.coverage.measured)
    out["referencePoints"] = {{"covered", s.coverage.covered_points}, {"missed", s.coverage.missed_points}};
  return out;
}

}  // namespace

std::string score_report_json(const ScoreRequest& request, const Config& config) {
  SessionAnalysis session = analyze_session(request);
  Feedback feedback = write_feedback(request, session);

  ordered_json report;
  report["overallScore"] = session.overall;
  report["hireSignal"] = session.hire_signal;
  report["categories"] = ordered_json::array();
  for (size_t c = 0; c < kCategoryCount; ++c)
    report["categories"].push_back(
        category_json(static_cast<Category>(c), request, session, config));
  report["answers"] = ordered_json::array();
  for (size_t i = 0; i < request.answers.size(); ++i)
    report["answers"].push_back(
        answer_json(request.answers[i], session.answers[i], request.rubric));
  report["notes"] = ordered_json::array();
  for (const Note& n : feedback.notes)
    report["notes"].push_back({{"atSeconds", rounded(n.at_seconds, 1)}, {"questionId", n.question_id}, {"text", n.text}});
  report["strengths"] = feedback.strengths;
  report["improvements"] = feedback.improvements;
  report["summary"] = feedback.summary;
  report["nextStep"] = feedback.next_step;
  report["scorer"] = kScorerName;
  report["scorerVersion"] = kScorerVersion;
  return report.dump(-1, ' ', false, ordered_json::error_handler_t::strict);
}

}  // namespace mockroom::scoring_rubric
