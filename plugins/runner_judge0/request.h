// The runner ABI's requests (plugin.h, mr_runner_api), validated: the language mapped to
// its Judge0 id, the source, the optional limits, and the tests to run (one for execute).
//
// Contract: pure parsing; unknown keys are refused so a misspelt limit or expected_output
// cannot silently change a verdict. Messages name the field ("request.tests[2].stdin ...").
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "json_fields.h"

namespace mockroom::runner_judge0 {

inline constexpr size_t kMaxRequestBytes = 32 * 1024 * 1024;
inline constexpr size_t kMaxSourceBytes = 1024 * 1024;
inline constexpr size_t kMaxStdinBytes = 4 * 1024 * 1024;
inline constexpr size_t kMaxExpectedOutputBytes = 4 * 1024 * 1024;
inline constexpr size_t kMaxTests = 500;
inline constexpr size_t kMaxLanguageNameBytes = 64;
inline constexpr double kMinTimeLimitSeconds = 0.001;
inline constexpr double kMaxTimeLimitSeconds = 3600;
inline constexpr int64_t kMaxMemoryLimitKb = 64LL * 1024 * 1024;
inline constexpr int64_t kMaxProcesses = 100'000;
inline constexpr int64_t kMaxFileSizeKb = 64LL * 1024 * 1024;

// Passed to Judge0 only when the request sets them.
struct Limits {
  std::optional<double> cpu_time_limit;   // seconds
  std::optional<double> wall_time_limit;  // seconds
  std::optional<int64_t> memory_limit;    // KB
  std::optional<int64_t> max_processes;   // Judge0: max_processes_and_or_threads
  std::optional<int64_t> max_file_size;   // KB
};

struct TestCase {
  std::optional<std::string> stdin_text;
  std::optional<std::string> expected_output;
};

struct RunRequest {
  int64_t language_id = 0;
  std::string source;
  Limits limits;
  std::vector<TestCase> tests;  // exactly one for execute
};

// execute: {language, source, stdin?, expected_output?, limits...}
Parsed<RunRequest> parse_execute_request(std::string_view json_text, const LanguageIds& ids);
// execute_batch: {language, source, tests: [{stdin?, expected_output?}], limits...}
Parsed<RunRequest> parse_batch_request(std::string_view json_text, const LanguageIds& ids);

}  // namespace mockroom::runner_judge0
