// A scoring rubric (interviews/rubrics/*.json), parsed and validated.
//
// The report always has the four categories below, in this order. A rubric must name each
// of them exactly once; an assessed category has a weight (the assessed weights sum to 100)
// and a mix of signals whose weights sum to 1. Hire thresholds are strictly descending.
// Every problem is reported with the path of the offending field. Immutable once parsed.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json_fields.h"

namespace mockroom::scoring_rubric {

// The shared JSON reading helpers (plugins/support/json_fields.h).
using plugin_support::EmptyInput;
using plugin_support::Fields;
using plugin_support::InputError;
using plugin_support::parse_object;
using plugin_support::Parsed;
using plugin_support::Presence;

// What the scorer measures per answer, each in [0, 1].
//   clarity    length in the rubric's range, few fillers, sentences that do not ramble
//   structure  structure words and STAR completeness
//   star       situation, task, the candidate's own action, result
//   impact     a measurable result
//   relevance  the question's key concepts (with synonyms) and its own words
//   coverage   the reference points and reference answer (weighted stems, synonyms)
//   depth      complexity, edge cases, trade-offs, clarifying questions, reasons, examples
//   confidence few hedges ("I think", "maybe", "I guess") and few fillers
enum class Signal { kClarity, kStructure, kStar, kImpact, kRelevance, kCoverage, kDepth, kConfidence };
inline constexpr size_t kSignalCount = 8;
inline constexpr std::array<std::string_view, kSignalCount> kSignalNames = {
    "clarity", "structure", "star", "impact", "relevance", "coverage", "depth", "confidence"};

enum class Category { kCommunication, kProblemSolving, kAlgorithmReasoning, kCoding };
inline constexpr size_t kCategoryCount = 4;
inline constexpr std::array<std::string_view, kCategoryCount> kCategoryNames = {
    "Communication", "Problem Solving", "Algorithm Reasoning", "Coding"};

// How the Coding category is scored for a problem the candidate wrote code for.
enum class Criterion { kCorrectness, kEfficiency, kQuality, kProcess };
inline constexpr size_t kCriterionCount = 4;
inline constexpr std::array<std::string_view, kCriterionCount> kCriterionNames = {
    "Correctness", "Efficiency", "Code quality", "Problem-solving process"};

inline constexpr int kTotalCategoryWeight = 100;
inline constexpr size_t kMaxFillerWords = 64;
inline constexpr size_t kMaxFillerWordBytes = 32;
inline constexpr size_t kMaxLevelTextBytes = 1024;

inline constexpr size_t kMaxExtraCategories = 4;
inline constexpr size_t kMaxCategoryNameBytes = 64;

struct CategoryRubric {
  bool assessed = false;
  int weight = 0;                              // 1..100 when assessed, else 0
  std::array<double, kSignalCount> signals{};  // sums to 1 when assessed
  std::string description;                     // what the category judges; may be empty
  std::string strong, meets, below;            // level descriptions for explanations
};

struct HireThresholds {
  int strong_hire = 80;
  int hire = 65;
  int lean_no_hire = 50;
};

// Word counts for one answer (or one question's answers taken together).
struct AnswerLength {
  int min_words = 25;  // below: too short to judge
  int ideal_min = 60;
  int ideal_max = 250;
  int max_words = 400;  // above: rambling
};

// The relevance gate (signals.h): below `on_topic` (the larger of relevance and coverage)
// category values scale down to `floor` at 0. Stories told in the candidate's own words
// share few words with the question, so a behavioral rubric may gate gently.
struct RelevanceGate {
  double on_topic = 0.2;
  double floor = 0.5;  // 1 turns the gate off
};

struct Rubric {
  std::string id;
  std::string title;
  std::array<CategoryRubric, kCategoryCount> categories;
  HireThresholds thresholds;
  std::vector<std::string> filler_words;  // folded (see text.h), e.g. "um", "like,"
  AnswerLength length;
  RelevanceGate gate;
  // Coding criteria weights (sum 100), in Criterion order; the rubric's optional
  // "criteria": [{name, weight, source?}] names each of the four once.
  std::array<int, kCriterionCount> criteria = {40, 20, 20, 20};
  // Format-specific categories ("Technical Knowledge", "Culture Fit", "Confidence"):
  // scored and explained like the four, but not part of the overall score. The rubric's
  // optional "extraCategories": [{name, signals, levels?}].
  std::vector<std::pair<std::string, CategoryRubric>> extras;

  const CategoryRubric& operator[](Category c) const { return categories[static_cast<size_t>(c)]; }
};

// True when some assessed category (of the four) uses `signal`.
inline bool uses(const Rubric& rubric, Signal signal) {
  for (const CategoryRubric& c : rubric.categories)
    if (c.assessed && c.signals[static_cast<size_t>(signal)] > 0) return true;
  return false;
}

// Reads the rubric object at `fields` (e.g. request.rubric). Problems go to the InputError
// behind `fields`; the result is meaningful only when none was recorded.
Rubric read_rubric(Fields fields);

}  // namespace mockroom::scoring_rubric
