#include "followup.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "answer_profile.h"
#include "followup_templates.h"
#include "hash.h"
#include "keyphrases.h"
#include "text.h"

namespace mockroom::llm_rules {
namespace {

constexpr size_t kMaxCandidatePhrases = 6;
// Below this share of the question's concepts an answer is "shallow".
constexpr double kMinConceptCoverage = 0.34;
// A reply to a follow-up is targeted; only a very short one is "too short".
constexpr size_t kMinFollowupReplyWords = 12;
// Longer hints that are not questions read badly as a topic ("how did X come into it?").
constexpr size_t kMaxTopicHintWords = 8;

constexpr std::string_view kInterrogatives[] = {
    "what", "which", "how", "why", "when",  "where", "who", "whom", "whose", "did", "do", "does",
    "was",  "were",  "is",  "are", "could", "would", "can", "have", "had",   "at",  "in"};

// The follow-ups already asked for this question, normalized for comparison.
class History {
 public:
  explicit History(const std::vector<std::string>& asked) {
    for (const std::string& text : asked) {
      normalized_.push_back(normalize_words(text));
      if (auto gap = recognise_gap(text)) asked_gaps_.push_back(*gap);
    }
  }
  bool contains(std::string_view followup_text) const {
    std::string n = normalize_words(followup_text);
    return std::find(normalized_.begin(), normalized_.end(), n) != normalized_.end();
  }
  bool mentions(std::string_view normalized_phrase) const {
    return std::any_of(normalized_.begin(), normalized_.end(),
                       [&](const std::string& h) { return contains_words(h, normalized_phrase); });
  }
  bool asked_about(GapKind gap) const {
    return std::find(asked_gaps_.begin(), asked_gaps_.end(), gap) != asked_gaps_.end();
  }

