// What a question expects of an answer, prepared once per question: its key concepts, the
// reference points a good answer covers and the reference answer, as Porter stems with
// weights, and the bank's synonyms as groups of phrases that count as one term.
//
// Matching is lexical but not raw word overlap:
// - stems, so "caching", "cached" and "caches" meet;
// - synonym groups: an answer that says "GIL" covers "global interpreter lock" and the
//   other way round;
// - weights in the manner of BM25's IDF over the question's own reference texts (points,
//   reference answer sentences, concepts): a stem that every point repeats tells a point
//   apart from no other and weighs less than one only a single point uses;
// - question demoting: a stem the question itself uses weighs little, since echoing the
//   question shows nothing; words that describe the grading rather than the subject
//   ("explains", "mentions") weigh nothing.
// A reference point counts in proportion to the weight of its stems that the answer has.
// Pure functions, safe from any thread; a QuestionContext is immutable once made.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mockroom::scoring_rubric {

struct Answer;

// A weighted set of stems (sorted by stem, unique).
struct WeightedStems {
  std::vector<std::pair<std::string, double>> stems;
  double total = 0;
  bool empty() const { return stems.empty() || total <= 0; }
};

struct QuestionContext {
  std::string question;
  std::vector<std::string> concepts;
  std::vector<std::vector<std::string>> concept_stems;  // parallel to concepts
  std::vector<std::string> all_concept_stems;           // sorted, unique
  std::vector<std::string> reference_points;
  std::vector<WeightedStems> point_stems;  // parallel to reference_points
  WeightedStems reference_answer;
  // Each group: the stems of each of its phrases (the concept first).
  std::vector<std::vector<std::vector<std::string>>> synonym_groups;
  WeightedStems vocabulary;  // every stem of the points and reference answer, its top weight

  bool has_reference() const { return !point_stems.empty() || !reference_answer.empty(); }
};

// The context of one answer's question.
QuestionContext make_context(const Answer& answer);
// The context of a thread: the main answer's, with `extra_concepts` (the follow-ups'
// concepts, for a main question that had none).
QuestionContext make_context(const Answer& main, const std::vector<std::string>& extra_concepts);

// `stems` (sorted, unique) plus the stems of every phrase of each synonym group that some
// phrase of the group fully matches, so any way of naming a term covers all of them.
std::vector<std::string> with_synonyms(std::vector<std::string> stems, const QuestionContext& context);

struct Coverage {
  double value = 0;           // [0, 1]
  bool measured = false;      // the question had reference points or a reference answer
  std::vector<std::string> covered_points;
  std::vector<std::string> missed_points;
  double points_share = 0;    // mean credit over the reference points, [0, 1]
  double answer_share = 0;    // weighted share of the reference answer's stems, [0, 1]
};

// How much of what the question expects the answer's stems (sorted, with synonyms) cover.
Coverage measure_coverage(const QuestionContext& context, const std::vector<std::string>& stems);

// The summed weight of the reference vocabulary in one sentence's stems (sorted, unique).
double reference_weight(const QuestionContext& context, const std::vector<std::string>& sentence_stems);

// A reference point ("Explains that X.") as the end of a sentence ("... explains that X"):
// first letter lower-cased unless it starts an acronym, final full stop dropped.
std::string point_clause(std::string point);

}  // namespace mockroom::scoring_rubric
