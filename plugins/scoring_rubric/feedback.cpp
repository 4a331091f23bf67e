#include "feedback.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>

namespace mockroom::scoring_rubric {
namespace {

constexpr double kStrengthShare = 0.6;     // this share of questions makes a strength
constexpr double kImprovementShare = 0.5;  // below this share it is an area to improve
constexpr double kFewFillersPer100 = 1.5;
constexpr double kManyFillersPer100 = 3.0;
constexpr size_t kMinWordsToPraiseFillers = 50;
constexpr double kGoodConceptCoverage = 0.5;
constexpr double kPoorConceptCoverage = 0.3;
constexpr double kFillerDeficitScale = 6.0;  // fillers per 100 words that count as a full deficit
constexpr double kNothingToFix = 0.2;        // below this deficit the next step is a stretch
constexpr size_t kMaxFeedbackItems = 4;
constexpr size_t kMaxNamed = 3;
constexpr double kDeepAnswer = 0.67;
constexpr double kStuckCoverage = 0.35;      // coverage under this is a note "you got stuck"
constexpr size_t kShortQuestionBytes = 60;   // a question named in a note is cut to this  // depth value of an answer that goes beyond the surface

// Counts over the question threads that the messages quote.
struct Tally {
  size_t questions = 0, answered = 0, quantified = 0, with_action = 0, with_sar = 0, signposted = 0,
         short_answers = 0, long_answers = 0, in_range = 0, concepts = 0, covered = 0, words = 0,
         fillers = 0, points = 0, covered_points = 0, with_complexity = 0, with_edge_cases = 0,
         with_trade_offs = 0, with_clarifying = 0, declined = 0, deep = 0, hedges = 0;
  std::vector<std::string> missed;       // unique, in order of appearance
  std::vector<std::string> missed_points;  // of the reference answers, in order of appearance
  std::vector<std::string> top_fillers;  // most frequent first
  std::string most_missing_part;         // of situation / task / action / result

  double per_100() const { return words ? 100.0 * static_cast<double>(fillers) / words : 0; }
  double share(size_t k) const { return questions ? static_cast<double>(k) / questions : 0; }
  double coverage() const { return concepts ? static_cast<double>(covered) / concepts : 0; }
  double hedges_per_100() const { return words ? 100.0 * static_cast<double>(hedges) / words : 0; }
  double point_coverage() const { return points ? static_cast<double>(covered_points) / points : 0; }
};

std::string one_decimal(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", x);
  return buffer;
}

std::string of(size_t k, size_t n) { return std::to_string(k) + " of " + std::to_string(n); }

std::string quoted(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < kMaxNamed; ++i)
    out += (i ? ", \"" : "\"") + items[i] + "\"";
  return out;
}

Tally count(const ScoreRequest& request, const SessionAnalysis& session) {
  Tally t;
  const AnswerLength& length = request.rubric.length;
  std::array<size_t, 4> missing{};  // result, action, situation, task
  for (const Thread& thread : session.threads) {
    const TextSignals& s = thread.signals;
    ++t.questions;
    t.concepts += s.covered_concepts.size() + s.missed_concepts.size();
    t.covered += s.covered_concepts.size();
    for (const std::string& m : s.missed_concepts)
      if (std::find(t.missed.begin(), t.missed.end(), m) == t.missed.end()) t.missed.push_back(m);
    t.points += s.coverage.covered_points.size() + s.coverage.missed_points.size();
    t.covered_points += s.coverage.covered_points.size();
    for (const std::string& m : s.coverage.missed_points) t.missed_points.push_back(m);
    if (s.empty()) continue;
    t.with_complexity += s.depth.complexity;
    t.with_edge_cases += s.depth.edge_cases;
    t.with_trade_offs += s.depth.trade_offs;
    t.with_clarifying += s.depth.clarifying;
    t.deep += s.value(Signal::kDepth) >= kDeepAnswer;
    t.declined += s.declined;
    t.hedges += s.hedge_count;
    ++t.answered;
    t.quantified += s.quantified;
    t.with_action += s.star.action;
    t.with_sar += s.star.situation && s.star.action && s.star.result;
    t.signposted += s.distinct_markers() >= 2;
    t.short_answers += s.words < static_cast<size_t>(length.min_words);
    t.long_answers += s.words > static_cast<size_t>(length.max_words);
    t.in_range += s.words >= static_cast<size_t>(length.ideal_min) &&
                  s.words <= static_cast<size_t>(length.ideal_max);
    t.words += s.words;  // the same total as over the answers: threads join them
    missing[0] += !s.star.result;
    missing[1] += !s.star.action;
    missing[2] += !s.star.situation;
    missing[3] += !s.star.task;
  }
  static constexpr std::array<const char*, 4> kParts = {"result", "your own action", "situation",
                                                        "task"};
  t.most_missing_part = kParts[static_cast<size_t>(
      std::max_element(missing.begin(), missing.end()) - missing.begin())];

  std::vector<size_t> per_filler(request.rubric.filler_words.size(), 0);
  for (const TextSignals& a : session.answers)
    for (const SentenceFacts& f : a.sentences)
      for (size_t k : f.fillers) ++per_filler[k];
  for (size_t n : per_filler) t.fillers += n;
  std::vector<size_t> order(per_filler.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return per_filler[a] > per_filler[b]; });
  for (size_t i : order)
    if (per_filler[i] > 0 && t.top_fillers.size() < 2)
      t.top_fillers.push_back(request.rubric.filler_words[i]);
  return t;
}

