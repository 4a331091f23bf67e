// One chat completion against an OpenAI-compatible server: the request body, retries with
// backoff on connection failures, 429 and 5xx (honouring Retry-After), streaming over SSE
// with each token handed on as it arrives, cancellation when the host asks, and token
// usage. Thread-safe: the HTTP client pools its connections.
//
// A retry happens only before any token was handed on: once the candidate has seen part of
// a reply, a failure is reported rather than the reply restarted.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "http_client.h"
#include "mockroom/plugin.h"

namespace mockroom::llm_openai {

inline constexpr char kUserAgent[] = "mockroom-llm_openai/1.0";
inline constexpr size_t kMaxReplyChars = 64 * 1024;  // of generated text
inline constexpr int kMaxBackoffMs = 20000;

struct ChatMessage {
  std::string role;  // system, user, assistant
  std::string content;
};

struct ChatRequest {
  std::vector<ChatMessage> messages;
  bool json_output = false;  // response_format json_object
  bool stream = false;
  int max_tokens = 0;        // 0: the config's
  // Sent as "seed" for reproducible sampling (OpenAI, vLLM, llama.cpp and Ollama honour it).
  std::optional<int64_t> seed;
};

struct Usage {
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
  int64_t total_tokens = 0;

  Usage& operator+=(const Usage& other) {
    prompt_tokens += other.prompt_tokens;
    completion_tokens += other.completion_tokens;
    total_tokens += other.total_tokens;
    return *this;
  }
};

// {"promptTokens", "completionTokens", "totalTokens"}, as results report usage.
nlohmann::json usage_json(const Usage& usage);

struct ChatOutcome {
  mr_status status = MR_ERR_INTERNAL;
  std::string message;  // why, when status != MR_OK; never holds the API key
  std::string text;
  Usage usage;
  std::string model;  // as the server named it, else the configured one
  int attempts = 0;
  bool ok() const { return status == MR_OK; }
};

class ChatClient {
 public:
  explicit ChatClient(Config config);
  const Config& config() const { return config_; }

  // `on_token` (streaming only) gets each piece of text as it arrives.
  ChatOutcome complete(const ChatRequest& request, mr_call* call,
                       const std::function<void(std::string_view)>& on_token = {});

 private:
  std::string body(const ChatRequest& request) const;
  ChatOutcome attempt(const ChatRequest& request, mr_call* call,
                      const std::function<void(std::string_view)>& on_token, bool& emitted,
                      bool& retryable, std::optional<std::chrono::milliseconds>& retry_after);
  std::string scrub(std::string text) const;

  Config config_;
  plugin_http::HttpClient http_;
};

}  // namespace mockroom::llm_openai