 private:
  std::vector<std::string> normalized_;
  std::vector<GapKind> asked_gaps_;
};

// A hint or missed concept to steer a coverage follow-up, in the form it reads best.
struct Extra {
  std::string text;
  ExtraForm form;
};

FollowupDecision no_followup(std::string reason) { return {std::nullopt, std::move(reason)}; }

std::vector<GapKind> find_gaps(const AnswerProfile& profile, const FollowupRequest& request,
                               const Config& config, const History& history) {
  bool is_reply = request.followups_so_far > 0;
  size_t min_words =
      is_reply ? kMinFollowupReplyWords : static_cast<size_t>(config.min_answer_words);
  std::vector<GapKind> gaps;
  if (!profile.personal_action) gaps.push_back(GapKind::kMissingAction);
  if (!profile.measurable_outcome) gaps.push_back(GapKind::kMissingResult);
  if (profile.concept_coverage < kMinConceptCoverage && !profile.missed_concepts.empty())
    gaps.push_back(GapKind::kShallowCoverage);
  if (!is_reply && !profile.situation) gaps.push_back(GapKind::kMissingContext);
  if (profile.words < min_words) gaps.push_back(GapKind::kTooShort);
  // Ask about something new before coming back to a kind of gap already raised.
  std::stable_partition(gaps.begin(), gaps.end(),
                        [&](GapKind g) { return !history.asked_about(g); });
  return gaps;
}

// Strips spaces and final punctuation from a bank hint and decides how to phrase it.
std::optional<Extra> hint_extra(std::string_view hint) {
  while (!hint.empty() &&
         (hint.back() == ' ' || hint.back() == '.' || hint.back() == '?' || hint.back() == '!'))
    hint.remove_suffix(1);
  while (!hint.empty() && hint.front() == ' ') hint.remove_prefix(1);
  if (hint.empty()) return std::nullopt;
  std::vector<Token> tokens = tokenize(hint);
  if (tokens.empty()) return std::nullopt;
  std::string_view first = tokens.front().lower;
  bool question = std::find(std::begin(kInterrogatives), std::end(kInterrogatives), first) !=
                  std::end(kInterrogatives);
  if (!question && count_words(tokens) > kMaxTopicHintWords) return std::nullopt;
  std::string text(hint);
  // "Stakeholder alignment" reads as "stakeholder alignment" mid-sentence; "AWS" stays.
  if (text.size() >= 2 && text[0] >= 'A' && text[0] <= 'Z' && text[1] >= 'a' && text[1] <= 'z')
    text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return Extra{std::move(text), question ? ExtraForm::kQuestion : ExtraForm::kTopic};
}

bool related_to_any(std::string_view text, const std::vector<std::string>& concepts) {
  std::vector<std::string> stems = content_stems(text);
  return std::any_of(concepts.begin(), concepts.end(),
                     [&](const std::string& c) { return concept_covered(c, stems); });
}

// Hints tied to a missed concept first, then other hints, then the missed concepts
// themselves; each group rotated by `seed`; anything already asked about is skipped.
std::vector<Extra> coverage_extras(const FollowupRequest& request, const AnswerProfile& profile,
                                   const History& history, uint64_t seed) {
  std::vector<Extra> tied, other, topics;
  for (const std::string& hint : request.question.hints) {
    std::optional<Extra> extra = hint_extra(hint);
    if (!extra || history.mentions(normalize_words(extra->text))) continue;
    (related_to_any(hint, profile.missed_concepts) ? tied : other).push_back(std::move(*extra));
  }
  for (const std::string& missed : profile.missed_concepts) {
    if (!history.mentions(normalize_words(missed))) topics.push_back({missed, ExtraForm::kTopic});
  }
  std::vector<Extra> all;
  for (std::vector<Extra>* group : {&tied, &other, &topics}) {
    if (group->empty()) continue;
    std::rotate(group->begin(), group->begin() + static_cast<long>(seed % group->size()),
                group->end());
    all.insert(all.end(), group->begin(), group->end());
  }
  return all;
}

// Every wording of `gap` for `phrase`, in the order to try them.
std::vector<std::string> wordings(GapKind gap, const KeyPhrase& phrase,
                                  const std::vector<Extra>& extras, uint64_t seed) {
  std::vector<std::string> out;
  auto add_all = [&](ExtraForm form, std::string_view extra) {
    std::span<const std::string_view> templates = templates_for(gap, form);
    if (templates.empty()) return;
    uint64_t h = StableHash().add(seed).add(static_cast<uint64_t>(gap)).add(extra).value();
    for (size_t k = 0; k < templates.size(); ++k)
      out.push_back(render(templates[(h + k) % templates.size()], phrase.text, extra));
  };
  if (gap != GapKind::kShallowCoverage) {
    add_all(ExtraForm::kNone, {});
  } else {
    for (const Extra& e : extras) add_all(e.form, e.text);
  }
  return out;
}

}  // namespace

FollowupDecision decide_followup(const FollowupRequest& request, const Config& config) {
  int limit = std::min({request.max_followups, config.max_followups, kMaxFollowupsPerQuestion});
  if (request.followups_so_far >= limit) return no_followup("limit_reached");

  AnswerProfile profile = profile_answer(request.answer, request.question.concepts);
  if (profile.non_answer) return no_followup("no_answer");

  std::vector<std::string> related = request.question.concepts;
  related.insert(related.end(), request.question.hints.begin(), request.question.hints.end());
  std::vector<KeyPhrase> phrases =
      extract_key_phrases(request.answer, related, kMaxCandidatePhrases);
  if (phrases.empty()) return no_followup("no_key_phrase");

  History history(request.history);
  std::vector<GapKind> gaps = find_gaps(profile, request, config, history);
  if (gaps.empty()) return no_followup("answer_complete");

  uint64_t seed = StableHash()
                      .add(request.question.id)
                      .add(request.question.text)
                      .add(request.answer)
                      .add(static_cast<uint64_t>(request.followups_so_far))
                      .value();
  std::vector<Extra> extras = coverage_extras(request, profile, history, seed);

  // First pass: only phrases no earlier follow-up used; second pass: any phrase.
  for (bool fresh_only : {true, false}) {
    for (GapKind gap : gaps) {
      for (const KeyPhrase& phrase : phrases) {
        if (fresh_only && history.mentions(phrase.key)) continue;
        for (std::string& text : wordings(gap, phrase, extras, seed)) {
          if (history.contains(text)) continue;
          return {Followup{std::move(text), {phrase.text}}, std::string(reason_code(gap))};
        }
      }
    }
  }
  return no_followup("exhausted");
}

std::string to_json_text(const FollowupDecision& decision) {
  nlohmann::ordered_json out;
  if (decision.followup) {
    out["followup"] = {{"text", decision.followup->text},
                       {"concepts", decision.followup->concepts}};
  } else {
    out["followup"] = nullptr;
  }
  out["reason"] = decision.reason;
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::strict);
}

}  // namespace mockroom::llm_rules
