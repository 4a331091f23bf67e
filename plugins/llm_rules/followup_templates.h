// The wording of follow-up questions: several templates per kind of gap, so the choice can
// vary by stable hash. Placeholders: {phrase} is a key phrase from the candidate's answer
// (the templates put it in double quotes: it is the candidate's own words);
// {extra} / {Extra} is a hint or missed concept from the question bank (as written /
// with a capital first letter). Immutable tables, safe from any thread.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mockroom::llm_rules {

// Why an answer invites a follow-up, in the order they are asked about by default.
enum class GapKind {
  kMissingAction,    // no "I <did something>"
  kMissingResult,    // no number, %, money, duration or multiplier
  kShallowCoverage,  // touches few of the question's concepts
  kMissingContext,   // no situation: where, when, what was at stake
  kTooShort,         // fewer words than the configured minimum
};

inline constexpr GapKind kAllGapKinds[] = {GapKind::kMissingAction, GapKind::kMissingResult,
                                           GapKind::kShallowCoverage, GapKind::kMissingContext,
                                           GapKind::kTooShort};

// How a coverage follow-up uses the bank's hint.
enum class ExtraForm {
  kNone,      // template uses only {phrase}
  kQuestion,  // the hint is a question ("how did you decide who worked on what")
  kTopic,     // a topic ("stakeholder alignment") or a missed concept
};

// "missing_action", "missing_result", ...
std::string_view reason_code(GapKind gap);

std::span<const std::string_view> templates_for(GapKind gap, ExtraForm form);

// Fills a template. `extra` may be empty when the template has no {extra}.
std::string render(std::string_view templ, std::string_view phrase, std::string_view extra);

// Which kind of gap an earlier follow-up (as asked) was about, when its wording identifies
// one of our templates unambiguously.
std::optional<GapKind> recognise_gap(std::string_view asked_followup);

}  // namespace mockroom::llm_rules
