#include "followup_templates.h"

#include <vector>

#include "text.h"

namespace mockroom::llm_rules {
namespace {

// A template whose fixed words are shorter than this cannot be recognised reliably.
constexpr size_t kMinSignatureChars = 20;

constexpr std::string_view kMissingAction[] = {
    "You mentioned \"{phrase}\". What did you personally do there?",
    "When it comes to \"{phrase}\", which part was yours specifically?",
    "Walk me through the steps you yourself took on \"{phrase}\".",
    "On \"{phrase}\", what did you decide yourself, as opposed to the team?",
};

constexpr std::string_view kMissingResult[] = {
    "You mentioned \"{phrase}\". What was the measurable result, in numbers, time or money?",
    "How did you know \"{phrase}\" worked? Which metric moved, and by how much?",
    "What was the outcome of \"{phrase}\", and how did you measure it?",
    "Coming back to \"{phrase}\": what changed afterwards, and by how much?",
};

constexpr std::string_view kMissingContext[] = {
    "Can you set the scene for \"{phrase}\"? Where were you working, and what was at stake?",
    "What was the situation that led to \"{phrase}\"?",
    "Before we go on, what was the context around \"{phrase}\", and why did it matter?",
    "Tell me a bit more about the background to \"{phrase}\". What problem were you facing?",
};

constexpr std::string_view kCoverageQuestion[] = {
    "You mentioned \"{phrase}\". {Extra}?",
    "Staying with \"{phrase}\" for a moment: {extra}?",
    "Thinking back to \"{phrase}\", {extra}?",
};

constexpr std::string_view kCoverageTopic[] = {
    "You talked about \"{phrase}\". How did {extra} come into it?",
    "Staying with \"{phrase}\" for a moment: can you say more about {extra}?",
    "How does \"{phrase}\" connect to {extra} in that situation?",
};

constexpr std::string_view kTooShort[] = {
    "Could you go deeper on \"{phrase}\"? Walk me through it step by step.",
    "Tell me more about \"{phrase}\". What exactly happened?",
    "Can you expand on \"{phrase}\" with a specific example?",
};

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

std::string capitalised(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// The fixed words of a template, normalized, in order.
std::vector<std::string> literal_pieces(std::string_view templ) {
  std::vector<std::string> pieces;
  size_t at = 0;
  while (at < templ.size()) {
    size_t open = templ.find('{', at);
    std::string piece = normalize_words(templ.substr(at, open - at));
    if (!piece.empty()) pieces.push_back(std::move(piece));
    if (open == std::string_view::npos) break;
    size_t close = templ.find('}', open);
    if (close == std::string_view::npos) break;
    at = close + 1;
  }
  return pieces;
}

bool matches(std::string_view templ, std::string_view normalized_asked) {
  std::vector<std::string> pieces = literal_pieces(templ);
  size_t signature = 0;
  for (const std::string& p : pieces) signature += p.size();
  if (signature < kMinSignatureChars) return false;
  size_t at = 0;
  for (const std::string& p : pieces) {
    size_t found = normalized_asked.find(p, at);
    if (found == std::string_view::npos) return false;
    at = found + p.size();
  }
  return true;
}

}  // namespace

std::string_view reason_code(GapKind gap) {
  switch (gap) {
    case GapKind::kMissingAction:
      return "missing_action";
    case GapKind::kMissingResult:
      return "missing_result";
    case GapKind::kShallowCoverage:
      return "shallow_coverage";
    case GapKind::kMissingContext:
      return "missing_context";
    case GapKind::kTooShort:
      return "too_short";
  }
  return "unknown";
}

std::span<const std::string_view> templates_for(GapKind gap, ExtraForm form) {
  switch (gap) {
    case GapKind::kMissingAction:
      return kMissingAction;
    case GapKind::kMissingResult:
      return kMissingResult;
    case GapKind::kMissingContext:
      return kMissingContext;
    case GapKind::kTooShort:
      return kTooShort;
    case GapKind::kShallowCoverage:
      if (form == ExtraForm::kQuestion) return kCoverageQuestion;
      if (form == ExtraForm::kTopic) return kCoverageTopic;
      return {};
  }
  return {};
}

std::string render(std::string_view templ, std::string_view phrase, std::string_view extra) {
  std::string out(templ);
  replace_all(out, "{phrase}", phrase);
  replace_all(out, "{Extra}", capitalised(extra));
  replace_all(out, "{extra}", extra);
  return out;
}

std::optional<GapKind> recognise_gap(std::string_view asked_followup) {
  std::string normalized = normalize_words(asked_followup);
  for (GapKind gap : kAllGapKinds) {
    std::vector<ExtraForm> forms = {ExtraForm::kNone};
    if (gap == GapKind::kShallowCoverage) forms = {ExtraForm::kQuestion, ExtraForm::kTopic};
    for (ExtraForm form : forms) {
      for (std::string_view templ : templates_for(gap, form))
        if (matches(templ, normalized)) return gap;
    }
  }
  return std::nullopt;
}

}  // namespace mockroom::llm_rules
