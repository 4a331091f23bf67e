#include "evidence.h"

#include <algorithm>
#include <array>
#include <optional>

namespace mockroom::scoring_rubric {
namespace {

constexpr double kStrongSignal = 0.7;  // an answer this good on a signal can show a strength
constexpr double kWeakSignal = 0.6;    // an answer below this on a signal can show a weakness
constexpr size_t kMinQuoteWords = 6;
constexpr size_t kComfortableQuoteWords = 25;
constexpr size_t kRamblingSentenceWords = 45;
constexpr double kFillerAllowancePer100 = 1.0;
constexpr size_t kMaxNamedItems = 3;
constexpr size_t kMissingDepthToShow = 2;  // depth shows as a weakness when this many cues are absent
constexpr double kPureActionBonus = 0.5;
constexpr double kSupportCueShare = 0.5;  // a reason or an example shows half as much depth

// A sentence chosen as evidence: answer index, sentence index, what it shows.
struct Pick {
  size_t answer;
  size_t sentence;
  std::string note;
};

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < kMaxNamedItems; ++i) {
    if (i > 0) out += ", ";
    out += "\"" + items[i] + "\"";
  }
  return out;
}

std::vector<std::string> missing_parts(const StarParts& s) {
  std::vector<std::string> out;
  if (!s.situation) out.push_back("situation");
  if (!s.task) out.push_back("task");
  if (!s.action) out.push_back("your own action");
  if (!s.result) out.push_back("result");
  return out;
}

// The depth cues `d` has (or lacks, when `present` is false), most telling first.
std::vector<std::string> depth_names(const DepthCues& d, bool present) {
  std::vector<std::string> out;
  if (d.complexity == present) out.push_back("complexity or cost");
  if (d.edge_cases == present) out.push_back("edge cases");
  if (d.trade_offs == present) out.push_back("trade-offs");
  if (d.clarifying == present) out.push_back("clarifying questions or assumptions");
  return out;
}

double depth_count(const DepthCues& d) {
  return d.complexity + d.edge_cases + d.trade_offs + d.clarifying + kSupportCueShare * (d.reasoning + d.example);
}

std::string plain_list(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : ", ") + items[i];
  return out;
}

// Chooses evidence sentences for one category, never the same sentence twice.
class Picker {
 public:
  Picker(const ScoreRequest& request, const SessionAnalysis& session)
      : request_(request), session_(session) {
    for (const TextSignals& a : session.answers) scores_.push_back(answer_score(a, request.rubric));
  }

  // The sentence that best shows strength on `signal`, from the best answer that has one.
  std::optional<Pick> strength(Signal signal) {
    for (size_t i : ranked(signal, /*best_first=*/true)) {
      if (session_.answers[i].value(signal) < kStrongSignal) break;
      if (auto pick = strength_in(i, signal)) return take(std::move(*pick));
    }
    return std::nullopt;
  }

  // The sentence that best shows weakness on `signal`, from the worst answer that has one.
  std::optional<Pick> weakness(Signal signal) {
    for (size_t i : ranked(signal, /*best_first=*/false)) {
      if (session_.answers[i].value(signal) >= kWeakSignal) continue;
      if (auto pick = weakness_in(i, signal)) return take(std::move(*pick));
    }
    return std::nullopt;
  }

  // The first sentence of the answer with the most words.
  std::optional<Pick> representative(int score) const {
    std::optional<size_t> longest;
    for (size_t i = 0; i < session_.answers.size(); ++i) {
      if (session_.answers[i].empty()) continue;
      if (!longest || session_.answers[i].words > session_.answers[*longest].words) longest = i;
    }
    if (!longest) return std::nullopt;
    return Pick{*longest, 0,
                "Typical of your answers here (category score " + std::to_string(score) + ")."};
  }

 private:
  enum class End { kFirst, kLast };

  Pick take(Pick pick) {
    taken_.push_back(pick);
    return pick;
  }

  bool is_taken(size_t answer, size_t sentence) const {
    return std::any_of(taken_.begin(), taken_.end(),
                       [&](const Pick& p) { return p.answer == answer && p.sentence == sentence; });
  }