// "the question about \"Explain the GIL and how it ...\"", cut at a word boundary.
std::string short_question(const Answer& a) {
  if (a.question.empty()) return "question " + a.question_id;
  std::string text = a.question;
  if (text.size() > kShortQuestionBytes) {
    size_t cut = text.rfind(' ', kShortQuestionBytes);
    text = text.substr(0, cut == std::string::npos || cut == 0 ? kShortQuestionBytes : cut);
    // Never end inside a UTF-8 sequence.
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
    while (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.pop_back();
    text += "...";
  }
  return "\"" + text + "\"";
}

// What the coding criteria found, ahead of the answer-level observations.
void observe_coding(const ScoreRequest& request, const SessionAnalysis& session, Feedback& f) {
  if (!request.rubric[Category::kCoding].assessed) return;
  for (const ProblemScore& p : session.coding) {
    if (!p.attempted) {
      f.improvements.push_back("A coding problem got no code; even a brute-force solution that passes some "
                               "tests scores better than none.");
      continue;
    }
    if (p.tests > 0 && p.passed == p.tests)
      f.strengths.push_back("Your solution passed all " + std::to_string(p.tests) + " hidden tests.");
    else if (p.tests > 0)
      f.improvements.push_back("Your final submission passed " + std::to_string(p.passed) + " of " +
                               std::to_string(p.tests) + " hidden tests (" + p.verdict +
                               "); run your own edge cases before submitting.");
    if (p.stated_complexity.empty())
      f.improvements.push_back("State the time and space complexity of your solution, for example \"O(n) time, O(1) space\".");
  }
}

// The Coding category with code: each problem's verdict and criteria.
std::string explain_coding(const ScoreRequest& request, const SessionAnalysis& session) {
  const CategoryRubric& c = request.rubric[Category::kCoding];
  int score = session.score(Category::kCoding);
  const HireThresholds& th = request.rubric.thresholds;
  std::string text = score >= th.strong_hire ? c.strong : score >= th.hire ? c.meets : c.below;
  for (const ProblemScore& p : session.coding) {
    if (!p.attempted) {
      text += " No code was written for one problem.";
      continue;
    }
    text += p.tests > 0 ? " The final submission passed " + std::to_string(p.passed) + " of " +
                              std::to_string(p.tests) + " hidden tests."
                        : " The code was not run against the hidden tests.";
    text += " Correctness " + std::to_string(std::lround(100 * p.values[0])) + ", efficiency " +
            std::to_string(std::lround(100 * p.values[1])) + ", code quality " +
            std::to_string(std::lround(100 * p.values[2])) + ", process " +
            std::to_string(std::lround(100 * p.values[3])) + " (weights " +
            std::to_string(request.rubric.criteria[0]) + "/" + std::to_string(request.rubric.criteria[1]) + "/" +
            std::to_string(request.rubric.criteria[2]) + "/" + std::to_string(request.rubric.criteria[3]) + ").";
  }
  return text;
}

std::string title_of(const ScoreRequest& r) {
  if (!r.format_title.empty()) return r.format_title;
  if (!r.rubric.title.empty()) return r.rubric.title;
  if (!r.format.empty()) return r.format;
  return "Interview";
}

// Strengths and areas to improve, each tied to a count over the questions.
void observe(const Rubric& rubric, const Tally& t, Feedback& f) {
  const AnswerLength& l = rubric.length;
  std::string range = std::to_string(l.ideal_min) + "-" + std::to_string(l.ideal_max);

  if (t.questions == 0) f.improvements.push_back("No answers were recorded in this session.");
  if (t.questions > t.answered)
    f.improvements.push_back(
        of(t.questions - t.answered, t.questions) +
        " questions got no answer; even a partial STAR answer scores better than none.");
  if (uses(rubric, Signal::kImpact)) {
    if (t.share(t.quantified) >= kStrengthShare)
      f.strengths.push_back(
          of(t.quantified, t.questions) +
          " questions were answered with a measurable result (numbers, %, time or money).");
    else if (t.answered && t.share(t.quantified) < kImprovementShare)
      f.improvements.push_back(
          "Only " + of(t.quantified, t.questions) +
          " questions were answered with a measurable result; close each story "
          "with a number (time saved, %, money, people affected).");
  }
  if (uses(rubric, Signal::kStar)) {
    if (t.share(t.with_action) >= kStrengthShare)
      f.strengths.push_back(of(t.with_action, t.questions) +
                            " answers made your own actions clear (\"I ...\").");
    else if (t.answered && t.share(t.with_action) < kImprovementShare)
      f.improvements.push_back(
          of(t.answered - t.with_action, t.questions) +
          " answers did not say what you did yourself; say \"I\" for your own steps, not \"we\".");
    if (t.share(t.with_sar) >= kStrengthShare)
      f.strengths.push_back(of(t.with_sar, t.questions) +
                            " answers covered situation, action and result.");
    else if (t.answered && t.share(t.with_sar) < kImprovementShare)
      f.improvements.push_back(
          "Only " + of(t.with_sar, t.questions) +
          " answers covered situation, action and result; most often missing: " +
          t.most_missing_part + ".");
  }
  if (uses(rubric, Signal::kClarity) && t.answered) {
    if (t.per_100() <= kFewFillersPer100 && t.words >= kMinWordsToPraiseFillers)
      f.strengths.push_back("Few filler words: " + one_decimal(t.per_100()) + " per 100 words.");
    else if (t.per_100() > kManyFillersPer100)
      f.improvements.push_back("Filler words came up " + one_decimal(t.per_100()) +
                               " times per 100 words (mostly " + quoted(t.top_fillers) +
                               "); a short pause works better.");
    if (t.short_answers > 0)
      f.improvements.push_back(of(t.short_answers, t.questions) + " answers were under " +
                               std::to_string(l.min_words) +
                               " words; too short to show your thinking.");
    if (t.long_answers > 0)
      f.improvements.push_back(of(t.long_answers, t.questions) + " answers ran past " +
                               std::to_string(l.max_words) + " words; aim for " + range + ".");
    if (t.share(t.in_range) >= kStrengthShare)
      f.strengths.push_back(of(t.in_range, t.questions) + " answers were in the ideal " + range +
                            " word range.");
  }
  if (uses(rubric, Signal::kRelevance) && t.concepts && t.answered) {
    if (t.coverage() >= kGoodConceptCoverage)
      f.strengths.push_back("Your answers touched " +
                            std::to_string(std::lround(100 * t.coverage())) +
                            "% of the key concepts the questions targeted.");
    else if (t.coverage() < kPoorConceptCoverage)
      f.improvements.push_back("Key concepts you did not address: " + quoted(t.missed) + ".");
  }
  if (t.declined > 0)
    f.improvements.push_back(of(t.declined, t.questions) +
                             " questions were passed on; reasoning out loud from what you do know "
                             "scores far better than declining.");
  if (uses(rubric, Signal::kCoverage) && t.points && t.answered) {
    if (t.point_coverage() >= kGoodConceptCoverage)
      f.strengths.push_back("Your answers covered " + of(t.covered_points, t.points) +
                            " of the points a strong answer makes.");
    else if (!t.missed_points.empty())
      f.improvements.push_back("Your answers covered " + of(t.covered_points, t.points) +
                               " key points; for example, a strong answer also " +
                               point_clause(t.missed_points.front()) + ".");
  }
  if (uses(rubric, Signal::kDepth) && t.answered) {
    if (t.share(t.deep) >= kStrengthShare)
      f.strengths.push_back(of(t.deep, t.questions) +
                            " answers went into depth: costs, edge cases or trade-offs.");
    else if (t.share(t.with_trade_offs) < kImprovementShare)
      f.improvements.push_back("Only " + of(t.with_trade_offs, t.questions) +
                               " answers weighed trade-offs; say what each choice costs and when "
                               "you would pick the other.");
    else if (t.share(t.with_edge_cases) < kImprovementShare)
      f.improvements.push_back("Only " + of(t.with_edge_cases, t.questions) +
                               " answers named edge cases or failure modes.");
  }
  if (uses(rubric, Signal::kStructure) && t.share(t.signposted) >= kImprovementShare)
    f.strengths.push_back(of(t.signposted, t.questions) +
                          " answers were signposted (\"first\", \"then\", \"as a result\").");
  if (f.strengths.size() > kMaxFeedbackItems) f.strengths.resize(kMaxFeedbackItems);
  if (f.improvements.size() > kMaxFeedbackItems) f.improvements.resize(kMaxFeedbackItems);
}

std::string summarize(const ScoreRequest& request, const SessionAnalysis& session, const Tally& t) {
  const Rubric& rubric = request.rubric;
  std::string title = title_of(request);
  std::string summary;
  if (session.nothing_answered) {
    summary = title + ": no answers were given, so the session scores " +
              std::to_string(session.overall) + "/100 (" + std::string(session.hire_signal) + ").";
  } else {
    summary = title + ": " + std::to_string(session.overall) + "/100, " +
              std::string(session.hire_signal) + ".";
    std::optional<size_t> best, worst;
    for (size_t c = 0; c < kCategoryCount; ++c) {
      if (!rubric.categories[c].assessed) continue;
      if (!best || session.category_scores[c] > session.category_scores[*best]) best = c;
      if (!worst || session.category_scores[c] < session.category_scores[*worst]) worst = c;
    }
    if (best && worst && *best != *worst)
      summary += " Strongest: " + std::string(kCategoryNames[*best]) + " (" +
                 std::to_string(session.category_scores[*best]) +
                 "); weakest: " + std::string(kCategoryNames[*worst]) + " (" +
                 std::to_string(session.category_scores[*worst]) + ").";
    summary += " " + of(t.answered, t.questions) + " questions answered, " +
               std::to_string(t.quantified) + " with a measurable result.";
  }

  return summary;
}

// The step that addresses the largest deficit among the signals this rubric uses.
std::string next_step(const Rubric& rubric, const SessionAnalysis& session, const Tally& t) {
  const AnswerLength& l = rubric.length;
  std::string range = std::to_string(l.ideal_min) + "-" + std::to_string(l.ideal_max);
  struct Deficit {
    double size;
    std::string step;
  };
  std::vector<Deficit> deficits;
  deficits.push_back(
      {t.share(t.questions - t.answered),
       "Retake this interview and answer every question; when you are stuck, describe a "
       "related situation in STAR form rather than passing."});
  if (uses(rubric, Signal::kImpact))
    deficits.push_back(
        {1 - t.share(t.quantified),
         "Pick your two weakest stories and rewrite each so it ends with one number: time "
         "saved, % improved, money, or people affected."});
  if (uses(rubric, Signal::kStar)) {
    deficits.push_back(
        {1 - t.share(t.with_action),
         "Retell your last story out loud using \"I\" for every step you took yourself, "
         "and name the three decisions you made personally."});
    deficits.push_back(
        {1 - t.share(t.with_sar),
         "Outline three stories as four lines each (Situation, Task, Action, Result) and "
         "rehearse them against a two-minute timer."});
  }
  if (uses(rubric, Signal::kClarity)) {
    deficits.push_back(
        {std::min(1.0, t.per_100() / kFillerDeficitScale),
         "Record a two-minute answer and replay it; wherever you hear a filler word, "
         "use a silent pause instead and record it again."});
    deficits.push_back({t.share(t.short_answers + t.long_answers),
                        "Practise answering in about two minutes (" + range +
                            " words): one sentence of context, three of action, one of result."});
  }
  if (uses(rubric, Signal::kRelevance) && t.concepts && !t.missed.empty())
    deficits.push_back(
        {1 - std::min(1.0, t.coverage() / kGoodConceptCoverage),
         "Before answering, name the question's key concept in your first sentence (for "
         "example \"" +
             t.missed.front() + "\") and tie your result back to it."});
  if (uses(rubric, Signal::kCoverage) && t.points && !t.missed_points.empty())
    deficits.push_back(
        {1 - std::min(1.0, t.point_coverage() / kGoodConceptCoverage),
         "Redo the questions you scored lowest on, and before answering list the three to five "
         "points a complete answer makes (for example: " +
             point_clause(t.missed_points.front()) + "); then cover each in turn."});
  if (uses(rubric, Signal::kDepth))
    deficits.push_back(
        {1 - t.share(t.deep),
         "For each technical answer, add one sentence on cost (time, memory or latency), one "
         "on an edge case or failure, and one on the trade-off against the alternative."});
  auto largest =
      std::max_element(deficits.begin(), deficits.end(),
                       [](const Deficit& a, const Deficit& b) { return a.size < b.size; });
  if (session.nothing_answered) return deficits.front().step;
  if (largest->size >= kNothingToFix) return largest->step;
  return "Retake this interview at the next level up or in a company style you have not tried, "
         "to stretch your best stories.";
}

}  // namespace

