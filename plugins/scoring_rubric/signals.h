// Deterministic signals of one answer (or of one question's answers taken together).
//
// Per sentence: STAR cues (situation, task, the candidate's own action, result), quantified
// impact (numbers, %, money, durations, multipliers), filler words from the rubric,
// structure words ("first", "then", "as a result"), technical depth cues, declining, hits
// on the question's concepts and the weight of its reference vocabulary.
// Per text: those facts combined, plus relevance (Porter-stemmed concept coverage, with
// synonyms, and overlap with the question), coverage of the reference points and answer
// (reference.h), depth and clarity (length against the rubric's range, fillers per 100
// words, sentence length). Every signal value is in [0, 1].
//
// The relevance gate: an answer that neither touches the question's concepts nor covers
// its reference, or that declines the question, cannot score well on fluency alone; its
// `gate` (< 1) scales every category value. Pure functions, safe from any thread.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cues.h"
#include "reference.h"
#include "rubric.h"
#include "text.h"

namespace mockroom::scoring_rubric {

struct StarParts {
  bool situation = false;
  bool task = false;
  bool action = false;
  bool result = false;
  int count() const { return situation + task + action + result; }
};

struct SentenceFacts {
  Span span;  // into the analysed text
  size_t words = 0;
  StarParts star;
  bool quantified = false;
  std::vector<size_t> fillers;            // index into Rubric::filler_words, once per occurrence
  std::vector<std::string_view> markers;  // structure words found, each once
  size_t concept_hits = 0;                // stems of the question's concepts in this sentence
  double reference_weight = 0;            // weight of the reference vocabulary it uses
  DepthCues depth;
  bool declines = false;                  // "I don't know", "I'd rather skip this"
  bool generic = false;                   // a habit or a hypothetical, not one real instance
  bool disowns = false;                   // "I wasn't running it": the work was not theirs
  size_t hedges = 0;                      // "I think", "maybe", ...
};

struct TextSignals {
  size_t words = 0;
  std::vector<SentenceFacts> sentences;
  StarParts star;
  bool quantified = false;
  size_t filler_count = 0;
  size_t hedge_count = 0;
  double filler_per_100 = 0;
  double mean_sentence_words = 0;
  size_t sentence_count = 0;               // sentences.size() for one text; summed when combined
  size_t action_sentences = 0;             // sentences with the candidate's own action
  size_t generic_sentences = 0;            // sentences that speak of habits or hypotheticals
  bool disowned = false;                   // some sentence says the work was not theirs
  std::vector<std::string_view> markers;   // distinct structure words, sorted
  std::vector<std::string> stems;          // distinct content stems with compounds, sorted
  std::vector<std::string> covered_concepts;
  std::vector<std::string> missed_concepts;
  DepthCues depth;
  bool declines = false;  // some sentence declines the question
  bool opens_declining = false;  // the first sentence does
  Coverage coverage;
  bool declined = false;  // declines and does not answer it anyway
  double gate = 1.0;      // the relevance gate, (0, 1]
  std::array<double, kSignalCount> values{};  // indexed by Signal

  double value(Signal s) const { return values[static_cast<size_t>(s)]; }
  size_t distinct_markers() const { return markers.size(); }
  bool empty() const { return words == 0; }
};

TextSignals analyze_text(std::string_view text, const QuestionContext& context, const Rubric& rubric);

// The signals of several answers read as one text (their texts joined by line breaks, which
// always end a sentence), built from their analyses without reading the texts again. The
// result has no `sentences`: evidence quotes come from the parts.
TextSignals combine_texts(const std::vector<const TextSignals*>& parts, const QuestionContext& context,
                          const Rubric& rubric);

// A category's blend of signal values, scaled by the relevance gate, in [0, 1].
double category_value(const TextSignals& signals, const CategoryRubric& category);

}  // namespace mockroom::scoring_rubric
