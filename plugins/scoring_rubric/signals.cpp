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
constexpr double kOrganisedSentences = 4;  // this many sentences of comfortable length

// STAR: action and result matter most.
constexpr double kSituationWeight = 0.2;
constexpr double kTaskWeight = 0.2;
constexpr double kActionWeight = 0.3;
constexpr double kResultWeight = 0.3;

// STAR ownership: with this share of sentences saying what "I" did, the action part earns
// full credit; a single "I mentioned it once" in a long story earns kThinActionCredit.
constexpr double kOwnedShare = 0.3;
constexpr double kThinActionCredit = 0.5;
// STAR specificity: this share of generic sentences costs kGenericPenalty of the STAR value.
constexpr double kGenericShare = 0.4;
constexpr double kGenericPenalty = 0.5;
// STAR ownership: a story the candidate says was not theirs ("I wasn't running it") costs
// kDisownedPenalty of the STAR value, however many "I" sentences it has.
constexpr double kDisownedPenalty = 0.5;

// Impact: a stated result without a number earns part of the credit.
constexpr double kUnquantifiedResultImpact = 0.4;

// Relevance: covering this share of the concepts earns full concept credit.
constexpr double kCoverageForFullCredit = 0.5;
constexpr double kConceptRelevanceWeight = 0.7;
// Sharing this many content stems with the question earns full question credit.
constexpr double kQuestionStemTarget = 3;
// With neither concepts nor a question there is nothing to measure relevance against.
constexpr double kUnmeasurableRelevance = 1.0;

// Depth: complexity, edge cases and trade-offs count fully, a clarifying question nearly so,
// reasons and examples half; this many points earn full depth.
constexpr double kDepthCueWeight = 1.0;
constexpr double kClarifyingWeight = 0.75;
constexpr double kSupportWeight = 0.5;
constexpr double kDepthTarget = 2.5;

// The relevance gate. How on-topic the text is: the larger of relevance and coverage (when
// the question has a reference), since a story in the candidate's own words may match one
// and not the other. Below the rubric's onTopic the category values scale down linearly to
// its floor at 0: lexical matching cannot prove an answer on topic, so only near-total
// misses count.
// A declined question (a decline cue in fewer than kDeclineAnswerWords words, or an answer
// that opens by declining with coverage below kDeclineCoverage) scales by at most
// kDeclinedGate.
constexpr double kDeclineCoverage = 0.2;  // coverage below this leaves a decline standing
constexpr double kDeclinedGate = 0.55;
constexpr size_t kDeclineAnswerWords = 40;

// Confidence: up to kHedgeAllowancePer100 hedges per 100 words cost nothing; the hedge
// factor reaches 0 at kHedgeAllowancePer100 + kHedgeSpanPer100. Fillers make up the rest.
constexpr double kHedgeAllowancePer100 = 1.0;
constexpr double kHedgeSpanPer100 = 5.0;
constexpr double kConfidenceHedgeWeight = 0.6;

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

// STAR: the parts present, the action part in proportion to how much of the story is the
// candidate's own doing, and all of it discounted where the answer speaks of habits ("I
// always ...", "communication is key") or hypotheticals instead of one real instance.
double star_value(const TextSignals& t) {
  const StarParts& s = t.star;
  double sentences = static_cast<double>(std::max<size_t>(1, t.sentence_count));
  double ownership = std::min(1.0, static_cast<double>(t.action_sentences) / sentences / kOwnedShare);
  double parts = kSituationWeight * s.situation + kTaskWeight * s.task +
                 kActionWeight * s.action * blend(kThinActionCredit, 1.0, ownership) + kResultWeight * s.result;
  double generic = std::min(1.0, static_cast<double>(t.generic_sentences) / sentences / kGenericShare);
  return parts * (1 - kGenericPenalty * generic) * (t.disowned ? 1 - kDisownedPenalty : 1.0);
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
                             const QuestionContext& context, std::vector<std::string>& stems) {
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
  f.depth = depth_cues(folded, sentence);
  f.generic = is_generic(folded, tokens);
  f.disowns = disowns_work(folded, tokens);
  f.hedges = count_hedges(folded);
  f.declines = declines_question(folded);
  std::vector<std::string> own = with_synonyms(content_stems(sentence, Compounds::kAlsoPairs), context);
  f.concept_hits = static_cast<size_t>(
      std::count_if(context.all_concept_stems.begin(), context.all_concept_stems.end(),
                    [&](const std::string& s) { return contains_stem(own, s); }));
  f.reference_weight = reference_weight(context, own);
  stems.insert(stems.end(), std::make_move_iterator(own.begin()),
               std::make_move_iterator(own.end()));
  return f;
}