std::string explain_category(Category category, const ScoreRequest& request,
                             const SessionAnalysis& session) {
  if (!session.nothing_answered && category == Category::kCoding && !session.coding.empty())
    return explain_coding(request, session);
  return explain_category(request.rubric[category], session.score(category), request, session);
}

std::string explain_category(const CategoryRubric& c, int score, const ScoreRequest& request,
                             const SessionAnalysis& session) {
  if (session.nothing_answered) return "No answer was given, so there is nothing to assess.";
  const HireThresholds& th = request.rubric.thresholds;
  std::string text = score >= th.strong_hire ? c.strong : score >= th.hire ? c.meets : c.below;
  Tally t = count(request, session);
  const AnswerLength& l = request.rubric.length;
  for (size_t i = 0; i < kSignalCount; ++i) {
    if (c.signals[i] <= 0) continue;
    switch (static_cast<Signal>(i)) {
      case Signal::kClarity:
        text += " Answers averaged " + std::to_string(t.answered ? t.words / t.answered : 0) +
                " words per question (ideal " + std::to_string(l.ideal_min) + "-" +
                std::to_string(l.ideal_max) + ") with " + one_decimal(t.per_100()) +
                " filler words per 100.";
        break;
      case Signal::kStructure:
        text +=
            " " + of(t.signposted, t.questions) + " answers were signposted with structure words.";
        break;
      case Signal::kStar:
        text +=
            " " + of(t.with_sar, t.questions) + " answers covered situation, action and result.";
        break;
      case Signal::kImpact:
        text += " " + of(t.quantified, t.questions) + " answers stated a measurable result.";
        break;
      case Signal::kRelevance:
        if (t.concepts)
          text += " Answers covered " + std::to_string(std::lround(100 * t.coverage())) +
                  "% of the questions' key concepts.";
        break;
      case Signal::kCoverage:
        if (t.points)
          text += " Answers made " + of(t.covered_points, t.points) + " of the reference points.";
        else if (t.concepts && c.signals[static_cast<size_t>(Signal::kRelevance)] <= 0)
          text += " Answers covered " + std::to_string(std::lround(100 * t.coverage())) +
                  "% of the questions' key concepts.";
        break;
      case Signal::kConfidence:
        text += " " + one_decimal(t.hedges_per_100()) + " hedges (\"I think\", \"maybe\") per 100 words.";
        break;
      case Signal::kDepth:
        text += " " + of(t.with_complexity, t.questions) + " answers discussed cost or complexity, " +
                std::to_string(t.with_edge_cases) + " edge cases, " + std::to_string(t.with_trade_offs) +
                " trade-offs.";
        break;
    }
  }
  return text;
}

