#include "coding.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "code_review.h"

namespace mockroom::scoring_rubric {
namespace {

// Efficiency: the candidate's time over the reference's, per large test; up to kFastRatio is
// full credit, kSlowRatio or more none (log scale between). Times under kTimeFloor seconds
// are measurement noise and count as kTimeFloor.
constexpr double kFastRatio = 2.0;
constexpr double kSlowRatio = 10.0;
constexpr double kTimeFloor = 0.01;
constexpr double kTimingWeight = 0.7;  // the rest: the stated complexity
// A stated complexity that differs from the expected one earns this much.
constexpr double kWrongComplexityCredit = 0.3;
// Process: an answer before the first code with at least this many words is a plan.
constexpr size_t kPlanWords = 15;
// Process: naming tests in words without running any earns this much of the testing part.
constexpr double kSpokenTestingCredit = 0.6;
// Process: a last submission that still fails, after no improvement, earns this much of the
// fixing part.
constexpr double kUnfixedCredit = 0.3;
constexpr size_t kProcessParts = 4;

constexpr std::string_view kTestingCues[] = {"test", "tests", "testing", "edge case", "edge cases", "example",
                                             "examples", "input", "inputs", "empty", "dry run", "walk through",
                                             "trace"};
// A plan in so many words, or (weaker) a first-person next step.
constexpr std::string_view kPlanCues[] = {"approach", "plan", "idea", "brute force", "optimal", "iterate",
                                          "single pass", "first i", "then i"};
constexpr std::string_view kWeakPlanCues[] = {"i would", "i'll", "i will", "use a", "first", "then"};

double clamp01(double v) { return std::clamp(v, 0.0, 1.0); }

std::string quote_of(std::string_view text, Span span, size_t max_bytes) {
  // Indentation is not part of what a line says.
  while (span.begin < span.end && (text[span.begin] == ' ' || text[span.begin] == '\t')) ++span.begin;
  Span clipped = clip_to_words(text, span, max_bytes);
  if (clipped.empty()) clipped = span;
  return std::string(clipped.of(text));
}

template <size_t N>
bool has_any(std::string_view folded, const std::string_view (&list)[N]) {
  return std::any_of(std::begin(list), std::end(list), [&](std::string_view c) { return count_phrase(folded, c) > 0; });
}

struct Context {
  const ScoreRequest& request;
  const std::vector<TextSignals>& answers;
  const ProblemWork& work;
  std::vector<size_t> mine;  // indices of the answers about this problem, in order
  std::string code_question;  // the answer id the code is quoted under
  size_t max_quote_bytes;
};

double correctness(const Context& c, ProblemScore& out) {
  if (c.work.submissions.empty()) {
    out.evidence[0].push_back({"", c.code_question, "The code was never submitted against the hidden tests."});
    return 0;
  }
  const Submission& last = c.work.submissions.back();
  out.passed = last.passed;
  out.tests = last.total;
  out.verdict = last.verdict;
  if (last.compile_error || last.total == 0) {
    out.evidence[0].push_back({"", c.code_question, "The final submission did not compile."});
    return 0;
  }
  double share = static_cast<double>(last.passed) / static_cast<double>(last.total);
  std::string note = "The final submission passed " + std::to_string(last.passed) + " of " +
                     std::to_string(last.total) + " hidden tests" +
                     (last.passed == last.total ? "." : " (" + last.verdict + ").");
  out.evidence[0].push_back({"", c.code_question, note});
  return share;
}

double efficiency(const Context& c, ProblemScore& out) {
  std::string expected = normalize_complexity(c.work.expected_time);
  std::string stated;
  for (size_t i : c.mine) {
    stated = stated_complexity(c.request.answers[i].text);
    if (!stated.empty()) {
      out.stated_complexity = stated;
      break;
    }
  }
  double complexity = 0;
  std::string complexity_note;
  if (stated.empty()) complexity_note = "No time complexity was stated.";
  else if (expected.empty() || normalize_complexity(stated) == expected) {
    complexity = 1;
    complexity_note = "Stated time complexity " + stated + (expected.empty() ? "." : ", as expected.");
  } else {
    complexity = kWrongComplexityCredit;
    complexity_note = "Stated " + stated + "; the expected time complexity is " + c.work.expected_time + ".";
  }
  // Timing: the final submission's large tests against the reference's times.
  double timing_sum = 0, ratio_sum = 0;
  size_t timed = 0, ratios = 0, slow_fails = 0;
  if (!c.work.submissions.empty()) {
    const Submission& last = c.work.submissions.back();
    for (size_t k = 0; k < last.tests.size(); ++k) {
      const TestResult& t = last.tests[k];
      if (!t.large) continue;
      auto ref = std::find_if(c.work.reference_times.begin(), c.work.reference_times.end(),
                              [&](const auto& r) { return r.first == static_cast<int64_t>(k + 1); });
      if (!t.passed) {
        ++timed;  // a failed large test (wrong or too slow) earns nothing
        ++slow_fails;
        continue;
      }
      if (ref == c.work.reference_times.end() || t.time < 0) continue;
      double ratio = std::max(t.time, kTimeFloor) / std::max(ref->second, kTimeFloor);
      timing_sum += clamp01(1 - std::log(ratio / kFastRatio) / std::log(kSlowRatio / kFastRatio));
      ratio_sum += ratio;
      ++ratios;
      ++timed;
    }
  }
  if (timed == 0) {
    if (!c.work.source.empty() || !stated.empty())
      out.evidence[1].push_back({"", c.code_question, complexity_note});
    return complexity;  // nothing timed: the stated complexity is all there is
  }
  double timing = timing_sum / static_cast<double>(timed);
  std::string timing_note;
  if (ratios > 0) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", ratio_sum / static_cast<double>(ratios));
    timing_note = "On the large hidden inputs it took " + std::string(buffer) + "x the reference solution's time";
  } else {
    timing_note = "No large hidden input passed";
  }
  if (slow_fails > 0) timing_note += "; " + std::to_string(slow_fails) + " large inputs failed or timed out";
  out.evidence[1].push_back({"", c.code_question, timing_note + "."});
  out.evidence[1].push_back({"", c.code_question, complexity_note});
  return kTimingWeight * timing + (1 - kTimingWeight) * complexity;
}

double quality(const Context& c, ProblemScore& out) {
  if (c.work.source.empty()) return 0;
  CodeFacts f = review_code(c.work.source, c.work.language);
  if (f.empty()) return 0;
  auto add = [&](Span line, std::string note) {
    if (line.empty()) return;
    out.evidence[2].push_back({quote_of(c.work.source, line, c.max_quote_bytes), c.code_question, std::move(note)});
  };
  if (nesting_factor(f) < 1) add(f.deepest_line, "Nested " + std::to_string(f.max_nesting) + " blocks deep; an early return or a helper would flatten it.");
  if (function_length_factor(f) < 1)
    add(f.longest_function_head, "A " + std::to_string(f.longest_function) + "-line function; split it into named steps.");
  if (naming_factor(f) < 1) {
    std::string names;
    for (size_t i = 0; i < f.vague_names.size() && i < 3; ++i) names += (i ? ", " : "") + f.vague_names[i];
    add(f.vague_name_line, "Vague names (" + names + ") hide what the values mean.");
  }
  if (duplication_factor(f) < 1) add(f.duplicated_line, "This line is repeated; a helper or a loop would remove the copy.");
  if (comment_factor(f) < 1 && f.comment_lines == 0)
    out.evidence[2].push_back({"", c.code_question, std::to_string(f.code_lines) + " lines of code without a comment on the intent."});
  if (out.evidence[2].empty()) {
    if (!f.first_comment.empty()) add(f.first_comment, "Readable: clear names, short functions, shallow nesting, and comments where they help.");
    else add(f.longest_function_head.empty() ? f.first_code_line : f.longest_function_head,
             "Readable: clear names, short functions and shallow nesting.");
  }
  return code_quality(f);
}

double process(const Context& c, ProblemScore& out) {
  double first_code = -1;
  if (!c.work.snapshot_seconds.empty()) first_code = c.work.snapshot_seconds.front();
  if (!c.work.submissions.empty() && (first_code < 0 || c.work.submissions.front().at_seconds < first_code))
    first_code = c.work.submissions.front().at_seconds;
  bool clarified = false, planned = false, spoke_tests = false;
  auto add = [&](size_t answer, size_t sentence, std::string note) {
    const Answer& a = c.request.answers[answer];
    out.evidence[3].push_back({quote_of(a.text, c.answers[answer].sentences[sentence].span, c.max_quote_bytes),
                               a.question_id, std::move(note)});
  };
  for (size_t i : c.mine) {
    const Answer& a = c.request.answers[i];
    const TextSignals& s = c.answers[i];
    bool before_code = first_code < 0 || a.at_seconds <= first_code;
    for (size_t k = 0; k < s.sentences.size(); ++k) {
      std::string folded = fold(s.sentences[k].span.of(a.text));
      if (before_code && !clarified && s.sentences[k].depth.clarifying) {
        clarified = true;
        add(i, k, "Clarifies before coding.");
      }
      if (!spoke_tests && has_any(folded, kTestingCues) && !before_code) {
        spoke_tests = true;
        add(i, k, "Names how to test the solution.");
      }
    }
    if (before_code && !planned && s.words >= kPlanWords) {
      for (bool strong : {true, false}) {
        for (size_t k = 0; k < s.sentences.size() && !planned; ++k) {
          std::string folded = fold(s.sentences[k].span.of(a.text));
          if (strong ? has_any(folded, kPlanCues) : has_any(folded, kWeakPlanCues)) {
            planned = true;
            add(i, k, "Lays out a plan before writing code.");
          }
        }
      }
    }
  }
  double testing = c.work.runs > 0 ? 1.0 : spoke_tests ? kSpokenTestingCredit : 0.0;
  if (c.work.runs > 0)
    out.evidence[3].push_back({"", c.code_question, "Ran the code on their own input " + std::to_string(c.work.runs) + " times."});
  double fixing = 0;
  const auto& subs = c.work.submissions;
  if (!subs.empty()) {
    const Submission& first = subs.front();
    const Submission& last = subs.back();
    bool first_ok = !first.compile_error && first.total > 0 && first.passed == first.total;
    bool improved = subs.size() > 1 && !last.compile_error &&
                    (first.compile_error || last.passed > first.passed);
    fixing = first_ok || improved ? 1.0 : kUnfixedCredit;
    if (improved)
      out.evidence[3].push_back({"", c.code_question, "Fixed what failed: from " + std::to_string(first.compile_error ? 0 : first.passed) +
                                                          " to " + std::to_string(last.passed) + " passing tests across " +
                                                          std::to_string(subs.size()) + " submissions."});
  }
  if (!clarified) out.evidence[3].push_back({"", c.code_question, "No clarifying question before coding."});
  return (clarified + planned + testing + fixing) / static_cast<double>(kProcessParts);
}

}  // namespace

