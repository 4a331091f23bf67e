// A chat completion whose reply must be one JSON object of a given shape (the follow-up
// decision, scoring_llm's verdict): asked with response_format json_object; a reply that
// is not a JSON object or fails the caller's check is asked again once, with the bad reply
// and the problem added to the conversation, and then refused. Transport failures are not
// retried here: ChatClient retries those. Safe from any thread, as ChatClient is.
#pragma once

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "chat.h"

namespace mockroom::llm_openai {

// How many rounds a structured reply gets: the first and one retry.
inline constexpr int kStructuredRounds = 2;

// The JSON object in a model's reply (some servers wrap it in a Markdown fence despite
// response_format); "" when found, else the problem.
std::string parse_reply_object(const std::string& text, nlohmann::json& out);

// Checks a reply object: "" when usable, else the problem, which is said back to the model.
using ReplyCheck = std::function<std::string(const nlohmann::json& reply)>;

struct JsonOutcome {
  mr_status status = MR_ERR_INTERNAL;
  std::string message;   // why, when status != MR_OK; never holds the API key
  nlohmann::json value;  // the reply object that passed the check
  std::string model;     // as the server named it, else the configured one
  Usage usage;           // of every round
  int attempts = 0;      // HTTP requests, retries included
  bool ok() const { return status == MR_OK; }
};

// `what` names the output in the refusal: "the model's <what> was invalid twice: ...".
// At most `max_echo_chars` of a bad reply go back to the model with the problem.
JsonOutcome complete_json(ChatClient& client, ChatRequest request, mr_call* call, const ReplyCheck& check,
                          std::string_view what, size_t max_echo_chars);

}  // namespace mockroom::llm_openai