std::vector<Note> write_notes(const ScoreRequest& request, const SessionAnalysis& session) {
  const Rubric& rubric = request.rubric;
  const AnswerLength& l = rubric.length;
  std::vector<Note> notes;
  for (const Thread& thread : session.threads) {
    const Answer& main = request.answers[thread.answers.front()];
    const TextSignals& s = thread.signals;
    std::vector<std::string> texts;
    int score = answer_score(s, rubric);
    if (s.empty()) texts.push_back("No answer to " + short_question(main) + ".");
    else if (s.declined) texts.push_back("You passed on " + short_question(main) + "; reasoning from what you do know would have scored.");
    else {
      if (uses(rubric, Signal::kCoverage) && s.coverage.measured && s.coverage.value < kStuckCoverage &&
          !s.coverage.missed_points.empty())
        texts.push_back("On " + short_question(main) + " you got stuck short of the key points; a strong answer " +
                        point_clause(s.coverage.missed_points.front()) + ".");
      else if (uses(rubric, Signal::kRelevance) && !s.coverage.measured && s.missed_concepts.size() > s.covered_concepts.size())
        texts.push_back("On " + short_question(main) + " you did not get to " + quoted(s.missed_concepts) + ".");
      if (uses(rubric, Signal::kDepth) && !s.depth.complexity && !s.depth.trade_offs)
        texts.push_back("You did not say what your approach costs or what it trades off.");
      if (s.words < static_cast<size_t>(l.min_words))
        texts.push_back("A " + std::to_string(s.words) + "-word answer; too brief to show your thinking.");
      else if (s.words > static_cast<size_t>(l.max_words))
        texts.push_back("This answer ran " + std::to_string(s.words) + " words; the point got lost.");
      if (texts.empty() && score >= rubric.thresholds.strong_hire)
        texts.push_back("A strong answer to " + short_question(main) + " (" + std::to_string(score) + "/100).");
    }
    if (texts.size() > kMaxNotesPerQuestion) texts.resize(kMaxNotesPerQuestion);
    for (std::string& text : texts) notes.push_back({main.at_seconds, main.question_id, std::move(text)});
  }
  std::stable_sort(notes.begin(), notes.end(),
                   [](const Note& a, const Note& b) { return a.at_seconds < b.at_seconds; });
  if (notes.size() > kMaxNotes) notes.resize(kMaxNotes);
  return notes;
}

Feedback write_feedback(const ScoreRequest& request, const SessionAnalysis& session) {
  Tally t = count(request, session);
  Feedback f;
  f.notes = write_notes(request, session);
  observe_coding(request, session, f);
  observe(request.rubric, t, f);
  f.summary = summarize(request, session, t);
  f.next_step = next_step(request.rubric, session, t);
  return f;
}

}  // namespace mockroom::scoring_rubric