double relevance(TextSignals& out, const std::vector<std::string>& stems, const QuestionContext& c) {
  for (size_t i = 0; i < c.concepts.size(); ++i)
    (covered(c.concept_stems[i], stems) ? out.covered_concepts : out.missed_concepts)
        .push_back(c.concepts[i]);

  std::vector<std::string> question_stems = content_stems(c.question);
  double question_share = 0;
  if (!question_stems.empty()) {
    size_t shared = static_cast<size_t>(
        std::count_if(question_stems.begin(), question_stems.end(),
                      [&](const std::string& s) { return contains_stem(stems, s); }));
    double target = std::min(kQuestionStemTarget, static_cast<double>(question_stems.size()));
    question_share = std::min(1.0, static_cast<double>(shared) / target);
  }
  if (c.concepts.empty()) return question_stems.empty() ? kUnmeasurableRelevance : question_share;
  double coverage =
      static_cast<double>(out.covered_concepts.size()) / static_cast<double>(c.concepts.size());
  double concept_share = std::min(1.0, coverage / kCoverageForFullCredit);
  return kConceptRelevanceWeight * concept_share + (1 - kConceptRelevanceWeight) * question_share;
}

double depth_value(const DepthCues& d) {
  double points = kDepthCueWeight * (d.complexity + d.edge_cases + d.trade_offs) +
                  kClarifyingWeight * d.clarifying + kSupportWeight * (d.reasoning + d.example);
  return std::min(1.0, points / kDepthTarget);
}

// How far off the question the text is, as the factor that scales its category values.
double relevance_gate(const TextSignals& out, bool measurable, const RelevanceGate& g) {
  double on_topic = out.value(Signal::kRelevance);
  if (out.coverage.measured) on_topic = std::max(on_topic, out.coverage.value);
  double gate = measurable && g.on_topic > 0 ? blend(g.floor, 1.0, on_topic / g.on_topic) : 1.0;
  if (out.declined) gate = std::min(gate, kDeclinedGate);
  return gate;
}

