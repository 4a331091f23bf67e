#include "reference.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "request.h"
#include "stem.h"
#include "text.h"
#include "text_support.h"

namespace mockroom::scoring_rubric {
namespace {

// A stem the question uses keeps this share of its weight.
constexpr double kQuestionStemWeight = 0.3;
// A reference point earns no credit below this weighted share of its stems, full credit
// from kPointFull, and counts as covered (for the report's lists) from kPointCovered.
// Lexical matching sees only part of a point made in other words, so half the weighted
// vocabulary is already strong evidence.
constexpr double kPointFloor = 0.1;
constexpr double kPointFull = 0.5;
constexpr double kPointCovered = 0.4;
// Mean point credit that earns full coverage: a strong answer rarely makes every point.
constexpr double kPointsForFullCredit = 0.5;
// Weighted share of the reference answer's stems that earns full credit.
constexpr double kAnswerShareForFullCredit = 0.5;
// With both, the points decide most: they list what matters, the reference answer is prose.
constexpr double kPointsWeight = 0.7;

// Words that describe the grading, not the subject ("explains that ...", "is aware of").
constexpr std::string_view kGradingWords[] = {
    "explain",  "explains",  "explained", "mention",  "mentions",  "mentioned", "describe",
    "describes", "described", "note",     "notes",    "noted",     "recommend", "recommends",
    "aware",    "awareness", "discuss",   "discusses", "identify", "identifies", "state",
    "states",   "candidate", "propose",   "proposes", "suggest",   "suggests",  "acknowledge",
    "acknowledges", "understand", "understands", "understanding", "consider", "considers",
    "talk",     "talks",     "cover",     "covers",   "clearly",   "answer",    "answers",
    "point",    "points",    "out",       "knows",    "realises",  "realizes",  "recognises",
    "recognizes", "shows",   "gives",     "names",    "calls"};

const std::vector<std::string>& grading_stems() {
  static const std::vector<std::string> kStems = [] {
    std::vector<std::string> out;
    for (std::string_view w : kGradingWords) out.push_back(porter_stem(std::string(w)));
    plugin_support::sort_unique(out);
    return out;
  }();
  return kStems;
}

bool has(const std::vector<std::string>& sorted, const std::string& s) {
  return std::binary_search(sorted.begin(), sorted.end(), s);
}

std::vector<std::string> subject_stems(std::string_view text) {
  std::vector<std::string> stems = content_stems(text);
  std::erase_if(stems, [](const std::string& s) { return has(grading_stems(), s); });
  return stems;
}

WeightedStems weigh(const std::vector<std::string>& stems, const std::map<std::string, double>& weights) {
  WeightedStems out;
  for (const std::string& s : stems) {
    double w = weights.at(s);
    out.stems.emplace_back(s, w);
    out.total += w;
  }
  return out;
}

double share_of(const WeightedStems& expected, const std::vector<std::string>& stems) {
  if (expected.empty()) return 0;
  double found = 0;
  for (const auto& [stem, weight] : expected.stems)
    if (has(stems, stem)) found += weight;
  return found / expected.total;
}

void add_synonyms(QuestionContext& c, const Answer& a) {
  for (const auto& [term, phrases] : a.synonyms) {
    std::vector<std::vector<std::string>> group;
    group.push_back(content_stems(term));
    for (const std::string& p : phrases) group.push_back(content_stems(p));
    std::erase_if(group, [](const std::vector<std::string>& g) { return g.empty(); });
    if (group.size() > 1) c.synonym_groups.push_back(std::move(group));
  }
}

void add_references(QuestionContext& c, const Answer& a) {
  std::vector<std::vector<std::string>> documents;
  std::vector<std::string> points, answer_stems;
  for (const std::string& p : a.reference_points) {
    std::vector<std::string> stems = subject_stems(p);
    if (stems.empty()) continue;
    c.reference_points.push_back(p);
    documents.push_back(stems);
  }
  size_t point_count = documents.size();
  for (Span sentence : split_sentences(a.reference_answer)) {
    std::vector<std::string> stems = subject_stems(sentence.of(a.reference_answer));
    answer_stems.insert(answer_stems.end(), stems.begin(), stems.end());
    if (!stems.empty()) documents.push_back(std::move(stems));
  }
  plugin_support::sort_unique(answer_stems);
  for (const auto& concept_stems : c.concept_stems) documents.push_back(concept_stems);
  if (point_count == 0 && answer_stems.empty()) return;

  // Smoothed IDF over the question's own texts, demoted where the question says it.
  std::map<std::string, int> df;
  for (const auto& d : documents)
    for (const std::string& s : d) ++df[s];
  std::vector<std::string> question_stems = content_stems(c.question);
  double n = static_cast<double>(documents.size());
  std::map<std::string, double> weights;
  for (const auto& [stem, count] : df) {
    double w = std::log(1.0 + (n + 1.0) / (count + 0.5));
    if (has(question_stems, stem)) w *= kQuestionStemWeight;
    weights[stem] = w;
  }
  for (size_t i = 0; i < point_count; ++i) c.point_stems.push_back(weigh(documents[i], weights));
  c.reference_answer = weigh(answer_stems, weights);
  std::vector<std::string> vocabulary = answer_stems;
  for (size_t i = 0; i < point_count; ++i)
    vocabulary.insert(vocabulary.end(), documents[i].begin(), documents[i].end());
  plugin_support::sort_unique(vocabulary);
  c.vocabulary = weigh(vocabulary, weights);
}

}  // namespace

QuestionContext make_context(const Answer& main, const std::vector<std::string>& extra_concepts) {
  QuestionContext c;
  c.question = main.question;
  c.concepts = main.concepts;
  c.concepts.insert(c.concepts.end(), extra_concepts.begin(), extra_concepts.end());
  for (const std::string& concept_name : c.concepts) {
    c.concept_stems.push_back(content_stems(concept_name));
    c.all_concept_stems.insert(c.all_concept_stems.end(), c.concept_stems.back().begin(),
                               c.concept_stems.back().end());
  }
  plugin_support::sort_unique(c.all_concept_stems);
  add_synonyms(c, main);
  add_references(c, main);
  return c;
}

QuestionContext make_context(const Answer& answer) { return make_context(answer, {}); }

std::vector<std::string> with_synonyms(std::vector<std::string> stems, const QuestionContext& c) {
  if (c.synonym_groups.empty()) return stems;
  std::vector<std::string> added;
  for (const auto& group : c.synonym_groups) {
    bool named = std::any_of(group.begin(), group.end(), [&](const std::vector<std::string>& phrase) {
      return std::all_of(phrase.begin(), phrase.end(), [&](const std::string& s) { return has(stems, s); });
    });
    if (!named) continue;
    for (const auto& phrase : group) added.insert(added.end(), phrase.begin(), phrase.end());
  }
  stems.insert(stems.end(), added.begin(), added.end());
  plugin_support::sort_unique(stems);
  return stems;
}

Coverage measure_coverage(const QuestionContext& c, const std::vector<std::string>& stems) {
  Coverage out;
  if (!c.has_reference()) return out;
  out.measured = true;
  double credit = 0;
  for (size_t i = 0; i < c.point_stems.size(); ++i) {
    double share = share_of(c.point_stems[i], stems);
    credit += std::clamp((share - kPointFloor) / (kPointFull - kPointFloor), 0.0, 1.0);
    (share >= kPointCovered ? out.covered_points : out.missed_points).push_back(c.reference_points[i]);
  }
  double points = 0;
  if (!c.point_stems.empty()) {
    out.points_share = credit / static_cast<double>(c.point_stems.size());
    points = std::min(1.0, out.points_share / kPointsForFullCredit);
  }
  out.answer_share = share_of(c.reference_answer, stems);
  double answer = std::min(1.0, out.answer_share / kAnswerShareForFullCredit);
  if (c.point_stems.empty()) out.value = answer;
  else if (c.reference_answer.empty()) out.value = points;
  else out.value = kPointsWeight * points + (1 - kPointsWeight) * answer;
  return out;
}

double reference_weight(const QuestionContext& c, const std::vector<std::string>& sentence_stems) {
  double sum = 0;
  for (const auto& [stem, weight] : c.vocabulary.stems)
    if (has(sentence_stems, stem)) sum += weight;
  return sum;
}

std::string point_clause(std::string point) {
  while (!point.empty() && (point.back() == '.' || point.back() == ' ')) point.pop_back();
  if (point.size() > 1 && point[0] >= 'A' && point[0] <= 'Z' && point[1] >= 'a' && point[1] <= 'z')
    point[0] = static_cast<char>(point[0] - 'A' + 'a');
  return point;
}

}  // namespace mockroom::scoring_rubric
