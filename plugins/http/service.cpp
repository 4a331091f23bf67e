// Implementation of service.h.
#include "service.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>

#include "boundary.h"

namespace mockroom::plugin_http {

using plugin_support::Presence;
using std::chrono::milliseconds;

namespace {

constexpr size_t kMaxServerMessageChars = 300;
constexpr auto kCancelPoll = milliseconds(50);

}  // namespace

std::string server_message(const std::string& body) {
  nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
  std::string m;
  if (doc.is_object() && doc.contains("error")) {
    const nlohmann::json& e = doc["error"];
    if (e.is_object() && e.contains("message") && e["message"].is_string()) m = e["message"].get<std::string>();
    else if (e.is_string()) m = e.get<std::string>();
  } else if (doc.is_object() && doc.contains("detail") && doc["detail"].is_string()) {
    m = doc["detail"].get<std::string>();  // FastAPI servers (self-hosted Whisper and TTS)
  }
  if (m.size() > kMaxServerMessageChars) m = m.substr(0, kMaxServerMessageChars) + "...";
  return m;
}

bool wait_unless_cancelled(milliseconds delay, const mr_call* call) {
  while (delay.count() > 0) {
    if (plugin_support::cancelled(call)) return false;
    milliseconds step = std::min(delay, kCancelPoll);
    std::this_thread::sleep_for(step);
    delay -= step;
  }
  return !plugin_support::cancelled(call);
}

std::optional<ReplyFailure> failure_of(const HttpReply& reply, const std::string& base_url,
                                       std::chrono::seconds timeout) {
  switch (reply.transport) {
    case Transport::kOk:
      break;
    case Transport::kCancelled:
      return ReplyFailure{MR_ERR_CANCELLED, "cancelled by the host", false};
    case Transport::kTimedOut:
      return ReplyFailure{MR_ERR_TIMEOUT, "no complete reply within " + std::to_string(timeout.count()) + " s", true};
    case Transport::kConnection:
      return ReplyFailure{MR_ERR_UNAVAILABLE, "connection to " + base_url + " failed: " + reply.error, true};
    default:
      return ReplyFailure{MR_ERR_UNAVAILABLE, "request to " + base_url + " failed: " + reply.error, false};
  }
  if (reply.status >= 200 && reply.status < 300) return std::nullopt;
  std::string detail = server_message(reply.body);
  return ReplyFailure{MR_ERR_UNAVAILABLE,
                      "HTTP " + std::to_string(reply.status) + " from " + base_url + (detail.empty() ? "" : ": " + detail),
                      reply.status == 429 || reply.status >= 500};
}

void read_service(plugin_support::Fields& root, ServiceConfig& c) {
  plugin_support::InputError& error = root.error();
  c.base_url = root.text("baseUrl", Presence::kRequired, kMaxServiceUrlBytes);
  c.api_key = root.text("apiKey", Presence::kOptional, kMaxServiceKeyBytes);
  if (root.has("model")) c.model = root.text("model", Presence::kOptional, kMaxServiceModelBytes);
  c.timeout = std::chrono::seconds(
      root.integer("timeoutSeconds", Presence::kOptional, 1, kMaxServiceTimeoutSeconds, c.timeout.count()));
  c.max_retries = static_cast<int>(root.integer("maxRetries", Presence::kOptional, 0, kMaxServiceRetries, c.max_retries));
  c.retry_base = milliseconds(
      root.integer("retryBaseMs", Presence::kOptional, 0, kMaxServiceRetryBaseMs, c.retry_base.count()));
  if (error.failed()) return;
  while (!c.base_url.empty() && c.base_url.back() == '/') c.base_url.pop_back();
  if (c.base_url.rfind("http://", 0) != 0 && c.base_url.rfind("https://", 0) != 0) {
    return error.set("config.baseUrl must start with http:// or https://");
  }
  if (c.base_url.find_first_of("?# ") != std::string::npos) {
    return error.set("config.baseUrl must not contain a query, a fragment or spaces");
  }
  std::string_view rest = std::string_view(c.base_url).substr(c.base_url.find("://") + 3);
  if (rest.substr(0, rest.find('/')).find('@') != std::string_view::npos) {
    return error.set("config.baseUrl must not carry credentials; use apiKey");
  }
  if (c.model.empty()) error.set("config.model must not be empty");
  if (std::any_of(c.api_key.begin(), c.api_key.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20; })) {
    error.set("config.apiKey must not contain control characters");
  }
}

ServiceClient::ServiceClient(ServiceConfig config, std::string user_agent)
    : config_(std::move(config)),
      http_("Authorization", config_.api_key.empty() ? "" : "Bearer " + config_.api_key, std::move(user_agent)) {}

std::string ServiceClient::scrub(std::string text) const {
  if (config_.api_key.empty()) return text;
  for (size_t at; (at = text.find(config_.api_key)) != std::string::npos;) text.replace(at, config_.api_key.size(), "[key]");
  return text;
}

ServiceOutcome ServiceClient::send(const std::string& path, HttpRequest request, const mr_call* call,
                                   const std::function<bool()>& may_retry) {
  request.url = config_.base_url + path;
  request.timeout = std::chrono::duration_cast<milliseconds>(config_.timeout);
  request.call = call;
  for (int attempt_number = 0;; ++attempt_number) {
    ServiceOutcome out;
    out.reply = http_.send(request);
    out.attempts = attempt_number + 1;
    std::optional<ReplyFailure> failure = failure_of(out.reply, config_.base_url, config_.timeout);
    if (!failure) {
      out.status = MR_OK;
      return out;
    }
    out.status = failure->status;
    out.message = scrub(failure->message);
    if (!failure->retryable || attempt_number >= config_.max_retries || (may_retry && !may_retry())) return out;
    milliseconds delay = out.reply.retry_after.value_or(config_.retry_base * (1 << attempt_number));
    delay = std::min(delay, milliseconds(kMaxServiceBackoffMs));
    plugin_support::log_debug("retrying in " + std::to_string(delay.count()) + " ms: " + out.message);
    if (!wait_unless_cancelled(delay, call)) {
      out.status = MR_ERR_CANCELLED;
      out.message = "cancelled by the host";
      return out;
    }
  }
}

}  // namespace mockroom::plugin_http