  // The free sentence of answer `i` maximising `score` (> 0 only), earliest on ties.
  template <class Score>
  std::optional<size_t> best(size_t i, Score score) const {
    const TextSignals& a = session_.answers[i];
    std::optional<size_t> found;
    double found_score = 0;
    for (size_t k = 0; k < a.sentences.size(); ++k) {
      double s = is_taken(i, k) ? 0.0 : score(a.sentences[k]);
      if (s > found_score) {
        found = k;
        found_score = s;
      }
    }
    return found;
  }

  // The first (or last) free sentence of answer `i`, as a pick with `note`.
  std::optional<Pick> at_end(size_t i, End end, std::string note) const {
    size_t n = session_.answers[i].sentences.size();
    for (size_t step = 0; step < n; ++step) {
      size_t k = end == End::kFirst ? step : n - 1 - step;
      if (!is_taken(i, k)) return Pick{i, k, std::move(note)};
    }
    return std::nullopt;
  }

  // Answers with words, main answers before follow-ups, then by the signal's value, then by
  // the answer's overall score (both best or both worst first), then in order given.
  std::vector<size_t> ranked(Signal signal, bool best_first) const {
    std::vector<size_t> order;
    for (size_t i = 0; i < session_.answers.size(); ++i)
      if (!session_.answers[i].empty()) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      bool fa = request_.answers[a].is_follow_up, fb = request_.answers[b].is_follow_up;
      if (fa != fb) return !fa;
      double va = session_.answers[a].value(signal), vb = session_.answers[b].value(signal);
      if (va != vb) return best_first ? va > vb : va < vb;
      return best_first ? scores_[a] > scores_[b] : scores_[a] < scores_[b];
    });
    return order;
  }

  std::optional<Pick> strength_in(size_t i, Signal signal) const {
    const TextSignals& a = session_.answers[i];
    auto pick = [&](std::optional<size_t> s, std::string note) -> std::optional<Pick> {
      if (!s) return std::nullopt;
      return Pick{i, *s, std::move(note)};
    };
    switch (signal) {
      case Signal::kClarity: {
        auto s = best(i, [](const SentenceFacts& f) {
          bool plain =
              f.fillers.empty() && f.words >= kMinQuoteWords && f.words <= kComfortableQuoteWords;
          return plain ? 1.0 + static_cast<double>(f.markers.size()) : 0.0;
        });
        return pick(s, s ? "Clear and direct: " + std::to_string(a.sentences[*s].words) +
                               " words, no filler."
                         : "");
      }
      case Signal::kStructure: {
        auto s = best(i, [](const SentenceFacts& f) { return double(f.markers.size()); });
        if (!s) return std::nullopt;
        std::vector<std::string> markers(a.sentences[*s].markers.begin(),
                                         a.sentences[*s].markers.end());
        return pick(s, "Signposts the story with " + quoted_list(markers) + ".");
      }
      case Signal::kStar: {
        // An action sentence; one that also gives the result, or that is not just scene
        // setting ("At my last job, I ..."), shows it best.
        auto s = best(i, [](const SentenceFacts& f) {
          if (!f.star.action) return 0.0;
          return 1.0 + f.star.result + (f.star.situation ? 0.0 : kPureActionBonus);
        });
        if (!s) return std::nullopt;
        return pick(s, a.sentences[*s].star.result ? "Connects what you did to the result."
                                                   : "Makes your own action clear.");
      }
      case Signal::kImpact: {
        auto s = best(
            i, [](const SentenceFacts& f) { return f.quantified ? 1.0 + f.star.result : 0.0; });
        return pick(s, "Quantifies the outcome.");
      }
      case Signal::kRelevance: {
        auto s = best(i, [](const SentenceFacts& f) { return double(f.concept_hits); });
        if (!s || a.covered_concepts.empty()) return std::nullopt;
        return pick(s, "Speaks to the question's focus: " + quoted_list(a.covered_concepts) + ".");
      }
      case Signal::kCoverage: {
        if (!a.coverage.measured) return strength_in(i, Signal::kRelevance);
        auto s = best(i, [](const SentenceFacts& f) { return f.reference_weight; });
        if (!s || a.coverage.covered_points.empty()) return std::nullopt;
        size_t points = a.coverage.covered_points.size() + a.coverage.missed_points.size();
        return pick(s, "Covers what a strong answer needs: " + std::to_string(a.coverage.covered_points.size()) +
                           " of " + std::to_string(points) + " key points in this answer.");
      }
      case Signal::kDepth: {
        auto s = best(i, [](const SentenceFacts& f) { return depth_count(f.depth); });
        if (!s) return std::nullopt;
        std::vector<std::string> shown = depth_names(a.sentences[*s].depth, true);
        if (shown.empty()) return pick(s, "Backs the point with a reason or an example.");
        return pick(s, "Goes into depth: " + plain_list(shown) + ".");
      }
      case Signal::kConfidence: {
        auto s = best(i, [](const SentenceFacts& f) {
          return f.hedges == 0 && f.fillers.empty() && f.words >= kMinQuoteWords ? 1.0 + f.star.action : 0.0;
        });
        return pick(s, "Said plainly, without hedging.");
      }
    }
    return std::nullopt;
  }

  std::optional<Pick> weakness_in(size_t i, Signal signal) const {
    const TextSignals& a = session_.answers[i];
    const AnswerLength& length = request_.rubric.length;
    switch (signal) {
      case Signal::kClarity: {
        auto filler = best(i, [](const SentenceFacts& f) { return double(f.fillers.size()); });
        if (filler && a.filler_per_100 > kFillerAllowancePer100) {
          std::vector<std::string> names;
          for (size_t k : a.sentences[*filler].fillers) {
            const std::string& name = request_.rubric.filler_words[k];
            if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
          }
          return Pick{i, *filler, "Filler words here (" + quoted_list(names) + ") blur the point."};
        }
        auto longest = best(i, [](const SentenceFacts& f) { return double(f.words); });
        if (longest && a.sentences[*longest].words > kRamblingSentenceWords)
          return Pick{i, *longest,
                      "One " + std::to_string(a.sentences[*longest].words) +
                          "-word sentence; shorter sentences would land better."};
        if (a.words < static_cast<size_t>(length.min_words))
          return at_end(i, End::kFirst,
                        "Only " + std::to_string(a.words) +
                            " words in this answer; too brief to show your thinking.");
        if (a.words > static_cast<size_t>(length.max_words))
          return at_end(i, End::kFirst,
                        "This answer runs " + std::to_string(a.words) + " words; aim for " +
                            std::to_string(length.ideal_min) + "-" +
                            std::to_string(length.ideal_max) + ".");
        return std::nullopt;
      }
      case Signal::kStructure:
      case Signal::kStar: {
        // An explanation is structured by signposts; STAR is asked of stories only.
        if (signal == Signal::kStructure && !uses(request_.rubric, Signal::kStar)) {
          if (a.distinct_markers() > 0) return std::nullopt;
          return at_end(i, End::kFirst, "No signposting words (\"first\", \"then\", \"so\") to guide the listener.");
        }
        std::vector<std::string> missing = missing_parts(a.star);
        if (!missing.empty()) {
          // A missing result shows best where the answer stops.
          return at_end(i, a.star.result ? End::kFirst : End::kLast,
                        "Missing from this answer (STAR): " + plain_list(missing) + ".");
        }
        if (signal == Signal::kStructure && a.distinct_markers() == 0)
          return at_end(i, End::kFirst,
                        "No signposting words (\"first\", \"then\", \"as a result\").");
        return std::nullopt;
      }
      case Signal::kImpact: {
        if (a.quantified) return std::nullopt;
        auto result = best(i, [](const SentenceFacts& f) { return double(f.star.result); });
        if (result)
          return Pick{i, *result,
                      "States an outcome but no number; add time saved, %, money or "
                      "people affected."};
        return at_end(i, End::kLast, "No measurable result in this answer.");
      }
      case Signal::kRelevance: {
        if (a.missed_concepts.empty()) return std::nullopt;
        return at_end(i, End::kFirst, "Does not address " + quoted_list(a.missed_concepts) + ".");
      }
      case Signal::kCoverage: {
        if (!a.coverage.measured) return weakness_in(i, Signal::kRelevance);
        if (a.declined) return at_end(i, End::kFirst, "Passes on the question instead of reasoning towards an answer.");
        if (a.coverage.missed_points.empty()) return std::nullopt;
        return at_end(i, End::kLast, "A strong answer also " + point_clause(a.coverage.missed_points.front()) + ".");
      }
      case Signal::kDepth: {
        std::vector<std::string> missing = depth_names(a.depth, false);
        if (missing.size() < kMissingDepthToShow) return std::nullopt;
        missing.resize(std::min(missing.size(), kMaxNamedItems));
        return at_end(i, End::kLast, "Stays at the surface: nothing on " + plain_list(missing) + ".");
      }
      case Signal::kConfidence: {
        auto s = best(i, [](const SentenceFacts& f) { return double(f.hedges + f.fillers.size()); });
        if (!s) return std::nullopt;
        return Pick{i, *s, "Hedges and fillers here (\"I think\", \"maybe\") undercut the point; say it as a fact."};
      }
    }
    return std::nullopt;
  }

  const ScoreRequest& request_;
  const SessionAnalysis& session_;
  std::vector<int> scores_;  // answer_score() per answer
  std::vector<Pick> taken_;
};

