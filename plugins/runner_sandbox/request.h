// Reading execute / execute_batch requests (Judge0 field names, see plugin.h) into a
// Submission. Limits a request leaves out take Judge0's defaults; limits above the
// configured maxima are refused with a message naming the config key.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "json_fields.h"
#include "language.h"
#include "limits.h"

namespace mockroom::runner_sandbox {

struct TestCase {
  std::string stdin_text;
  std::optional<std::string> expected_output;  // absent: a clean run is Accepted
};

struct Submission {
  Language language = Language::kPython;
  std::string source;
  std::vector<TestCase> tests;  // exactly one for execute
  Limits limits;
};

enum class RequestShape { kSingle, kBatch };

plugin_support::Parsed<Submission> parse_submission(std::string_view json_text,
                                                    RequestShape shape, const Config& config);

}  // namespace mockroom::runner_sandbox
