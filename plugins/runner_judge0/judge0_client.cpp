// Implementation of judge0_client.h.
#include "judge0_client.h"

#include <algorithm>
#include <optional>

#include "boundary.h"

namespace {
constexpr char kUserAgent[] = "mockroom-runner_judge0/1.0";
}

namespace mockroom::runner_judge0 {

using nlohmann::json;
using std::chrono::milliseconds;

namespace {

// The outcome of one attempt: a value, a final failure, or a failure worth retrying.
struct Verdict {
  std::optional<json> value;
  Failure failure;
  bool retry = false;
};

constexpr long kHttpOkFirst = 200;
constexpr long kHttpOkLast = 299;
constexpr long kHttpUnauthorized = 401;
constexpr long kHttpForbidden = 403;
constexpr long kHttpUnprocessable = 422;
constexpr long kHttpTooManyRequests = 429;
constexpr long kHttpServerErrorFirst = 500;
constexpr long kHttpServerErrorLast = 599;

// A short, printable excerpt of an error body: Judge0's {"error": "..."} text when there
// is one, else the body's first bytes. Never dumps a parsed document (depth is untrusted).
std::string error_excerpt(const std::string& body) {
  json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  std::string text = body;
  if (doc.is_object() && doc.contains("error") && doc["error"].is_string())
    text = doc["error"].get<std::string>();
  if (text.size() > kMaxErrorExcerptBytes) text = text.substr(0, kMaxErrorExcerptBytes) + "...";
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) c = ' ';
  return text.empty() ? "(empty body)" : text;
}

Verdict final_failure(mr_status status, std::string message) {
  return {std::nullopt, {status, std::move(message)}, false};
}

Verdict retryable(mr_status status, std::string message) {
  return {std::nullopt, {status, std::move(message)}, true};
}

std::string method_name(Method method) { return method == Method::kPost ? "POST" : "GET"; }

Verdict judge_status(const HttpReply& reply) {
  long code = reply.status;
  std::string http = "HTTP " + std::to_string(code);
  if (code >= kHttpOkFirst && code <= kHttpOkLast) {
    json doc = json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded())
      return final_failure(MR_ERR_UNAVAILABLE, "Judge0 sent a response that is not valid JSON (" +
                                                   http + ", " + std::to_string(reply.body.size()) +
                                                   " bytes)");
    return {std::move(doc), {}, false};
  }
  if (code == kHttpTooManyRequests)
    return retryable(MR_ERR_UNAVAILABLE, "Judge0 is rate limiting requests (" + http + ")");
  if (code >= kHttpServerErrorFirst && code <= kHttpServerErrorLast)
    return retryable(MR_ERR_UNAVAILABLE,
                     "Judge0 failed with " + http + ": " + error_excerpt(reply.body));
  if (code == kHttpUnauthorized || code == kHttpForbidden)
    return final_failure(MR_ERR_UNAVAILABLE, "Judge0 refused the credentials (" + http +
                                                 "); check authToken and authHeader");
  if (code == kHttpUnprocessable)
    return final_failure(MR_ERR_INVALID_ARGUMENT, "Judge0 rejected the submission (" + http +
                                                      "): " + error_excerpt(reply.body));
  return final_failure(MR_ERR_UNAVAILABLE,
                       "Judge0 answered " + http + ": " + error_excerpt(reply.body));
}

