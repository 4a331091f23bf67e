// Implementation of judge0_json.h.
#include "judge0_json.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <climits>
#include <cmath>

#include "base64.h"
#include "http_client.h"
#include "json_fields.h"

namespace mockroom::runner_judge0 {

using plugin_http::kMaxResponseBytes;
namespace {

using nlohmann::json;
using plugin_support::Fields;
using plugin_support::InputError;
using plugin_support::Presence;

constexpr size_t kMaxRejectionBytes = 300;

Failure invalid(const std::string& problem) {
  return {MR_ERR_UNAVAILABLE, "Judge0 sent an invalid response: " + problem};
}

json submission_json(const RunRequest& request, const TestCase& test) {
  json s = {{"language_id", request.language_id}, {"source_code", base64_encode(request.source)}};
  if (test.stdin_text) s["stdin"] = base64_encode(*test.stdin_text);
  if (test.expected_output) s["expected_output"] = base64_encode(*test.expected_output);
  const Limits& limits = request.limits;
  if (limits.cpu_time_limit) s["cpu_time_limit"] = *limits.cpu_time_limit;
  if (limits.wall_time_limit) s["wall_time_limit"] = *limits.wall_time_limit;
  if (limits.memory_limit) s["memory_limit"] = *limits.memory_limit;
  if (limits.max_processes) s["max_processes_and_or_threads"] = *limits.max_processes;
  if (limits.max_file_size) s["max_file_size"] = *limits.max_file_size;
  return s;
}

bool is_token(const std::string& token) {
  return !token.empty() && token.size() <= kMaxTokenBytes &&
         std::all_of(token.begin(), token.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
         });
}

// Judge0's field errors ({"language_id": ["can't be blank"]}), as one bounded line.
std::string describe_rejection(const json& item) {
  std::string text;
  for (const auto& [key, value] : item.items()) {
    if (!text.empty()) text += "; ";
    text += key + ":";
    if (!value.is_array()) continue;
    for (const json& message : value)
      if (message.is_string()) text += " " + message.get<std::string>();
    if (text.size() > kMaxRejectionBytes) break;
  }
  if (text.size() > kMaxRejectionBytes) text = text.substr(0, kMaxRejectionBytes) + "...";
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return text.empty() ? "no reason given" : text;
}

// Judge0 sends seconds as a decimal string ("0.002"); a number is accepted too.
std::optional<double> read_seconds(Fields& fields, std::string_view key) {
  if (!fields.has(key)) return std::nullopt;
  std::string text = fields.text(key, Presence::kOptional, kMaxTokenBytes);
  if (fields.error().failed()) return std::nullopt;
  double value = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < 0 ||
      value > kMaxReportedSeconds) {
    fields.error().set(fields.path() + "." + std::string(key) +
                       " must be a number of seconds, not \"" + text.substr(0, 32) + "\"");
    return std::nullopt;
  }
  return value;
}

std::optional<double> seconds_field(const json& doc, Fields& fields, std::string_view key) {
  auto it = doc.find(key);
  if (it != doc.end() && it->is_number())
    return fields.number(key, Presence::kOptional, 0, kMaxReportedSeconds, 0);
  return read_seconds(fields, key);
}

std::optional<int64_t> optional_integer(Fields& fields, std::string_view key) {
  if (!fields.has(key)) return std::nullopt;
  return fields.integer(key, Presence::kOptional, INT32_MIN, INT32_MAX, 0);
}

std::optional<int64_t> memory_field(Fields& fields) {
  if (!fields.has("memory")) return std::nullopt;
  return std::llround(fields.number("memory", Presence::kOptional, 0, kMaxReportedMemoryKb, 0));
}

std::string decoded(Fields& fields, std::string_view key) {
  std::string text = fields.text(key, Presence::kOptional, kMaxResponseBytes);
  if (fields.error().failed()) return {};
  std::optional<std::string> bytes = base64_decode(text);
  if (!bytes) fields.error().set(fields.path() + "." + std::string(key) + " is not valid base64");
  return bytes ? std::move(*bytes) : std::string();
}

Submission read_submission(const json& doc, Fields& fields) {
  Submission s;
  s.token = fields.text("token", Presence::kOptional, kMaxTokenBytes);
  Fields status = fields.object("status", Presence::kRequired);
  s.status_id = status.integer("id", Presence::kRequired, 1, kMaxStatusId, 0);
  s.description = status.text("description", Presence::kRequired, kMaxDescriptionBytes);
  s.stdout_text = decoded(fields, "stdout");
  s.stderr_text = decoded(fields, "stderr");
  s.compile_output = decoded(fields, "compile_output");
  s.exit_code = optional_integer(fields, "exit_code");
  s.exit_signal = optional_integer(fields, "exit_signal");
  s.time = seconds_field(doc, fields, "time");
  s.wall_time = seconds_field(doc, fields, "wall_time");
  s.memory = memory_field(fields);
  return s;
}