std::string stated_complexity(std::string_view text) {
  for (size_t at = 0; (at = text.find('(', at)) != std::string_view::npos; ++at) {
    if (at == 0 || (text[at - 1] != 'O' && text[at - 1] != 'o')) continue;
    if (at >= 2 && std::isalnum(static_cast<unsigned char>(text[at - 2]))) continue;
    size_t close = text.find(')', at);
    // Nested parentheses as in O(n (log n)) or O(max(n, m)): take up to the matching one.
    int depth = 0;
    for (size_t k = at; k < text.size(); ++k) {
      if (text[k] == '(') ++depth;
      else if (text[k] == ')' && --depth == 0) {
        close = k;
        break;
      }
    }
    if (close == std::string_view::npos || close - at > kMaxComplexityBytes) continue;
    return std::string(text.substr(at - 1, close - at + 2));
  }
  return {};
}

std::string normalize_complexity(std::string_view complexity) {
  std::string out;
  for (char c : complexity) {
    if (c == ' ' || c == '*' || c == '\t' || c == '\\' || c == '.') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::vector<ProblemScore> score_coding(const ScoreRequest& request, const std::vector<TextSignals>& answers,
                                       size_t max_quote_bytes) {
  std::vector<ProblemScore> out;
  for (const ProblemWork& work : request.coding) {
    Context c{request, answers, work, {}, {}, max_quote_bytes};
    for (size_t i = 0; i < request.answers.size(); ++i)
      if (request.answers[i].problem_id == work.problem_id) c.mine.push_back(i);
    c.code_question = c.mine.empty() ? work.problem_id : request.answers[c.mine.back()].question_id;
    ProblemScore p;
    p.problem_id = work.problem_id;
    p.attempted = !work.source.empty() || !work.submissions.empty();
    if (p.attempted) {
      p.values[0] = correctness(c, p);
      p.values[1] = efficiency(c, p);
      p.values[2] = quality(c, p);
      p.values[3] = process(c, p);
      for (size_t k = 0; k < kCriterionCount; ++k) p.total += request.rubric.criteria[k] / 100.0 * p.values[k];
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace mockroom::scoring_rubric
