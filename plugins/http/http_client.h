// A small blocking HTTP(S) client on libcurl easy handles, for the plugins that talk JSON to
// a server (runner_judge0, llm_openai). Not a plugin: a plugin that needs it adds
// ${PLUGIN_HTTP_SOURCES} and libcurl in its plugin.cmake, so it is compiled into that .so
// alone.
//
// Contract:
// - One HttpClient per plugin instance. send() may be called from several threads at
//   once: each call borrows an easy handle from a pool guarded by a mutex and gives it back
//   afterwards, so connections (and TLS sessions) are reused between calls.
// - TLS peers and host names are always verified; only http and https are spoken; redirects
//   are not followed.
// - Response bodies are capped at kMaxResponseBytes (Transport::kTooLarge beyond).
// - A request with `on_data` streams: each chunk of the body goes to it as it arrives
//   (Server-Sent Events) instead of into HttpReply::body; returning false stops the
//   transfer (Transport::kCancelled).
// - The auth header is added to every request; its value is never logged or reported.
// - A transfer stops early (Transport::kCancelled) when the host cancels the call.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mockroom/plugin.h"

namespace mockroom::plugin_http {

inline constexpr size_t kMaxResponseBytes = 8 * 1024 * 1024;
inline constexpr size_t kMaxIdleHandles = 8;

enum class Method { kGet, kPost };

// How a transfer ended, before looking at the HTTP status.
enum class Transport {
  kOk,          // a complete HTTP response arrived (any status)
  kConnection,  // could not connect, or the connection broke (worth retrying)
  kTimedOut,    // the per-request timeout expired
  kCancelled,   // the host cancelled the call
  kTooLarge,    // the body passed kMaxResponseBytes
  kTls,         // certificate verification failed
  kOther        // anything else libcurl refused (bad URL, out of memory, ...)
};

struct HttpRequest {
  Method method = Method::kGet;
  std::string url;
  std::string body;  // for kPost
  std::chrono::milliseconds timeout{0};
  const mr_call* call = nullptr;  // watched for cancellation during the transfer
  std::vector<std::string> headers;  // extra "Name: value" lines ("Accept: text/event-stream")
  // Set: the body streams here as it arrives (see above); only for 2xx responses, an error
  // status's body is collected as usual.
  std::function<bool(std::string_view)> on_data;
  std::string content_type = "application/json";  // of the body (multipart for file uploads)
};

struct HttpReply {
  Transport transport = Transport::kOther;
  long status = 0;
  std::string body;
  std::optional<std::chrono::milliseconds> retry_after;  // from a Retry-After header
  std::string error;  // libcurl's description when transport != kOk
};

class HttpClient {
 public:
  // `auth_token` empty: no auth header is sent. `user_agent`: "mockroom-<plugin>/<version>".
  HttpClient(const std::string& auth_header, const std::string& auth_token, std::string user_agent);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpReply send(const HttpRequest& request);

 private:
  struct HandleDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
  };
  using Handle = std::unique_ptr<CURL, HandleDeleter>;

  Handle acquire();
  void release(Handle handle);

  std::string auth_line_;  // "Name: token", or empty
  std::string user_agent_;
  std::mutex mutex_;       // guards idle_
  std::vector<Handle> idle_;
};

}  // namespace mockroom::plugin_http
