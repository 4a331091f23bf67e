// Judge0's JSON, both ways: submissions built from a RunRequest (base64_encoded=true), and
// Judge0's responses validated field by field and turned into the runner ABI's results.
//
// Contract: pure functions. Everything read from Judge0 is untrusted: a wrong type, a
// missing field, bad base64 or a token that does not match becomes a Failure
// (MR_ERR_UNAVAILABLE, "Judge0 sent an invalid response: ..."), never a crash. Parsed
// documents are never dumped (their nesting depth is untrusted).
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "request.h"
#include "result.h"

namespace mockroom::runner_judge0 {

// What each poll asks for (Judge0's `fields` query parameter).
inline constexpr char kResultFields[] =
    "token,status,stdout,stderr,compile_output,exit_code,exit_signal,time,wall_time,memory";

inline constexpr int64_t kStatusFirstFinal = 3;  // below: 1 In Queue, 2 Processing
inline constexpr int64_t kStatusCompilationError = 6;
inline constexpr int64_t kMaxStatusId = 1000;
inline constexpr size_t kMaxTokenBytes = 128;
inline constexpr size_t kMaxDescriptionBytes = 512;
inline constexpr double kMaxReportedSeconds = 1e7;
inline constexpr double kMaxReportedMemoryKb = 1e12;

// One submission as Judge0 reported it, outputs decoded.
struct Submission {
  std::string token;
  int64_t status_id = 0;
  std::string description;
  std::string stdout_text;
  std::string stderr_text;
  std::string compile_output;
  std::optional<int64_t> exit_code;
  std::optional<int64_t> exit_signal;
  std::optional<double> time;       // seconds
  std::optional<double> wall_time;  // seconds
  std::optional<int64_t> memory;    // KB

  bool finished() const { return status_id >= kStatusFirstFinal; }
};

// Body of POST /submissions: the request's first test.
std::string single_submission_body(const RunRequest& request);
// Body of POST /submissions/batch: tests [first, first + count).
std::string batch_submission_body(const RunRequest& request, size_t first, size_t count);

// POST /submissions -> {"token": "..."}.
Result<std::string> parse_created_token(const nlohmann::json& doc);
// POST /submissions/batch -> [{"token": "..."} | {field: [errors]}, ...], `expected` long.
Result<std::vector<std::string>> parse_created_tokens(const nlohmann::json& doc, size_t expected);

// GET /submissions/{token}.
Result<Submission> parse_submission(const nlohmann::json& doc, const std::string& token);
// GET /submissions/batch?tokens=... -> {"submissions": [...]} in `tokens` order.
Result<std::vector<Submission>> parse_batch_submissions(const nlohmann::json& doc,
                                                        const std::vector<std::string>& tokens);

// The ABI's execute result for one finished submission.
nlohmann::json result_json(const Submission& submission);
// The ABI's execute_batch result: compile error (results empty) or every test's result.
nlohmann::json batch_result_json(const std::vector<Submission>& finished);

// Serialises a result; bytes that are not UTF-8 (program output) become U+FFFD.
std::string dump_result(const nlohmann::json& result);

}  // namespace mockroom::runner_judge0
