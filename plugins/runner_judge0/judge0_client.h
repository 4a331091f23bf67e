// Judge0's HTTP API as JSON in, JSON out: retries with exponential backoff on connection
// errors, 429 and 5xx (honouring Retry-After), HTTP statuses turned into mr_status
// failures with clear messages, and response bodies parsed as JSON.
//
// Contract:
// - Safe to call from several threads at once (the HttpClient pools its handles; the rest
//   is immutable).
// - Every failure message is redacted: the auth token never appears in one, nor in a log.
// - Only the shape "valid JSON" is checked here; judge0_json.h validates the fields.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "call_scope.h"
#include "config.h"
#include "http_client.h"
#include "result.h"

namespace mockroom::runner_judge0 {

using plugin_http::HttpClient;
using plugin_http::HttpReply;
using plugin_http::HttpRequest;
using plugin_http::Method;
using plugin_http::Transport;
using plugin_http::kMaxResponseBytes;


inline constexpr std::chrono::milliseconds kInitialBackoff{200};
inline constexpr std::chrono::milliseconds kMaxBackoff{5000};
inline constexpr std::chrono::milliseconds kMaxRetryAfter{30'000};
inline constexpr size_t kMaxErrorExcerptBytes = 300;

class Judge0Client {
 public:
  explicit Judge0Client(const Config& config);

  // `path` starts with '/' and may carry a query ("/submissions?wait=false").
  Result<nlohmann::json> post(const std::string& path, std::string body, const CallScope& scope);
  Result<nlohmann::json> get(const std::string& path, const CallScope& scope);

  // `text` with every occurrence of the auth token replaced by "[redacted]".
  std::string redact(std::string text) const;

 private:
  Result<nlohmann::json> send(HttpRequest request, const CallScope& scope);
  Result<nlohmann::json> send_with_retries(HttpRequest& request, const CallScope& scope);

  std::string base_url_;
  std::string auth_token_;
  std::chrono::milliseconds request_timeout_;
  int max_retries_;
  HttpClient http_;
};

}  // namespace mockroom::runner_judge0
