// Judge0 verdicts: status ids and names, output comparison, and the result JSON of a run.
// Pure functions of a BoxOutcome; safe from any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "box.h"
#include "limits.h"

namespace mockroom::runner_sandbox {

enum class Status {
  kAccepted = 3,
  kWrongAnswer = 4,
  kTimeLimitExceeded = 5,
  kCompilationError = 6,
  kRuntimeSigsegv = 7,
  kRuntimeSigxfsz = 8,
  kRuntimeSigfpe = 9,
  kRuntimeSigabrt = 10,
  kRuntimeNzec = 11,
  kRuntimeOther = 12,
  kInternalError = 13,
  kMemoryLimitExceeded = 15,
  kOutputLimitExceeded = 16,
};

std::string_view status_description(Status status);
nlohmann::json status_json(Status status);

// Judge0's comparison: trailing whitespace on each line and trailing newlines don't count.
bool outputs_match(std::string_view expected, std::string_view actual);

// The verdict of one run of a program.
Status classify_run(const BoxOutcome& outcome, const Limits& limits,
                    const std::optional<std::string>& expected_output);

// Whether a compile step succeeded; its verdict when not (Compilation Error or Internal).
std::optional<Status> compile_failure(const BoxOutcome& outcome);

// The text of compile_output for a compile step: the compiler's messages plus why it stopped.
std::string compile_output_text(const BoxOutcome& outcome);

// The execute result object (see plugin.h) for a run with verdict `status`.
nlohmann::json run_result_json(const BoxOutcome& outcome, Status status,
                               const std::optional<std::string>& compile_output);

// A result for a submission that never ran (compile error, internal error).
nlohmann::json not_run_result_json(Status status, const std::string& compile_output,
                                   const std::string& message);

// JSON text that tolerates invalid UTF-8 in program output (replaced with U+FFFD).
std::string dump_json(const nlohmann::json& value);

}  // namespace mockroom::runner_sandbox