Verdict judge_transport(const HttpReply& reply, const CallScope& scope, const std::string& base_url,
                        milliseconds request_timeout) {
  switch (reply.transport) {
    case Transport::kOk:
      return judge_status(reply);
    case Transport::kConnection:
      return retryable(MR_ERR_UNAVAILABLE,
                       "Judge0 at " + base_url + " is unreachable: " + reply.error);
    case Transport::kTimedOut:
      if (scope.remaining().count() <= 0)
        return final_failure(MR_ERR_TIMEOUT, scope.timeout_failure("").message);
      return retryable(MR_ERR_TIMEOUT, "Judge0 at " + base_url + " did not answer within " +
                                           std::to_string(request_timeout.count()) +
                                           " ms (timeoutSeconds)");
    case Transport::kCancelled:
      return {std::nullopt, scope.cancelled_failure(), false};
    case Transport::kTooLarge:
      return final_failure(MR_ERR_UNAVAILABLE, "Judge0 sent a response larger than the " +
                                                   std::to_string(kMaxResponseBytes) +
                                                   "-byte limit");
    case Transport::kTls:
      return final_failure(MR_ERR_UNAVAILABLE,
                           "TLS verification of " + base_url + " failed: " + reply.error);
    case Transport::kOther:
      break;
  }
  return final_failure(MR_ERR_UNAVAILABLE, "request to Judge0 failed: " + reply.error);
}

milliseconds retry_delay(int attempt, const HttpReply& reply) {
  milliseconds backoff = kInitialBackoff * (1 << std::min(attempt, 16));
  backoff = std::min(backoff, kMaxBackoff);
  if (reply.retry_after) backoff = std::max(backoff, std::min(*reply.retry_after, kMaxRetryAfter));
  return backoff;
}

}  // namespace

Judge0Client::Judge0Client(const Config& config)
    : base_url_(config.base_url),
      auth_token_(config.auth_token),
      request_timeout_(config.request_timeout),
      max_retries_(config.max_retries),
      http_(config.auth_header, config.auth_token, kUserAgent) {}

Result<json> Judge0Client::post(const std::string& path, std::string body, const CallScope& scope) {
  return send({Method::kPost, base_url_ + path, std::move(body), {}, scope.call(), {}, {}}, scope);
}

Result<json> Judge0Client::get(const std::string& path, const CallScope& scope) {
  return send({Method::kGet, base_url_ + path, {}, {}, scope.call(), {}, {}}, scope);
}

std::string Judge0Client::redact(std::string text) const {
  if (auth_token_.empty()) return text;
  for (size_t at = text.find(auth_token_); at != std::string::npos; at = text.find(auth_token_, at))
    text.replace(at, auth_token_.size(), "[redacted]");
  return text;
}

Result<json> Judge0Client::send(HttpRequest request, const CallScope& scope) {
  Result<json> result = send_with_retries(request, scope);
  if (result.ok()) return result;
  return Failure{result.failure().status, redact(result.failure().message)};
}

Result<json> Judge0Client::send_with_retries(HttpRequest& request, const CallScope& scope) {
  std::string what = method_name(request.method) + " " + request.url;
  for (int attempt = 0;; ++attempt) {
    if (scope.cancelled()) return scope.cancelled_failure();
    if (scope.remaining().count() <= 0) return scope.timeout_failure("");
    request.timeout = std::clamp(scope.remaining(), milliseconds(1), request_timeout_);
    HttpReply reply = http_.send(request);
    plugin_support::log_debug(
        redact(what + " -> " +
               (reply.transport == Transport::kOk ? "HTTP " + std::to_string(reply.status)
                                                  : reply.error)));
    Verdict verdict = judge_transport(reply, scope, base_url_, request_timeout_);
    if (verdict.value) return std::move(*verdict.value);
    if (!verdict.retry) return verdict.failure;
    if (attempt >= max_retries_)
      return Failure{verdict.failure.status, verdict.failure.message + " (gave up after " +
                                                 std::to_string(attempt + 1) + " attempts)"};
    milliseconds delay = retry_delay(attempt, reply);
    Status paused = delay < scope.remaining() ? scope.pause(delay) : scope.timeout_failure("");
    if (!paused.ok() && paused.failure().status == MR_ERR_CANCELLED) return paused.failure();
    if (!paused.ok())  // no time left for another attempt: the last failure says why
      return Failure{verdict.failure.status,
                     verdict.failure.message + " (gave up: maxWaitSeconds would pass)"};
  }
}

}  // namespace mockroom::runner_judge0
