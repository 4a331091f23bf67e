// A JSON-over-HTTP service as the speech plugins' HTTP providers use it (stt_openai,
// tts_openai): the connection settings every such config shares, and one request sent with
// retries. Not a plugin; compiled into the plugins that add plugins/http.
//
// Contract:
// - read_service() reads baseUrl (required, http/https, no credentials, query or
//   fragment), apiKey, model, timeoutSeconds, maxRetries and retryBaseMs from a config.
// - ServiceClient::send() retries connection failures, timeouts, 429 and 5xx with
//   exponential backoff from retryBaseMs (or the server's Retry-After), at most maxRetries
//   times and only while `may_retry` says so (a stream already handed on must not
//   restart); a cancelled call stops at once, also while waiting to retry.
// - Messages name the server and the HTTP status and quote the server's error message;
//   they never hold the API key. Thread-safe (the HTTP client pools its connections).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "http_client.h"
#include "json_fields.h"
#include "mockroom/plugin.h"

namespace mockroom::plugin_http {

inline constexpr size_t kMaxServiceUrlBytes = 2048;
inline constexpr size_t kMaxServiceKeyBytes = 1024;
inline constexpr size_t kMaxServiceModelBytes = 256;
inline constexpr int kMaxServiceTimeoutSeconds = 600;
inline constexpr int kMaxServiceRetries = 5;
inline constexpr int kMaxServiceRetryBaseMs = 10000;
inline constexpr int kMaxServiceBackoffMs = 20000;

struct ServiceConfig {
  std::string base_url;  // without a trailing '/'
  std::string api_key;   // sent as "Authorization: Bearer"; may be empty (local servers)
  std::string model;
  std::chrono::seconds timeout{60};
  int max_retries = 2;
  std::chrono::milliseconds retry_base{250};
};

// The keys read_service reads, for reject_unknown.
inline constexpr std::string_view kServiceKeys[] = {"baseUrl", "apiKey", "model", "timeoutSeconds", "maxRetries",
                                                    "retryBaseMs"};

// Reads the service keys onto `c` (whose values are the defaults); problems go to `root`'s
// InputError, naming the key.
void read_service(plugin_support::Fields& root, ServiceConfig& c);

// The server's own words about an error, from OpenAI's {"error": {"message"}} or
// {"error": "..."}, or FastAPI's {"detail": "..."}; "" when the body has none. Shortened.
std::string server_message(const std::string& body);

// Sleeps `delay`, waking to check for cancellation; false when the host cancelled.
bool wait_unless_cancelled(std::chrono::milliseconds delay, const mr_call* call);

// Why a reply is not a complete 2xx response, and whether trying again may help
// (connection failures, timeouts, 429, 5xx). The message names `base_url` and quotes the
// server; the caller scrubs secrets from it.
struct ReplyFailure {
  mr_status status = MR_ERR_UNAVAILABLE;
  std::string message;
  bool retryable = false;
};
std::optional<ReplyFailure> failure_of(const HttpReply& reply, const std::string& base_url,
                                       std::chrono::seconds timeout);

// How one request ended.
struct ServiceOutcome {
  mr_status status = MR_ERR_INTERNAL;
  std::string message;  // why, when status != MR_OK; never holds the API key
  HttpReply reply;      // the last reply (a 2xx one when status == MR_OK)
  int attempts = 0;
  bool ok() const { return status == MR_OK; }
};

class ServiceClient {
 public:
  ServiceClient(ServiceConfig config, std::string user_agent);

  const ServiceConfig& config() const { return config_; }
  // `path` is appended to baseUrl ("/audio/speech"). `request.url`, `timeout` and `call`
  // are filled in here.
  ServiceOutcome send(const std::string& path, HttpRequest request, const mr_call* call,
                      const std::function<bool()>& may_retry = {});

 private:
  std::string scrub(std::string text) const;

  ServiceConfig config_;
  HttpClient http_;
};

}  // namespace mockroom::plugin_http
