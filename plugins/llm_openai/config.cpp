#include "config.h"

#include <cctype>

namespace mockroom::llm_openai {

using plugin_support::EmptyInput;
using plugin_support::InputError;
using plugin_support::parse_object;
using plugin_support::Presence;

std::string Config::endpoint() const {
  if (azure()) return base_url + "/openai/deployments/" + azure_deployment + "/chat/completions?api-version=" + azure_api_version;
  return base_url + "/chat/completions";
}

void read_connection(Fields& root, Config& c) {
  InputError& error = root.error();
  c.base_url = root.text("baseUrl", Presence::kRequired, kMaxUrlBytes);
  c.api_key = root.text("apiKey", Presence::kOptional, kMaxKeyBytes);
  c.model = root.text("model", Presence::kOptional, kMaxModelBytes);
  c.temperature = root.number("temperature", Presence::kOptional, 0.0, kMaxTemperature, c.temperature);
  c.timeout = std::chrono::seconds(root.integer("timeoutSeconds", Presence::kOptional, 1, kMaxTimeoutSeconds,
                                                c.timeout.count()));
  c.max_retries = static_cast<int>(root.integer("maxRetries", Presence::kOptional, 0, kMaxRetries, c.max_retries));
  c.max_tokens = static_cast<int>(root.integer("maxTokens", Presence::kOptional, kMinMaxTokens, kMaxMaxTokens,
                                              c.max_tokens));
  c.retry_base = std::chrono::milliseconds(root.integer("retryBaseMs", Presence::kOptional, 0, kMaxRetryBaseMs,
                                                        c.retry_base.count()));
  if (root.has("azure")) {
    Fields azure = root.object("azure", Presence::kOptional);
    azure.reject_unknown({"deployment", "apiVersion"});
    c.azure_deployment = azure.text("deployment", Presence::kRequired, kMaxModelBytes);
    c.azure_api_version = azure.text("apiVersion", Presence::kRequired, kMaxModelBytes);
  }
  if (error.failed()) return;
  while (!c.base_url.empty() && c.base_url.back() == '/') c.base_url.pop_back();
  if (c.base_url.rfind("http://", 0) != 0 && c.base_url.rfind("https://", 0) != 0)
    return error.set("config.baseUrl must start with http:// or https://");
  if (c.model.empty() && !c.azure()) return error.set("config.model is required (or azure.deployment)");
  for (char ch : c.azure_deployment + c.azure_api_version) {
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.'))
      return error.set("config.azure: deployment and apiVersion may hold letters, digits, '-', '_' and '.'");
  }
}

Parsed<Config> parse_config(std::string_view json_text) {
  InputError error;
  nlohmann::json doc = parse_object(json_text, "config", EmptyInput::kRejected, kMaxConfigBytes, error);
  Fields root(doc, "config", error);
  std::vector<std::string_view> known(kConnectionKeys.begin(), kConnectionKeys.end());
  known.push_back("promptsDir");
  root.reject_unknown(known);
  Config c;
  read_connection(root, c);
  c.prompts_dir = root.text("promptsDir", Presence::kOptional, kMaxUrlBytes);
  if (error.failed()) return Parsed<Config>::failure(error.message());
  auto prompts = load_prompts(c.prompts_dir);
  if (!prompts.ok()) return Parsed<Config>::failure(prompts.error);
  c.prompts = std::move(*prompts.value);
  return {std::move(c), {}};
}

}  // namespace mockroom::llm_openai
