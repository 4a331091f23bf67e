#include "request.h"

namespace mockroom::scoring_rubric {
namespace {

// {"concept": ["other phrase", ...], ...}: bounded like every other list.
std::vector<std::pair<std::string, std::vector<std::string>>> read_synonyms(Fields fields) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  std::vector<std::string> keys = fields.keys();
  if (keys.size() > kMaxSynonymConcepts) {
    fields.error().set(fields.path() + " names " + std::to_string(keys.size()) +
                       " concepts; the limit is " + std::to_string(kMaxSynonymConcepts));
    return out;
  }
  for (const std::string& key : keys) {
    if (key.empty() || key.size() > kMaxSynonymBytes) {
      fields.error().set(fields.path() + " has a concept name that is empty or longer than " +
                         std::to_string(kMaxSynonymBytes) + " bytes");
      return out;
    }
    out.emplace_back(key, fields.texts(key, Presence::kRequired, kMaxSynonymsPerConcept, kMaxSynonymBytes));
  }
  return out;
}

ProblemWork read_problem(Fields& item) {
  ProblemWork w;
  w.problem_id = item.text("problemId", Presence::kRequired, kMaxIdBytes);
  w.language = item.text("language", Presence::kOptional, kMaxFormatBytes);
  w.source = item.text("source", Presence::kOptional, kMaxSourceBytes);
  w.runs = item.integer("runs", Presence::kOptional, 0, kMaxRuns, 0);
  for (Fields& sub : item.objects("submissions", Presence::kOptional, kMaxSubmissions)) {
    Submission s;
    s.at_seconds = sub.number("atSeconds", Presence::kOptional, 0.0, kMaxAtSeconds, 0.0);
    s.passed = sub.integer("passed", Presence::kOptional, 0, kMaxTestCount, 0);
    s.total = sub.integer("total", Presence::kOptional, 0, kMaxTestCount, 0);
    s.verdict = sub.text("verdict", Presence::kOptional, kMaxVerdictBytes);
    s.compile_error = sub.boolean("compileError", Presence::kOptional, false);
    for (Fields& t : sub.objects("tests", Presence::kOptional, kMaxTestsPerSubmission)) {
      s.tests.push_back({t.boolean("passed", Presence::kOptional, false),
                         t.number("time", Presence::kOptional, 0.0, kMaxRunSeconds, -1.0),
                         t.boolean("large", Presence::kOptional, false)});
    }
    if (s.passed > s.total) sub.error().set(sub.path() + ".passed is more than total");
    w.submissions.push_back(std::move(s));
  }
  for (Fields& snap : item.objects("snapshots", Presence::kOptional, kMaxSnapshots))
    w.snapshot_seconds.push_back(snap.number("atSeconds", Presence::kOptional, 0.0, kMaxAtSeconds, 0.0));
  for (Fields& r : item.objects("referenceTimes", Presence::kOptional, kMaxTestsPerSubmission)) {
    w.reference_times.emplace_back(r.integer("index", Presence::kRequired, 1, kMaxTestCount, 1),
                                   r.number("time", Presence::kRequired, 0.0, kMaxRunSeconds, 0.0));
  }
  Fields complexity = item.object("expectedComplexity", Presence::kOptional);
  w.expected_time = complexity.text("time", Presence::kOptional, kMaxComplexityBytes);
  w.expected_space = complexity.text("space", Presence::kOptional, kMaxComplexityBytes);
  return w;
}

}  // namespace

Config read_config(Fields& root) {
  Config config;
  config.examples_per_category =
      static_cast<int>(root.integer("examplesPerCategory", Presence::kOptional, 1,
                                    kMaxExamplesPerCategory, kDefaultExamplesPerCategory));
  config.max_quote_bytes = static_cast<int>(root.integer(
      "maxQuoteChars", Presence::kOptional, kMinQuoteBytes, kMaxQuoteBytes, kDefaultMaxQuoteBytes));
  return config;
}

Parsed<Config> parse_config(std::string_view json_text) {
  InputError error;
  nlohmann::json doc =
      parse_object(json_text, "config", EmptyInput::kAllowed, kMaxConfigBytes, error);
  Fields root(doc, "config", error);
  root.reject_unknown(kConfigKeys);
  Config config = read_config(root);
  if (error.failed()) return Parsed<Config>::failure(error.message());
  return {config, {}};
}

Parsed<ScoreRequest> parse_score_request(std::string_view json_text) {
  InputError error;
  nlohmann::json doc =
      parse_object(json_text, "request", EmptyInput::kRejected, kMaxRequestBytes, error);
  Fields root(doc, "request", error);
  ScoreRequest r;
  r.format = root.text("format", Presence::kOptional, kMaxFormatBytes);
  r.format_title = root.text("formatTitle", Presence::kOptional, kMaxFormatTitleBytes);
  r.rubric = read_rubric(root.object("rubric", Presence::kRequired));
  size_t total_answer_bytes = 0;
  for (Fields& item : root.objects("answers", Presence::kRequired, kMaxAnswers)) {
    Answer a;
    a.question_id = item.text("questionId", Presence::kRequired, kMaxIdBytes);
    a.question = item.text("question", Presence::kOptional, kMaxQuestionBytes);
    a.concepts = item.texts("concepts", Presence::kOptional, kMaxConcepts, kMaxConceptBytes);
    a.hints = item.texts("hints", Presence::kOptional, kMaxHints, kMaxHintBytes);
    a.reference_points = item.texts("referencePoints", Presence::kOptional, kMaxReferencePoints,
                                    kMaxReferencePointBytes);
    a.reference_answer = item.text("referenceAnswer", Presence::kOptional, kMaxReferenceAnswerBytes);
    a.synonyms = read_synonyms(item.object("synonyms", Presence::kOptional));
    a.problem_id = item.text("problemId", Presence::kOptional, kMaxIdBytes);
    a.is_follow_up = item.boolean("isFollowUp", Presence::kOptional, false);
    a.text = item.text("answer", Presence::kRequired, kMaxAnswerBytes);
    a.at_seconds = item.number("atSeconds", Presence::kOptional, 0.0, kMaxAtSeconds, 0.0);
    if (error.failed()) break;
    total_answer_bytes += a.text.size();
    r.answers.push_back(std::move(a));
  }
  if (!error.failed()) {
    for (Fields& item : root.objects("coding", Presence::kOptional, kMaxProblems)) {
      r.coding.push_back(read_problem(item));
      if (error.failed()) break;
    }
  }
  if (!error.failed() && total_answer_bytes > kMaxSessionAnswerBytes) {
    error.set("request.answers hold " + std::to_string(total_answer_bytes) +
              " bytes of answer text; the limit is " + std::to_string(kMaxSessionAnswerBytes));
  }
  if (error.failed()) return Parsed<ScoreRequest>::failure(error.message());
  return {std::move(r), {}};
}

}  // namespace mockroom::scoring_rubric