// The category's signals with weight, heaviest first (ties in Signal order).
std::vector<Signal> signals_by_weight(const CategoryRubric& c) {
  std::vector<Signal> out;
  for (size_t i = 0; i < kSignalCount; ++i)
    if (c.signals[i] > 0) out.push_back(static_cast<Signal>(i));
  std::stable_sort(out.begin(), out.end(), [&](Signal a, Signal b) {
    return c.signals[static_cast<size_t>(a)] > c.signals[static_cast<size_t>(b)];
  });
  return out;
}

}  // namespace

std::vector<Example> choose_examples(const CategoryRubric& rubric, int score, const ScoreRequest& request,
                                     const SessionAnalysis& session, const Config& config) {
  if (!rubric.assessed || session.nothing_answered) return {};
  Picker picker(request, session);
  std::vector<Signal> order = signals_by_weight(rubric);

  // Strengths from the heaviest signals; weaknesses from the largest shortfalls (weight
  // times how far the session mean falls short).
  std::vector<Pick> goods, bads;
  for (Signal s : order)
    if (auto p = picker.strength(s)) goods.push_back(std::move(*p));
  std::vector<Signal> weak = order;
  std::stable_sort(weak.begin(), weak.end(), [&](Signal a, Signal b) {
    auto gap = [&](Signal s) {
      return rubric.signals[static_cast<size_t>(s)] * (1 - mean_over_threads(session, s));
    };
    return gap(a) > gap(b);
  });
  for (Signal s : weak)
    if (auto p = picker.weakness(s)) bads.push_back(std::move(*p));

  // Lead with what decides the score, then alternate.
  bool doing_well = score >= request.rubric.thresholds.hire;
  const std::vector<Pick>& first = doing_well ? goods : bads;
  const std::vector<Pick>& second = doing_well ? bads : goods;
  std::vector<Pick> picks;
  for (size_t i = 0; i < std::max(first.size(), second.size()); ++i) {
    if (i < first.size()) picks.push_back(first[i]);
    if (i < second.size()) picks.push_back(second[i]);
  }
  if (picks.empty())
    if (auto r = picker.representative(score)) picks.push_back(*r);
  if (picks.size() > static_cast<size_t>(config.examples_per_category))
    picks.resize(static_cast<size_t>(config.examples_per_category));

  std::vector<Example> examples;
  for (const Pick& p : picks) {
    const Answer& answer = request.answers[p.answer];
    Span sentence = session.answers[p.answer].sentences[p.sentence].span;
    Span clipped =
        clip_to_words(answer.text, sentence, static_cast<size_t>(config.max_quote_bytes));
    if (clipped.empty()) clipped = sentence;
    examples.push_back({std::string(clipped.of(answer.text)), answer.question_id, p.note});
  }
  return examples;
}

}  // namespace mockroom::scoring_rubric
