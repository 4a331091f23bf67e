#include "session.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace mockroom::scoring_rubric {
namespace {

constexpr double kPercent = 100.0;

// A main answer opens a thread; follow-ups join the thread before them. A session that
// opens with a follow-up starts a thread with it.
std::vector<Thread> group_threads(const ScoreRequest& request) {
  std::vector<Thread> threads;
  for (size_t i = 0; i < request.answers.size(); ++i) {
    if (threads.empty() || !request.answers[i].is_follow_up) threads.emplace_back();
    threads.back().answers.push_back(i);
  }
  return threads;
}

// A thread reads as its answers joined; its signals come from their analyses.
TextSignals analyze_thread(const ScoreRequest& request, const std::vector<TextSignals>& answers,
                           const Thread& thread) {
  const Answer& main = request.answers[thread.answers.front()];
  std::vector<std::string> extra_concepts;
  std::vector<const TextSignals*> parts;
  for (size_t index : thread.answers) {
    parts.push_back(&answers[index]);
    // A main question without concepts is judged on its follow-ups' concepts.
    const Answer& a = request.answers[index];
    if (main.concepts.empty() && index != thread.answers.front())
      extra_concepts.insert(extra_concepts.end(), a.concepts.begin(), a.concepts.end());
  }
  return combine_texts(parts, make_context(main, extra_concepts), request.rubric);
}

}  // namespace

int to_score(double value) {
  return static_cast<int>(std::lround(std::clamp(value, 0.0, 1.0) * kPercent));
}

int overall_score(const Rubric& rubric, const std::array<double, kCategoryCount>& values) {
  double overall = 0;
  for (size_t c = 0; c < kCategoryCount; ++c) {
    const CategoryRubric& category = rubric.categories[c];
    if (category.assessed) overall += category.weight / kPercent * values[c];
  }
  return to_score(overall);
}

std::string_view hire_signal(int overall, const HireThresholds& t) {
  if (overall >= t.strong_hire) return "Strong Hire";
  if (overall >= t.hire) return "Hire";
  if (overall >= t.lean_no_hire) return "Lean No Hire";
  return "No Hire";
}

int answer_score(const TextSignals& signals, const Rubric& rubric) {
  double total = 0;
  for (const CategoryRubric& c : rubric.categories) {
    if (c.assessed) total += c.weight / kPercent * category_value(signals, c);
  }
  return to_score(total);
}

double mean_over_threads(const SessionAnalysis& session, Signal signal) {
  if (session.threads.empty()) return 0;
  double sum = 0;
  for (const Thread& t : session.threads) sum += t.signals.value(signal);
  return sum / static_cast<double>(session.threads.size());
}

SessionAnalysis analyze_session(const ScoreRequest& request, size_t max_quote_bytes) {
  SessionAnalysis s;
  const Rubric& rubric = request.rubric;
  for (const Answer& a : request.answers) {
    s.answers.push_back(analyze_text(a.text, make_context(a), rubric));
    if (!s.answers.back().empty()) s.nothing_answered = false;
  }
  s.threads = group_threads(request);
  for (Thread& t : s.threads) {
    // A thread of one answer reads exactly as that answer: reuse its analysis.
    t.signals = t.answers.size() == 1 ? s.answers[t.answers.front()]
                                      : analyze_thread(request, s.answers, t);
  }

  s.coding = score_coding(request, s.answers, max_quote_bytes);
  if (std::any_of(s.coding.begin(), s.coding.end(), [](const ProblemScore& p) { return p.attempted; }))
    s.nothing_answered = false;

  for (size_t c = 0; c < kCategoryCount; ++c) {
    const CategoryRubric& category = rubric.categories[c];
    if (!category.assessed) continue;
    if (static_cast<Category>(c) == Category::kCoding && !s.coding.empty()) {
      double sum = 0;
      for (const ProblemScore& p : s.coding) sum += p.total;
      s.category_values[c] = sum / static_cast<double>(s.coding.size());
      s.category_scores[c] = to_score(s.category_values[c]);
      continue;
    }
    if (s.threads.empty()) continue;
    double sum = 0;
    for (const Thread& t : s.threads) sum += category_value(t.signals, category);
    s.category_values[c] = sum / static_cast<double>(s.threads.size());
    s.category_scores[c] = to_score(s.category_values[c]);
  }
  s.overall = overall_score(rubric, s.category_values);
  for (const auto& [name, category] : rubric.extras) {
    double sum = 0;
    for (const Thread& t : s.threads) sum += category_value(t.signals, category);
    s.extra_scores.push_back(s.threads.empty() ? 0 : to_score(sum / static_cast<double>(s.threads.size())));
  }
  s.hire_signal = hire_signal(s.overall, rubric.thresholds);
  return s;
}

}  // namespace mockroom::scoring_rubric
