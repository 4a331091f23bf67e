// Implementation of config.h. Messages name the field, never the auth token's value.
#include "config.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace mockroom::runner_judge0 {
namespace {

using plugin_support::EmptyInput;
using plugin_support::Fields;
using plugin_support::InputError;
using plugin_support::Presence;

std::chrono::milliseconds from_seconds(double seconds) {
  return std::chrono::milliseconds(static_cast<int64_t>(std::llround(seconds * 1000)));
}

bool has_control_or_space(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7F;
  });
}

// An HTTP header name: RFC 9110 token characters.
bool is_header_name(std::string_view name) {
  constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return !name.empty() && std::all_of(name.begin(), name.end(), [&](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || kSymbols.find(c) != kSymbols.npos;
  });
}

// Checks and normalises baseUrl; returns the problem, or "" when it is fine.
std::string check_base_url(std::string& url) {
  size_t scheme_end = url.find("://");
  std::string scheme = scheme_end == std::string::npos ? "" : url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return "must start with http:// or https://";
  if (has_control_or_space(url)) return "must not contain spaces or control characters";
  if (url.find_first_of("?#") != std::string::npos) return "must not contain a query or a fragment";
  while (url.ends_with('/')) url.pop_back();
  std::string_view rest = std::string_view(url).substr(scheme_end + 3);
  std::string_view authority = rest.substr(0, rest.find('/'));
  if (authority.empty()) return "has no host";
  if (authority.find('@') != std::string_view::npos)
    return "must not carry credentials; use authToken";
  return "";
}

void read_language_ids(Fields languages, LanguageIds& ids) {
  languages.reject_unknown({"python", "cpp", "javascript"});
  ids.python = languages.integer("python", Presence::kOptional, 1, kMaxLanguageId, ids.python);
  ids.cpp = languages.integer("cpp", Presence::kOptional, 1, kMaxLanguageId, ids.cpp);
  ids.javascript =
      languages.integer("javascript", Presence::kOptional, 1, kMaxLanguageId, ids.javascript);
}

void read_auth(Fields& root, Config& config) {
  config.auth_header = root.text("authHeader", Presence::kOptional, kMaxAuthHeaderBytes);
  if (!root.has("authHeader")) config.auth_header = kDefaultAuthHeader;
  InputError& error = root.error();
  if (!error.failed() && !is_header_name(config.auth_header))
    error.set("config.authHeader must be an HTTP header name (letters, digits, - and _)");
  config.auth_token = root.text("authToken", Presence::kOptional, kMaxAuthTokenBytes);
  bool bad_char = std::any_of(config.auth_token.begin(), config.auth_token.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
  if (!error.failed() && bad_char)
    error.set("config.authToken must not contain control characters");
}

void read_budgets(Fields& root, Config& config) {
  config.request_timeout =
      from_seconds(root.number("timeoutSeconds", Presence::kOptional, kMinTimeoutSeconds,
                               kMaxTimeoutSeconds, kDefaultTimeoutSeconds));
  config.poll_interval = std::chrono::milliseconds(
      root.integer("pollIntervalMs", Presence::kOptional, kMinPollIntervalMs, kMaxPollIntervalMs,
                   kDefaultPollIntervalMs));
  config.max_wait =
      from_seconds(root.number("maxWaitSeconds", Presence::kOptional, kMinMaxWaitSeconds,
                               kMaxMaxWaitSeconds, kDefaultMaxWaitSeconds));
  config.max_retries = static_cast<int>(
      root.integer("maxRetries", Presence::kOptional, 0, kMaxMaxRetries, kDefaultMaxRetries));
  config.max_batch_size = static_cast<size_t>(
      root.integer("maxBatchSize", Presence::kOptional, 1, kMaxMaxBatchSize, kDefaultMaxBatchSize));
}

}  // namespace

Parsed<Config> parse_config(std::string_view json_text) {
  InputError error;
  nlohmann::json doc = plugin_support::parse_object(json_text, "config", EmptyInput::kAllowed,
                                                    kMaxConfigBytes, error);
  Fields root(doc, "config", error);
  root.reject_unknown({"baseUrl", "authToken", "authHeader", "languageIds", "timeoutSeconds",
                       "pollIntervalMs", "maxWaitSeconds", "maxRetries", "maxBatchSize"});
  Config config;
  config.base_url = root.text("baseUrl", Presence::kRequired, kMaxBaseUrlBytes);
  if (!error.failed()) {
    std::string problem = check_base_url(config.base_url);
    if (!problem.empty()) error.set("config.baseUrl " + problem);
  }
  read_auth(root, config);
  read_language_ids(root.object("languageIds", Presence::kOptional), config.language_ids);
  read_budgets(root, config);
  if (error.failed()) return Parsed<Config>::failure(error.message());
  return {config, {}};
}

}  // namespace mockroom::runner_judge0
