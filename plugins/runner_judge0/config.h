// The runner_judge0 instance configuration: where Judge0 lives, how to authenticate, which
// Judge0 language ids the ABI's language names map to, and the time and retry budgets.
//
// Contract: parse_config() validates the operator's JSON (unknown keys are refused) and
// never echoes the auth token in its messages. A Config is immutable once parsed.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "json_fields.h"

namespace mockroom::runner_judge0 {

using plugin_support::Parsed;

inline constexpr size_t kMaxConfigBytes = 64 * 1024;
inline constexpr size_t kMaxBaseUrlBytes = 2048;
inline constexpr size_t kMaxAuthHeaderBytes = 128;
inline constexpr size_t kMaxAuthTokenBytes = 4096;
inline constexpr char kDefaultAuthHeader[] = "X-Auth-Token";

// Judge0 CE language ids.
inline constexpr int64_t kDefaultPythonId = 71;      // Python 3
inline constexpr int64_t kDefaultCppId = 54;         // C++ (GCC)
inline constexpr int64_t kDefaultJavaScriptId = 63;  // JavaScript (Node.js)
inline constexpr int64_t kMaxLanguageId = 1'000'000;

inline constexpr double kDefaultTimeoutSeconds = 10;
inline constexpr double kMinTimeoutSeconds = 0.1;
inline constexpr double kMaxTimeoutSeconds = 600;
inline constexpr int64_t kDefaultPollIntervalMs = 250;
inline constexpr int64_t kMinPollIntervalMs = 10;
inline constexpr int64_t kMaxPollIntervalMs = 60'000;
inline constexpr double kDefaultMaxWaitSeconds = 60;
inline constexpr double kMinMaxWaitSeconds = 0.1;
inline constexpr double kMaxMaxWaitSeconds = 3600;
inline constexpr int64_t kDefaultMaxRetries = 3;
inline constexpr int64_t kMaxMaxRetries = 10;
inline constexpr int64_t kDefaultMaxBatchSize = 20;  // Judge0's MAX_SUBMISSION_BATCH_SIZE
inline constexpr int64_t kMaxMaxBatchSize = 1000;

struct LanguageIds {
  int64_t python = kDefaultPythonId;
  int64_t cpp = kDefaultCppId;
  int64_t javascript = kDefaultJavaScriptId;
};

struct Config {
  std::string base_url;  // http(s)://host[:port][/prefix], without a trailing slash
  std::string auth_header = kDefaultAuthHeader;
  std::string auth_token;  // secret: never logged, never in a message; empty = none
  LanguageIds language_ids;
  std::chrono::milliseconds request_timeout{0};
  std::chrono::milliseconds poll_interval{kDefaultPollIntervalMs};
  std::chrono::milliseconds max_wait{0};
  int max_retries = kDefaultMaxRetries;
  size_t max_batch_size = kDefaultMaxBatchSize;
};

Parsed<Config> parse_config(std::string_view json_text);

}  // namespace mockroom::runner_judge0
