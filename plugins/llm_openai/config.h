// llm_openai's instance configuration, parsed and validated. Every limit is a named
// constant; a bad field yields a message naming it. The API key is kept for the auth header
// and appears in no message, log line or result.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "json_fields.h"
#include "prompts.h"

namespace mockroom::llm_openai {

using plugin_support::Fields;
using plugin_support::Parsed;

inline constexpr size_t kMaxConfigBytes = 16 * 1024;
inline constexpr size_t kMaxUrlBytes = 2048;
inline constexpr size_t kMaxKeyBytes = 1024;
inline constexpr size_t kMaxModelBytes = 256;
inline constexpr double kMaxTemperature = 2.0;
inline constexpr double kDefaultTemperature = 0.4;
inline constexpr int kDefaultTimeoutSeconds = 60;
inline constexpr int kMaxTimeoutSeconds = 600;
inline constexpr int kDefaultMaxRetries = 2;
inline constexpr int kMaxRetries = 5;
inline constexpr int kDefaultMaxTokens = 400;
inline constexpr int kMinMaxTokens = 16;
inline constexpr int kMaxMaxTokens = 8192;
inline constexpr int kDefaultRetryBaseMs = 250;
inline constexpr int kMaxRetryBaseMs = 10000;

// {"baseUrl": "https://api.openai.com/v1", "apiKey": "...", "model": "gpt-4o-mini",
//  "temperature": 0..2, "timeoutSeconds": 1..600, "maxRetries": 0..5, "maxTokens": 16..8192,
//  "retryBaseMs": 0..10000, "promptsDir": "...",
//  "azure": {"deployment": "...", "apiVersion": "2024-06-01"}}
// With "azure", requests go to {baseUrl}/openai/deployments/{deployment}/chat/completions
// ?api-version=... with an "api-key" header; otherwise to {baseUrl}/chat/completions with
// "Authorization: Bearer". vLLM, llama.cpp server and Ollama speak the second form.
struct Config {
  std::string base_url;  // without a trailing '/'
  std::string api_key;   // may be empty (local servers)
  std::string model;     // required unless Azure names a deployment
  double temperature = kDefaultTemperature;
  std::chrono::seconds timeout{kDefaultTimeoutSeconds};
  int max_retries = kDefaultMaxRetries;
  int max_tokens = kDefaultMaxTokens;
  std::chrono::milliseconds retry_base{kDefaultRetryBaseMs};
  std::string prompts_dir;       // empty: the compiled-in templates/prompts
  Prompts prompts;
  std::string azure_deployment;  // empty: not Azure
  std::string azure_api_version;

  bool azure() const { return !azure_deployment.empty(); }
  std::string endpoint() const;
  std::string auth_header() const { return azure() ? "api-key" : "Authorization"; }
  std::string auth_token() const { return api_key.empty() ? "" : azure() ? api_key : "Bearer " + api_key; }
  // What events record as model_version: the model, or the Azure deployment.
  std::string model_name() const { return model.empty() ? azure_deployment : model; }
};

// The keys read_connection reads: every config key but "promptsDir".
inline constexpr std::array<std::string_view, 9> kConnectionKeys = {
    "baseUrl", "apiKey", "model", "temperature", "timeoutSeconds", "maxRetries", "maxTokens", "retryBaseMs", "azure"};

Parsed<Config> parse_config(std::string_view json_text);

// Reads the connection keys of a config object into `c`, whose values stand as the defaults
// (another plugin that talks to a chat model, like scoring_llm, picks its own). Problems go
// to the InputError behind `root`.
void read_connection(Fields& root, Config& c);

}  // namespace mockroom::llm_openai
