#include "request.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace mockroom::runner_sandbox {
namespace {

using plugin_support::EmptyInput;
using plugin_support::Fields;
using plugin_support::InputError;
using plugin_support::Parsed;
using plugin_support::Presence;

std::string format_number(double value) {
  std::string text = std::to_string(value);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

// Reads one limit; over the configured maximum is an error naming the config key.
double read_limit(Fields& root, std::string_view key, double min, double max, double fallback,
                  std::string_view unit, std::string_view config_key) {
  double value = root.number(key, Presence::kOptional, min, kCeilingMemoryLimitKb, fallback);
  if (value > max && !root.error().failed())
    root.error().set("request." + std::string(key) + " is " + format_number(value) + " " +
                     std::string(unit) + "; this runner allows at most " + format_number(max) +
                     " (config " + std::string(config_key) + ")");
  return value;
}

Limits read_limits(Fields& root, const Limits& max) {
  Limits l;
  l.cpu_seconds = read_limit(root, "cpu_time_limit", kMinTimeLimit, max.cpu_seconds,
                             kDefaultCpuTimeLimit, "s", "maxCpuTimeLimit");
  l.wall_seconds = read_limit(root, "wall_time_limit", kMinTimeLimit, max.wall_seconds,
                              kDefaultWallTimeLimit, "s", "maxWallTimeLimit");
  l.memory_kb = std::llround(read_limit(root, "memory_limit", kMinMemoryLimitKb, max.memory_kb,
                                        kDefaultMemoryLimitKb, "KB", "maxMemoryLimit"));
  l.max_processes = std::llround(read_limit(root, "max_processes", kMinMaxProcesses,
                                            max.max_processes, kDefaultMaxProcesses, "processes",
                                            "maxMaxProcesses"));
  l.max_file_kb = std::llround(read_limit(root, "max_file_size", kMinMaxFileSizeKb,
                                          max.max_file_kb, kDefaultMaxFileSizeKb, "KB",
                                          "maxMaxFileSize"));
  return l;
}

std::optional<std::string> read_expected(Fields& fields) {
  if (!fields.has("expected_output")) return std::nullopt;
  return fields.text("expected_output", Presence::kOptional, kMaxExpectedBytes);
}

std::vector<TestCase> read_tests(Fields& root, RequestShape shape) {
  std::vector<TestCase> tests;
  if (shape == RequestShape::kSingle) {
    tests.push_back({root.text("stdin", Presence::kOptional, kMaxStdinBytes), read_expected(root)});
    return tests;
  }
  std::vector<Fields> items = root.objects("tests", Presence::kRequired, kMaxTests);
  if (items.empty() && !root.error().failed()) root.error().set("request.tests must not be empty");
  for (Fields& item : items) {
    item.reject_unknown({"stdin", "expected_output"});
    tests.push_back({item.text("stdin", Presence::kOptional, kMaxStdinBytes), read_expected(item)});
  }
  return tests;
}

Language read_language(Fields& root) {
  std::string name = root.text("language", Presence::kRequired, 32);
  std::optional<Language> language = language_from_name(name);
  if (!language && !root.error().failed())
    root.error().set("request.language must be \"python\", \"cpp\" or \"javascript\", not \"" +
                     name + "\"");
  return language.value_or(Language::kPython);
}

}  // namespace

Parsed<Submission> parse_submission(std::string_view json_text, RequestShape shape,
                                    const Config& config) {
  InputError error;
  nlohmann::json doc = plugin_support::parse_object(json_text, "request", EmptyInput::kRejected,
                                                    kMaxRequestBytes, error);
  Fields root(doc, "request", error);
  const char* io_key = shape == RequestShape::kSingle ? "stdin" : "tests";
  root.reject_unknown({"language", "source", io_key, "expected_output", "cpu_time_limit",
                       "wall_time_limit", "memory_limit", "max_processes", "max_file_size"});
  if (shape == RequestShape::kBatch && root.has("expected_output") && !error.failed())
    error.set("request.expected_output belongs in each of request.tests");
  Submission s;
  s.language = read_language(root);
  s.source = root.text("source", Presence::kRequired, kMaxSourceBytes);
  s.tests = read_tests(root, shape);
  s.limits = read_limits(root, config.max_run);
  if (error.failed()) return Parsed<Submission>::failure(error.message());
  return {std::move(s), {}};
}

}  // namespace mockroom::runner_sandbox
