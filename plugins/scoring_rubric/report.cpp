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

// The Coding category's examples: quoted evidence from the criteria, heaviest first,
// one per criterion before any second one.
ordered_json code_examples(const SessionAnalysis& session, const Config& config) {
  ordered_json out = ordered_json::array();
  size_t limit = static_cast<size_t>(config.examples_per_category);
  for (size_t round = 0; round < 2 && out.size() < limit; ++round) {
    for (const ProblemScore& p : session.coding) {
      for (size_t k = 0; k < kCriterionCount && out.size() < limit; ++k) {
        std::vector<const CodeEvidence*> quoted;
        for (const CodeEvidence& e : p.evidence[k])
          if (!e.quote.empty()) quoted.push_back(&e);
        if (round >= quoted.size()) continue;
        const CodeEvidence& e = *quoted[round];
        out.push_back({{"quote", e.quote}, {"questionId", e.question_id},
                       {"note", std::string(kCriterionNames[k]) + ": " + e.note}});
      }
    }
  }
  return out;
}

ordered_json coding_json(const ScoreRequest& request, const SessionAnalysis& session) {
  ordered_json out = ordered_json::array();
  for (const ProblemScore& p : session.coding) {
    ordered_json criteria = ordered_json::array();
    for (size_t k = 0; k < kCriterionCount; ++k) {
      ordered_json evidence = ordered_json::array();
      for (const CodeEvidence& e : p.evidence[k]) {
        evidence.push_back({{"quote", e.quote.empty() ? ordered_json(nullptr) : ordered_json(e.quote)},
                            {"questionId", e.question_id}, {"note", e.note}});
      }
      criteria.push_back({{"name", kCriterionNames[k]}, {"weight", request.rubric.criteria[k]},
                          {"score", static_cast<int>(std::lround(100 * p.values[k]))}, {"evidence", evidence}});
    }
    out.push_back({{"problemId", p.problem_id}, {"attempted", p.attempted},
                   {"score", static_cast<int>(std::lround(100 * p.total))},
                   {"verdict", p.verdict.empty() ? ordered_json(nullptr) : ordered_json(p.verdict)},
                   {"passed", p.passed}, {"total", p.tests},
                   {"statedComplexity", p.stated_complexity.empty() ? ordered_json(nullptr) : ordered_json(p.stated_complexity)},
                   {"criteria", criteria}});
  }
  return out;
}

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
  if (category == Category::kCoding && !session.coding.empty()) {
    out["examples"] = code_examples(session, config);
    return out;
  }
  for (const Example& e : choose_examples(request.rubric[category], session.score(category), request, session, config))
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
                          {"confidence", rounded(s.value(Signal::kConfidence), kRelevanceScale)},
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
  SessionAnalysis session = analyze_session(request, static_cast<size_t>(config.max_quote_bytes));
  return dump_report(report_json(request, session, config));
}

std::string dump_report(const ordered_json& report) {
  return report.dump(-1, ' ', false, ordered_json::error_handler_t::strict);
}

ordered_json report_json(const ScoreRequest& request, const SessionAnalysis& session,
                         const Config& config) {
  Feedback feedback = write_feedback(request, session);

  ordered_json report;
  report["overallScore"] = session.overall;
  report["hireSignal"] = session.hire_signal;
  report["categories"] = ordered_json::array();
  for (size_t c = 0; c < kCategoryCount; ++c)
    report["categories"].push_back(
        category_json(static_cast<Category>(c), request, session, config));
  // The format's own categories follow the four; they do not count towards the overall.
  for (size_t i = 0; i < request.rubric.extras.size(); ++i) {
    const auto& [name, rubric] = request.rubric.extras[i];
    int score = session.extra_scores[i];
    ordered_json c = {{"name", name}, {"assessed", true}, {"extra", true}, {"score", score},
                      {"explanation", explain_category(rubric, score, request, session)},
                      {"examples", ordered_json::array()}};
    for (const Example& e : choose_examples(rubric, score, request, session, config))
      c["examples"].push_back({{"quote", e.quote}, {"questionId", e.question_id}, {"note", e.note}});
    report["categories"].push_back(std::move(c));
  }
  report["answers"] = ordered_json::array();
  for (size_t i = 0; i < request.answers.size(); ++i)
    report["answers"].push_back(
        answer_json(request.answers[i], session.answers[i], request.rubric));
  if (!session.coding.empty()) report["coding"] = coding_json(request, session);
  report["notes"] = ordered_json::array();
  for (const Note& n : feedback.notes)
    report["notes"].push_back({{"atSeconds", rounded(n.at_seconds, 1)}, {"questionId", n.question_id}, {"text", n.text}});
  report["strengths"] = feedback.strengths;
  report["improvements"] = feedback.improvements;
  report["summary"] = feedback.summary;
  report["nextStep"] = feedback.next_step;
  report["scorer"] = kScorerName;
  report["scorerVersion"] = kScorerVersion;
  return report;
}

}  // namespace mockroom::scoring_rubric