// Turns the summed facts of `out` (words, sentences, STAR parts, fillers, markers, stems)
// into the signal values.
void finish(TextSignals& out, const QuestionContext& context, const Rubric& rubric) {
  if (out.words == 0) {
    out.missed_concepts = context.concepts;
    out.coverage.measured = context.has_reference();
    out.coverage.missed_points = context.reference_points;
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
  v[static_cast<size_t>(Signal::kStar)] = star_value(out);
  // STAR is the structure of a story, and counts only where the rubric assesses it.
  double markers = std::min(1.0, static_cast<double>(out.distinct_markers()) / kStructureMarkerTarget);
  // An explanation without a story is organised by signposts and by being broken into
  // sentences a listener can follow.
  double organised = std::min(1.0, static_cast<double>(out.sentence_count) / kOrganisedSentences) *
                     sentence_factor(out.mean_sentence_words);
  v[static_cast<size_t>(Signal::kStructure)] =
      uses(rubric, Signal::kStar) ? kStructureMarkerWeight * markers +
                                        (1 - kStructureMarkerWeight) * out.star.count() / kStarPartCount
                                  : kStructureMarkerWeight * markers + (1 - kStructureMarkerWeight) * organised;
  v[static_cast<size_t>(Signal::kImpact)] = out.quantified    ? 1.0
                                            : out.star.result ? kUnquantifiedResultImpact
                                                              : 0.0;
  std::vector<std::string> stems = with_synonyms(out.stems, context);
  v[static_cast<size_t>(Signal::kRelevance)] = relevance(out, stems, context);
  out.coverage = measure_coverage(context, stems);
  // Without a reference, coverage is what relevance measures.
  v[static_cast<size_t>(Signal::kCoverage)] =
      out.coverage.measured ? out.coverage.value : v[static_cast<size_t>(Signal::kRelevance)];
  v[static_cast<size_t>(Signal::kDepth)] = depth_value(out.depth);
  double hedges_per_100 = kPer100 * static_cast<double>(out.hedge_count) / words;
  v[static_cast<size_t>(Signal::kConfidence)] =
      kConfidenceHedgeWeight * (1 - std::clamp((hedges_per_100 - kHedgeAllowancePer100) / kHedgeSpanPer100, 0.0, 1.0)) +
      (1 - kConfidenceHedgeWeight) * filler_factor(out.filler_per_100);
  // "I'm not sure anyone else noticed" in the middle of a story declines nothing: only a
  // short answer, or one that opens by declining and then stays off the question, does.
  out.declined = (out.declines && out.words < kDeclineAnswerWords) ||
                 (out.opens_declining && v[static_cast<size_t>(Signal::kCoverage)] < kDeclineCoverage);
  bool measurable = out.coverage.measured || !context.concepts.empty();
  out.gate = relevance_gate(out, measurable, rubric.gate);
}

void add_facts(TextSignals& out, const StarParts& star, bool quantified, const DepthCues& depth,
               bool declines) {
  out.star.situation |= star.situation;
  out.star.task |= star.task;
  out.star.action |= star.action;
  out.star.result |= star.result;
  out.quantified |= quantified;
  out.depth.merge(depth);
  out.declines |= declines;
}

}  // namespace

TextSignals analyze_text(std::string_view text, const QuestionContext& context, const Rubric& rubric) {
  TextSignals out;
  for (Span span : split_sentences(text)) {
    SentenceFacts f = sentence_facts(text, span, rubric, context, out.stems);
    out.words += f.words;
    add_facts(out, f.star, f.quantified, f.depth, f.declines);
    if (out.sentences.empty()) out.opens_declining = f.declines;
    out.action_sentences += f.star.action;
    out.hedge_count += f.hedges;
    out.generic_sentences += f.generic;
    out.disowned |= f.disowns;
    out.filler_count += f.fillers.size();
    out.markers.insert(out.markers.end(), f.markers.begin(), f.markers.end());
    out.sentences.push_back(std::move(f));
  }
  out.sentence_count = out.sentences.size();
  finish(out, context, rubric);
  return out;
}

TextSignals combine_texts(const std::vector<const TextSignals*>& parts, const QuestionContext& context,
                          const Rubric& rubric) {
  TextSignals out;
  if (!parts.empty()) out.opens_declining = parts.front()->opens_declining;
  for (const TextSignals* part : parts) {
    out.words += part->words;
    out.sentence_count += part->sentence_count;
    out.action_sentences += part->action_sentences;
    out.hedge_count += part->hedge_count;
    out.generic_sentences += part->generic_sentences;
    out.disowned |= part->disowned;
    add_facts(out, part->star, part->quantified, part->depth, part->declines);
    out.filler_count += part->filler_count;
    out.markers.insert(out.markers.end(), part->markers.begin(), part->markers.end());
    out.stems.insert(out.stems.end(), part->stems.begin(), part->stems.end());
  }
  finish(out, context, rubric);
  return out;
}

double category_value(const TextSignals& signals, const CategoryRubric& category) {
  double sum = 0;
  for (size_t i = 0; i < kSignalCount; ++i) sum += category.signals[i] * signals.values[i];
  return std::clamp(sum * signals.gate, 0.0, 1.0);
}

}  // namespace mockroom::scoring_rubric