Result<Submission> checked_submission(const json& doc, const std::string& path,
                                      const std::string& token) {
  if (!doc.is_object()) return invalid(path + " must be an object, not " + doc.type_name());
  InputError error;
  Fields fields(doc, path, error);
  Submission s = read_submission(doc, fields);
  if (error.failed()) return invalid(error.message());
  if (!s.token.empty() && s.token != token)
    return invalid(path + ".token is not the token that was asked for");
  s.token = token;
  return s;
}

}  // namespace

std::string single_submission_body(const RunRequest& request) {
  return submission_json(request, request.tests.front()).dump();
}

std::string batch_submission_body(const RunRequest& request, size_t first, size_t count) {
  json submissions = json::array();
  for (size_t i = first; i < first + count; ++i)
    submissions.push_back(submission_json(request, request.tests[i]));
  return json{{"submissions", std::move(submissions)}}.dump();
}

Result<std::string> parse_created_token(const json& doc) {
  if (!doc.is_object())
    return invalid(std::string("submission must be an object, not ") + doc.type_name());
  auto it = doc.find("token");
  if (it == doc.end() || !it->is_string() || !is_token(it->get<std::string>()))
    return invalid("submission.token must be a submission token");
  return it->get<std::string>();
}

Result<std::vector<std::string>> parse_created_tokens(const json& doc, size_t expected) {
  if (!doc.is_array() || doc.size() != expected)
    return invalid("a batch of " + std::to_string(expected) + " submissions must answer with " +
                   std::to_string(expected) + " tokens");
  std::vector<std::string> tokens;
  for (size_t i = 0; i < doc.size(); ++i) {
    const json& item = doc[i];
    if (item.is_object() && !item.contains("token"))
      return Failure{MR_ERR_INVALID_ARGUMENT,
                     "Judge0 rejected test " + std::to_string(i) + ": " + describe_rejection(item)};
    Result<std::string> token = parse_created_token(item);
    if (!token.ok()) return token.failure();
    tokens.push_back(std::move(token.value()));
  }
  return tokens;
}

Result<Submission> parse_submission(const json& doc, const std::string& token) {
  return checked_submission(doc, "submission", token);
}

Result<std::vector<Submission>> parse_batch_submissions(const json& doc,
                                                        const std::vector<std::string>& tokens) {
  if (!doc.is_object())
    return invalid(std::string("batch must be an object, not ") + doc.type_name());
  auto it = doc.find("submissions");
  if (it == doc.end() || !it->is_array() || it->size() != tokens.size())
    return invalid("batch.submissions must be an array of " + std::to_string(tokens.size()) +
                   " submissions");
  std::vector<Submission> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string path = "batch.submissions[" + std::to_string(i) + "]";
    Result<Submission> s = checked_submission((*it)[i], path, tokens[i]);
    if (!s.ok()) return s.failure();
    out.push_back(std::move(s.value()));
  }
  return out;
}

json result_json(const Submission& s) {
  auto or_null = [](const auto& value) { return value ? json(*value) : json(nullptr); };
  return {{"status", {{"id", s.status_id}, {"description", s.description}}},
          {"stdout", s.stdout_text},
          {"stderr", s.stderr_text},
          {"compile_output", s.compile_output},
          {"exit_code", or_null(s.exit_code)},
          {"exit_signal", or_null(s.exit_signal)},
          {"time", or_null(s.time)},
          {"wall_time", or_null(s.wall_time)},
          {"memory", or_null(s.memory)}};
}

json batch_result_json(const std::vector<Submission>& finished) {
  auto failed = std::find_if(finished.begin(), finished.end(), [](const Submission& s) {
    return s.status_id == kStatusCompilationError;
  });
  if (failed != finished.end())
    return {{"compile",
             {{"status", {{"id", failed->status_id}, {"description", failed->description}}},
              {"compile_output", failed->compile_output}}},
            {"results", json::array()}};
  json results = json::array();
  for (const Submission& s : finished) results.push_back(result_json(s));
  return {{"compile", nullptr}, {"results", std::move(results)}};
}

std::string dump_result(const json& result) {
  return result.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace mockroom::runner_judge0
