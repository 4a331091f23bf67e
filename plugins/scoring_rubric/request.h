// The scorer's inputs, parsed and validated: instance config and the score_session
// request (format, rubric, answers). Every limit is a named constant; a bad field yields a
// message naming it. Pure functions, safe from any thread.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json_fields.h"
#include "rubric.h"

namespace mockroom::scoring_rubric {

inline constexpr size_t kMaxConfigBytes = 16 * 1024;
inline constexpr size_t kMaxRequestBytes = 4 * 1024 * 1024;
inline constexpr size_t kMaxAnswers = 200;
inline constexpr size_t kMaxAnswerBytes = 64 * 1024;
// All answers together: an hour of speech is about 60 KiB of text; this keeps a session's
// analysis well under a second.
inline constexpr size_t kMaxSessionAnswerBytes = 1024 * 1024;
inline constexpr size_t kMaxQuestionBytes = 4 * 1024;
inline constexpr size_t kMaxIdBytes = 256;
inline constexpr size_t kMaxFormatBytes = 128;
inline constexpr size_t kMaxFormatTitleBytes = 256;
inline constexpr size_t kMaxConcepts = 32;
inline constexpr size_t kMaxConceptBytes = 256;
inline constexpr size_t kMaxHints = 16;
inline constexpr size_t kMaxHintBytes = 512;
// What a good answer covers (the bank's referencePoints and reference answer), and other
// ways candidates name a concept (the bank's synonyms).
inline constexpr size_t kMaxReferencePoints = 24;
inline constexpr size_t kMaxReferencePointBytes = 512;
inline constexpr size_t kMaxReferenceAnswerBytes = 16 * 1024;
inline constexpr size_t kMaxSynonymConcepts = 32;
inline constexpr size_t kMaxSynonymsPerConcept = 12;
inline constexpr size_t kMaxSynonymBytes = 128;
inline constexpr double kMaxAtSeconds = 7 * 24 * 3600.0;
// Coding work (one entry per coding problem).
inline constexpr size_t kMaxProblems = 10;
inline constexpr size_t kMaxSourceBytes = 128 * 1024;
inline constexpr size_t kMaxSubmissions = 200;
inline constexpr size_t kMaxTestsPerSubmission = 500;
inline constexpr size_t kMaxSnapshots = 5000;
inline constexpr int64_t kMaxRuns = 100000;
inline constexpr int64_t kMaxTestCount = 100000;
inline constexpr double kMaxRunSeconds = 3600;
inline constexpr size_t kMaxVerdictBytes = 128;
inline constexpr size_t kMaxComplexityBytes = 64;

inline constexpr int kDefaultExamplesPerCategory = 2;
inline constexpr int kMaxExamplesPerCategory = 3;
inline constexpr int kDefaultMaxQuoteBytes = 240;
inline constexpr int kMinQuoteBytes = 60;
inline constexpr int kMaxQuoteBytes = 1000;

// Instance configuration, all optional: {"examplesPerCategory": 1..3, "maxQuoteChars": 60..1000}.
struct Config {
  int examples_per_category = kDefaultExamplesPerCategory;
  int max_quote_bytes = kDefaultMaxQuoteBytes;  // quotes are clipped at a word boundary
};

struct Answer {
  std::string question_id;
  std::string question;
  std::vector<std::string> concepts;
  std::vector<std::string> hints;
  std::vector<std::string> reference_points;
  std::string reference_answer;
  // Concept (or any phrase) -> other ways of saying it; each group counts as one term.
  std::vector<std::pair<std::string, std::vector<std::string>>> synonyms;
  std::string problem_id;  // the coding problem this answer is about, if any
  bool is_follow_up = false;
  std::string text;
  double at_seconds = 0;
};

// One hidden test's outcome in a submission.
struct TestResult {
  bool passed = false;
  double time = -1;  // seconds of CPU; -1 when unknown
  bool large = false;
};

struct Submission {
  double at_seconds = 0;
  int64_t passed = 0;
  int64_t total = 0;
  std::string verdict;  // "Accepted", "Wrong Answer", "Time Limit Exceeded", ...
  bool compile_error = false;
  std::vector<TestResult> tests;
};

// What the candidate did on one coding problem, as the engine recorded it.
struct ProblemWork {
  std::string problem_id;
  std::string language;
  std::string source;                  // the final code
  std::vector<Submission> submissions;  // in order
  int64_t runs = 0;                     // "Run" with their own input
  std::vector<double> snapshot_seconds;  // when the editor's contents were recorded
  std::vector<std::pair<int64_t, double>> reference_times;  // large test index (1-based) -> seconds
  std::string expected_time;   // the bank's "O(n)", empty when unknown
  std::string expected_space;
};

struct ScoreRequest {
  std::string format;
  std::string format_title;
  Rubric rubric;
  std::vector<Answer> answers;  // in the order they were given
  std::vector<ProblemWork> coding;
};

// The config keys read_config reads, for a plugin whose config includes the scorer's.
inline constexpr std::array<std::string_view, 2> kConfigKeys = {"examplesPerCategory", "maxQuoteChars"};

Parsed<Config> parse_config(std::string_view json_text);
// The scorer's keys of a config object; problems go to the InputError behind `root`.
Config read_config(Fields& root);
Parsed<ScoreRequest> parse_score_request(std::string_view json_text);

}  // namespace mockroom::scoring_rubric
