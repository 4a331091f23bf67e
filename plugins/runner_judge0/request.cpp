// Implementation of request.h.
#include "request.h"

namespace mockroom::runner_judge0 {
namespace {

using plugin_support::EmptyInput;
using plugin_support::Fields;
using plugin_support::InputError;
using plugin_support::Presence;

constexpr std::string_view kLimitKeys[] = {"cpu_time_limit", "wall_time_limit", "memory_limit",
                                           "max_processes", "max_file_size"};

int64_t language_id(Fields& root, const LanguageIds& ids) {
  std::string name = root.text("language", Presence::kRequired, kMaxLanguageNameBytes);
  if (root.error().failed()) return 0;
  if (name == "python") return ids.python;
  if (name == "cpp") return ids.cpp;
  if (name == "javascript") return ids.javascript;
  root.error().set("request.language must be one of python, cpp, javascript");
  return 0;
}

std::optional<std::string> optional_text(Fields& fields, std::string_view key, size_t max) {
  if (!fields.has(key)) return std::nullopt;
  return fields.text(key, Presence::kOptional, max);
}

template <class T, class Read>
std::optional<T> optional_limit(Fields& fields, std::string_view key, Read read) {
  if (!fields.has(key)) return std::nullopt;
  return read(key);
}

Limits read_limits(Fields& root) {
  auto seconds = [&](std::string_view key) {
    return root.number(key, Presence::kOptional, kMinTimeLimitSeconds, kMaxTimeLimitSeconds, 0);
  };
  auto count = [&](int64_t max) {
    return [&root, max](std::string_view key) {
      return root.integer(key, Presence::kOptional, 1, max, 0);
    };
  };
  Limits limits;
  limits.cpu_time_limit = optional_limit<double>(root, "cpu_time_limit", seconds);
  limits.wall_time_limit = optional_limit<double>(root, "wall_time_limit", seconds);
  limits.memory_limit = optional_limit<int64_t>(root, "memory_limit", count(kMaxMemoryLimitKb));
  limits.max_processes = optional_limit<int64_t>(root, "max_processes", count(kMaxProcesses));
  limits.max_file_size = optional_limit<int64_t>(root, "max_file_size", count(kMaxFileSizeKb));
  return limits;
}

TestCase read_test(Fields& fields) {
  return {optional_text(fields, "stdin", kMaxStdinBytes),
          optional_text(fields, "expected_output", kMaxExpectedOutputBytes)};
}

// Reads what both calls share; `root` has already refused unknown keys.
RunRequest read_common(Fields& root, const LanguageIds& ids) {
  RunRequest request;
  request.language_id = language_id(root, ids);
  request.source = root.text("source", Presence::kRequired, kMaxSourceBytes);
  request.limits = read_limits(root);
  return request;
}

Parsed<RunRequest> finish(InputError& error, RunRequest request) {
  if (error.failed()) return Parsed<RunRequest>::failure(error.message());
  return {std::move(request), {}};
}

}  // namespace

Parsed<RunRequest> parse_execute_request(std::string_view json_text, const LanguageIds& ids) {
  InputError error;
  nlohmann::json doc = plugin_support::parse_object(json_text, "request", EmptyInput::kRejected,
                                                    kMaxRequestBytes, error);
  Fields root(doc, "request", error);
  root.reject_unknown({"language", "source", "stdin", "expected_output", kLimitKeys[0],
                       kLimitKeys[1], kLimitKeys[2], kLimitKeys[3], kLimitKeys[4]});
  RunRequest request = read_common(root, ids);
  request.tests.push_back(read_test(root));
  return finish(error, std::move(request));
}

Parsed<RunRequest> parse_batch_request(std::string_view json_text, const LanguageIds& ids) {
  InputError error;
  nlohmann::json doc = plugin_support::parse_object(json_text, "request", EmptyInput::kRejected,
                                                    kMaxRequestBytes, error);
  Fields root(doc, "request", error);
  root.reject_unknown({"language", "source", "tests", kLimitKeys[0], kLimitKeys[1], kLimitKeys[2],
                       kLimitKeys[3], kLimitKeys[4]});
  RunRequest request = read_common(root, ids);
  for (Fields& test : root.objects("tests", Presence::kRequired, kMaxTests)) {
    test.reject_unknown({"stdin", "expected_output"});
    request.tests.push_back(read_test(test));
  }
  if (!error.failed() && request.tests.empty()) error.set("request.tests must not be empty");
  return finish(error, std::move(request));
}

}  // namespace mockroom::runner_judge0
