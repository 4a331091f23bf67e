#include "chat.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>

#include "boundary.h"
#include "service.h"
#include "sse.h"

namespace mockroom::llm_openai {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

void read_usage(const json& doc, Usage& usage) {
  if (!doc.contains("usage") || !doc["usage"].is_object()) return;
  const json& u = doc["usage"];
  auto number = [&](const char* key) { return u.contains(key) && u[key].is_number_integer() ? u[key].get<int64_t>() : 0; };
  usage.prompt_tokens = number("prompt_tokens");
  usage.completion_tokens = number("completion_tokens");
  usage.total_tokens = number("total_tokens");
}

}  // namespace

json usage_json(const Usage& u) {
  return {{"promptTokens", u.prompt_tokens}, {"completionTokens", u.completion_tokens}, {"totalTokens", u.total_tokens}};
}

ChatClient::ChatClient(Config config)
    : config_(std::move(config)), http_(config_.auth_header(), config_.auth_token(), kUserAgent) {}

std::string ChatClient::scrub(std::string text) const {
  if (config_.api_key.empty()) return text;
  for (size_t at; (at = text.find(config_.api_key)) != std::string::npos;) text.replace(at, config_.api_key.size(), "[key]");
  return text;
}

std::string ChatClient::body(const ChatRequest& r) const {
  json messages = json::array();
  for (const ChatMessage& m : r.messages) messages.push_back({{"role", m.role}, {"content", m.content}});
  json b = {{"messages", std::move(messages)},
            {"temperature", config_.temperature},
            {"max_tokens", r.max_tokens > 0 ? r.max_tokens : config_.max_tokens}};
  if (!config_.model.empty()) b["model"] = config_.model;
  if (r.json_output) b["response_format"] = {{"type", "json_object"}};
  if (r.seed) b["seed"] = *r.seed;
  if (r.stream) {
    b["stream"] = true;
    b["stream_options"] = {{"include_usage", true}};
  }
  return b.dump(-1, ' ', false, json::error_handler_t::replace);
}

ChatOutcome ChatClient::attempt(const ChatRequest& request, mr_call* call,
                                const std::function<void(std::string_view)>& on_token, bool& emitted,
                                bool& retryable, std::optional<milliseconds>& retry_after) {
  ChatOutcome out;
  out.model = config_.model_name();
  retryable = false;
  retry_after.reset();
  SseParser sse;
  bool done = false, bad_chunk = false, too_long = false;
  std::string finish_reason;
  auto on_event = [&](const std::string& data) {
    if (data == "[DONE]") {
      done = true;
      return true;
    }
    json chunk = json::parse(data, nullptr, false);
    if (!chunk.is_object()) {
      bad_chunk = true;
      return false;
    }
    if (chunk.contains("model") && chunk["model"].is_string()) out.model = chunk["model"].get<std::string>();
    read_usage(chunk, out.usage);
    if (!chunk.contains("choices") || !chunk["choices"].is_array() || chunk["choices"].empty()) return true;
    const json& choice = chunk["choices"][0];
    if (choice.contains("finish_reason") && choice["finish_reason"].is_string())
      finish_reason = choice["finish_reason"].get<std::string>();
    if (!choice.contains("delta") || !choice["delta"].is_object()) return true;
    const json& delta = choice["delta"];
    if (delta.contains("content") && delta["content"].is_string()) {
      const std::string& piece = delta["content"].get_ref<const std::string&>();
      if (out.text.size() + piece.size() > kMaxReplyChars) {
        too_long = true;
        return false;
      }
      out.text += piece;
      if (!piece.empty() && on_token) {
        on_token(piece);
        emitted = true;
      }
    }
    return true;
  };
  plugin_http::HttpRequest http{plugin_http::Method::kPost, config_.endpoint(), body(request),
                                std::chrono::duration_cast<milliseconds>(config_.timeout), call, {}, {}};
  if (request.stream) {
    http.headers.push_back("Accept: text/event-stream");
    http.on_data = [&](std::string_view bytes) {
      auto events = sse.feed(bytes);
      if (!events) {
        bad_chunk = true;
        return false;
      }
      for (const std::string& e : *events)
        if (!on_event(e)) return false;
      return true;
    };
  }
  plugin_http::HttpReply reply = http_.send(http);
  if (bad_chunk || too_long) {
    out.status = MR_ERR_UNAVAILABLE;
    out.message = too_long ? "the reply passed " + std::to_string(kMaxReplyChars) + " characters"
                           : "the server sent a malformed stream chunk";
    return out;
  }
  if (auto failure = plugin_http::failure_of(reply, config_.base_url, config_.timeout)) {
    out.status = failure->status;
    out.message = scrub(failure->message);
    retryable = failure->retryable;
    retry_after = reply.retry_after;
    return out;
  }
  if (request.stream) {
    if (auto last = sse.finish()) on_event(*last);
    if (bad_chunk) {
      out.status = MR_ERR_UNAVAILABLE;
      out.message = "the server sent a malformed stream chunk";
      return out;
    }
    if (!done && finish_reason.empty()) {
      out.status = MR_ERR_UNAVAILABLE;
      out.message = "the stream ended before the reply was complete";
      retryable = true;
      return out;
    }
  } else {
    json doc = json::parse(reply.body, nullptr, false);
    if (!doc.is_object() || !doc.contains("choices") || !doc["choices"].is_array() || doc["choices"].empty() ||
        !doc["choices"][0].contains("message") || !doc["choices"][0]["message"].is_object()) {
      out.status = MR_ERR_UNAVAILABLE;
      out.message = "the server's reply is not a chat completion";
      return out;
    }
    const json& message = doc["choices"][0]["message"];
    if (message.contains("content") && message["content"].is_string()) out.text = message["content"].get<std::string>();
    if (doc.contains("model") && doc["model"].is_string()) out.model = doc["model"].get<std::string>();
    read_usage(doc, out.usage);
    if (out.text.size() > kMaxReplyChars) {
      out.status = MR_ERR_UNAVAILABLE;
      out.message = "the reply passed " + std::to_string(kMaxReplyChars) + " characters";
      return out;
    }
  }
  if (out.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    out.status = MR_ERR_UNAVAILABLE;
    out.message = "the server sent an empty reply";
    return out;
  }
  out.status = MR_OK;
  return out;
}

ChatOutcome ChatClient::complete(const ChatRequest& request, mr_call* call,
                                 const std::function<void(std::string_view)>& on_token) {
  bool emitted = false;
  ChatOutcome out;
  for (int attempt_number = 0;; ++attempt_number) {
    bool retryable = false;
    std::optional<milliseconds> retry_after;
    out = attempt(request, call, on_token, emitted, retryable, retry_after);
    out.attempts = attempt_number + 1;
    if (out.ok() || !retryable || emitted || attempt_number >= config_.max_retries) return out;
    milliseconds delay = retry_after.value_or(config_.retry_base * (1 << attempt_number));
    delay = std::min(delay, milliseconds(kMaxBackoffMs));
    plugin_support::log_debug("retrying in " + std::to_string(delay.count()) + " ms: " + out.message);
    if (!plugin_http::wait_unless_cancelled(delay, call)) {
      out.status = MR_ERR_CANCELLED;
      out.message = "cancelled by the host";
      return out;
    }
  }
}

}  // namespace mockroom::llm_openai
