#include "signals.h"

#include <algorithm>

#include "cues.h"
#include "text_support.h"

namespace mockroom::scoring_rubric {
namespace {

// Clarity: length against the rubric's range.
constexpr double kLengthShortCeiling = 0.4;  // factor just under minWords
constexpr double kLengthAtMin = 0.6;         // factor at minWords, rising to 1 at idealMin
constexpr double kLengthAtMax = 0.7;         // factor at maxWords, falling from 1 at idealMax
constexpr double kLengthBeyondMax = 0.6;
// Clarity: fillers. Up to kFillerAllowance per 100 words cost nothing; the factor reaches 0
// at kFillerAllowance + kFillerSpan per 100 words.
constexpr double kFillerAllowancePer100 = 1.0;
constexpr double kFillerSpanPer100 = 8.0;
// Clarity: mean sentence length.
constexpr double kComfortableSentenceWords = 25;
constexpr double kRamblingSentenceWords = 45;
constexpr double kRamblingFactor = 0.4;
constexpr double kClarityLengthWeight = 0.4;
constexpr double kClarityFillerWeight = 0.35;
constexpr double kClaritySentenceWeight = 0.25;

// Structure: distinct structure words (up to the target) and STAR completeness, half each.
constexpr double kStructureMarkerTarget = 3;
constexpr double kStructureMarkerWeight = 0.5;
constexpr double kStarPartCount = 4;

// STAR: action and result matter most.
constexpr double kSituationWeight = 0.2;
constexpr double kTaskWeight = 0.2;
constexpr double kActionWeight = 0.3;
constexpr double kResultWeight = 0.3;

// Impact: a stated result without a number earns part of the credit.
constexpr double kUnquantifiedResultImpact = 0.4;

// Relevance: covering this share of the concepts earns full concept credit.
constexpr double kCoverageForFullCredit = 0.5;
constexpr double kConceptRelevanceWeight = 0.7;
// Sharing this many content stems with the question earns full question credit.
constexpr double kQuestionStemTarget = 3;
// With neither concepts nor a question there is nothing to measure relevance against.
constexpr double kUnmeasurableRelevance = 1.0;

constexpr double kPer100 = 100.0;

double blend(double from, double to, double t) {
  return from + (to - from) * std::clamp(t, 0.0, 1.0);
}

double length_factor(size_t words, const AnswerLength& l) {
  double w = static_cast<double>(words);
  if (words == 0) return 0;
  if (w < l.min_words) return kLengthShortCeiling * w / l.min_words;
  if (w < l.ideal_min)
    return blend(kLengthAtMin, 1.0, (w - l.min_words) / (l.ideal_min - l.min_words));
  if (w <= l.ideal_max) return 1.0;
  if (w <= l.max_words)
    return blend(1.0, kLengthAtMax, (w - l.ideal_max) / (l.max_words - l.ideal_max));
  return kLengthBeyondMax;
}

double filler_factor(double per_100) {
  return 1.0 - std::clamp((per_100 - kFillerAllowancePer100) / kFillerSpanPer100, 0.0, 1.0);
}

double sentence_factor(double mean_words) {
  return blend(1.0, kRamblingFactor,
               (mean_words - kComfortableSentenceWords) /
                   (kRamblingSentenceWords - kComfortableSentenceWords));
}

double star_value(const StarParts& s) {
  return kSituationWeight * s.situation + kTaskWeight * s.task + kActionWeight * s.action +
         kResultWeight * s.result;
}

bool contains_stem(const std::vector<std::string>& sorted_stems, const std::string& stem) {
  return std::binary_search(sorted_stems.begin(), sorted_stems.end(), stem);
}

// A concept is covered when at least half of its content stems occur in the text.
bool covered(const std::vector<std::string>& concept_stems,
             const std::vector<std::string>& text_stems) {
  if (concept_stems.empty()) return false;
  size_t found = static_cast<size_t>(
      std::count_if(concept_stems.begin(), concept_stems.end(),
                    [&](const std::string& s) { return contains_stem(text_stems, s); }));
  return found * 2 >= concept_stems.size();
}

// The facts of one sentence; its content stems (with compounds) go to `stems`.
SentenceFacts sentence_facts(std::string_view text, Span span, const Rubric& rubric,
                             const std::vector<std::string>& concept_stems,
                             std::vector<std::string>& stems) {
  std::string_view sentence = span.of(text);
  std::string folded = fold(sentence);
  std::vector<Token> tokens = tokenize(sentence);
  SentenceFacts f;
  f.span = span;
  f.words = count_words(tokens);
  f.star.situation = has_situation_cue(folded, tokens);
  f.star.task = has_task_cue(folded);
  f.star.action = has_personal_action(tokens);
  f.star.result = has_result_cue(folded);
  f.quantified = is_quantified(tokens);
  for (size_t i = 0; i < rubric.filler_words.size(); ++i)
    f.fillers.insert(f.fillers.end(), count_phrase(folded, rubric.filler_words[i]), i);
  f.markers = structure_markers(folded);
  std::vector<std::string> own = content_stems(sentence, Compounds::kAlsoPairs);
  f.concept_hits = static_cast<size_t>(
      std::count_if(concept_stems.begin(), concept_stems.end(),
                    [&](const std::string& s) { return contains_stem(own, s); }));
  stems.insert(stems.end(), std::make_move_iterator(own.begin()),
               std::make_move_iterator(own.end()));
  return f;
}

// Each concept's content stems, stemmed once per analysis.
std::vector<std::vector<std::string>> stems_of(const std::vector<std::string>& concepts) {
  std::vector<std::vector<std::string>> out;
  out.reserve(concepts.size());
  for (const std::string& c : concepts) out.push_back(content_stems(c));
  return out;
}

double relevance(TextSignals& out, std::string_view question,
                 const std::vector<std::string>& concepts,
                 const std::vector<std::vector<std::string>>& concept_stems) {
  for (size_t i = 0; i < concepts.size(); ++i)
    (covered(concept_stems[i], out.stems) ? out.covered_concepts : out.missed_concepts)
        .push_back(concepts[i]);

  std::vector<std::string> question_stems = content_stems(question);
  double question_share = 0;
  if (!question_stems.empty()) {
    size_t shared = static_cast<size_t>(
        std::count_if(question_stems.begin(), question_stems.end(),
                      [&](const std::string& s) { return contains_stem(out.stems, s); }));
    double target = std::min(kQuestionStemTarget, static_cast<double>(question_stems.size()));
    question_share = std::min(1.0, static_cast<double>(shared) / target);
  }
  if (concepts.empty()) return question_stems.empty() ? kUnmeasurableRelevance : question_share;
  double coverage =
      static_cast<double>(out.covered_concepts.size()) / static_cast<double>(concepts.size());
  double concept_share = std::min(1.0, coverage / kCoverageForFullCredit);
  return kConceptRelevanceWeight * concept_share + (1 - kConceptRelevanceWeight) * question_share;
}

// Turns the summed facts of `out` (words, sentences, STAR parts, fillers, markers, stems)
// into the signal values.
void finish(TextSignals& out, std::string_view question, const std::vector<std::string>& concepts,
            const std::vector<std::vector<std::string>>& concept_stems, const Rubric& rubric) {
  if (out.words == 0) {
    out.missed_concepts = concepts;
    return;  // every value stays 0
  }
  plugin_support::sort_unique(out.markers);
  plugin_support::sort_unique(out.stems);
  double words = static_cast<double>(out.words);
  out.filler_per_100 = kPer100 * static_cast<double>(out.filler_count) / words;
  out.mean_sentence_words = words / static_cast<double>(out.sentence_count);

  auto& v = out.values;
  v[static_cast<size_t>(Signal::kClarity)] =
      kClarityLengthWeight * length_factor(out.words, rubric.length) +
      kClarityFillerWeight * filler_factor(out.filler_per_100) +
      kClaritySentenceWeight * sentence_factor(out.mean_sentence_words);
  v[static_cast<size_t>(Signal::kStar)] = star_value(out.star);
  v[static_cast<size_t>(Signal::kStructure)] =
      kStructureMarkerWeight *
          std::min(1.0, static_cast<double>(out.distinct_markers()) / kStructureMarkerTarget) +
      (1 - kStructureMarkerWeight) * out.star.count() / kStarPartCount;
  v[static_cast<size_t>(Signal::kImpact)] = out.quantified    ? 1.0
                                            : out.star.result ? kUnquantifiedResultImpact
                                                              : 0.0;
  v[static_cast<size_t>(Signal::kRelevance)] = relevance(out, question, concepts, concept_stems);
}

void add_facts(TextSignals& out, const StarParts& star, bool quantified) {
  out.star.situation |= star.situation;
  out.star.task |= star.task;
  out.star.action |= star.action;
  out.star.result |= star.result;
  out.quantified |= quantified;
}

}  // namespace

TextSignals analyze_text(std::string_view text, std::string_view question,
                         const std::vector<std::string>& concepts, const Rubric& rubric) {
  TextSignals out;
  std::vector<std::vector<std::string>> per_concept = stems_of(concepts);
  std::vector<std::string> concept_stems;
  for (const std::vector<std::string>& s : per_concept)
    concept_stems.insert(concept_stems.end(), s.begin(), s.end());
  plugin_support::sort_unique(concept_stems);

  for (Span span : split_sentences(text)) {
    SentenceFacts f = sentence_facts(text, span, rubric, concept_stems, out.stems);
    out.words += f.words;
    add_facts(out, f.star, f.quantified);
    out.filler_count += f.fillers.size();
    out.markers.insert(out.markers.end(), f.markers.begin(), f.markers.end());
    out.sentences.push_back(std::move(f));
  }
  out.sentence_count = out.sentences.size();
  finish(out, question, concepts, per_concept, rubric);
  return out;
}

TextSignals combine_texts(const std::vector<const TextSignals*>& parts, std::string_view question,
                          const std::vector<std::string>& concepts, const Rubric& rubric) {
  TextSignals out;
  for (const TextSignals* part : parts) {
    out.words += part->words;
    out.sentence_count += part->sentence_count;
    add_facts(out, part->star, part->quantified);
    out.filler_count += part->filler_count;
    out.markers.insert(out.markers.end(), part->markers.begin(), part->markers.end());
    out.stems.insert(out.stems.end(), part->stems.begin(), part->stems.end());
  }
  finish(out, question, concepts, stems_of(concepts), rubric);
  return out;
}

double category_value(const TextSignals& signals, const CategoryRubric& category) {
  double sum = 0;
  for (size_t i = 0; i < kSignalCount; ++i) sum += category.signals[i] * signals.values[i];
  return std::clamp(sum, 0.0, 1.0);
}

}  // namespace mockroom::scoring_rubric
