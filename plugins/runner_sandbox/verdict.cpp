#include "verdict.h"

#include <signal.h>

#include <cmath>
#include <vector>

namespace mockroom::runner_sandbox {
namespace {

constexpr double kReportedPrecision = 1000.0;  // times are reported in milliseconds' precision

std::string_view trim_right(std::string_view line) {
  size_t end = line.find_last_not_of(" \t\r\f\v");
  return end == std::string_view::npos ? std::string_view() : line.substr(0, end + 1);
}

// Lines without trailing whitespace, and without the trailing empty lines.
std::vector<std::string_view> normalized_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(trim_right(text.substr(start, end - start)));
    start = end + 1;
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

Status signal_status(int signal) {
  switch (signal) {
    case SIGSEGV: return Status::kRuntimeSigsegv;
    case SIGXFSZ: return Status::kRuntimeSigxfsz;
    case SIGFPE: return Status::kRuntimeSigfpe;
    case SIGABRT: return Status::kRuntimeSigabrt;
    case SIGXCPU: return Status::kTimeLimitExceeded;
    default: return Status::kRuntimeOther;
  }
}

// Without a cgroup there is no OOM counter: an allocation failure is the only sign.
bool looks_out_of_memory(const BoxOutcome& o) {
  if (o.memory_by_cgroup || (o.exit_code == 0 && o.exit_signal == 0)) return false;
  for (const char* sign : {"MemoryError", "std::bad_alloc", "JavaScript heap out of memory"})
    if (o.stderr_text.find(sign) != std::string::npos) return true;
  return false;
}

double rounded(double seconds) { return std::round(seconds * kReportedPrecision) / kReportedPrecision; }

}  // namespace

std::string_view status_description(Status status) {
  switch (status) {
    case Status::kAccepted: return "Accepted";
    case Status::kWrongAnswer: return "Wrong Answer";
    case Status::kTimeLimitExceeded: return "Time Limit Exceeded";
    case Status::kCompilationError: return "Compilation Error";
    case Status::kRuntimeSigsegv: return "Runtime Error (SIGSEGV)";
    case Status::kRuntimeSigxfsz: return "Runtime Error (SIGXFSZ)";
    case Status::kRuntimeSigfpe: return "Runtime Error (SIGFPE)";
    case Status::kRuntimeSigabrt: return "Runtime Error (SIGABRT)";
    case Status::kRuntimeNzec: return "Runtime Error (NZEC)";
    case Status::kRuntimeOther: return "Runtime Error (Other)";
    case Status::kInternalError: return "Internal Error";
    case Status::kMemoryLimitExceeded: return "Memory Limit Exceeded";
    case Status::kOutputLimitExceeded: return "Output Limit Exceeded";
  }
  return "Internal Error";
}

nlohmann::json status_json(Status status) {
  return {{"id", static_cast<int>(status)}, {"description", std::string(status_description(status))}};
}

bool outputs_match(std::string_view expected, std::string_view actual) {
  return normalized_lines(expected) == normalized_lines(actual);
}

Status classify_run(const BoxOutcome& o, const Limits& limits,
                    const std::optional<std::string>& expected_output) {
  if (!o.internal_error.empty()) return Status::kInternalError;
  if (o.termination == Termination::kOutputLimit) return Status::kOutputLimitExceeded;
  if (o.termination == Termination::kWallTimeout || o.termination == Termination::kCpuTimeout ||
      o.cpu_seconds > limits.cpu_seconds)
    return Status::kTimeLimitExceeded;
  if (o.oom_killed || looks_out_of_memory(o)) return Status::kMemoryLimitExceeded;
  if (o.exit_signal != 0) return signal_status(o.exit_signal);
  if (o.exit_code != 0) return Status::kRuntimeNzec;
  if (expected_output && !outputs_match(*expected_output, o.stdout_text))
    return Status::kWrongAnswer;
  return Status::kAccepted;
}

std::optional<Status> compile_failure(const BoxOutcome& o) {
  if (!o.internal_error.empty()) return Status::kInternalError;
  if (o.termination != Termination::kNone || o.oom_killed || o.exit_signal != 0 || o.exit_code != 0)
    return Status::kCompilationError;
  return std::nullopt;
}

std::string compile_output_text(const BoxOutcome& o) {
  std::string text = o.stdout_text + o.stderr_text;
  if (o.termination == Termination::kWallTimeout || o.termination == Termination::kCpuTimeout ||
      o.exit_signal == SIGXCPU)
    text += "\nCompilation exceeded the time limit.\n";
  else if (o.oom_killed)
    text += "\nCompilation exceeded the memory limit.\n";
  else if (o.termination == Termination::kOutputLimit)
    text += "\nCompiler output exceeded the output limit.\n";
  else if (o.exit_signal != 0)
    text += "\nThe compiler was killed by signal " + std::to_string(o.exit_signal) + ".\n";
  return text;
}

nlohmann::json run_result_json(const BoxOutcome& o, Status status,
                               const std::optional<std::string>& compile_output) {
  nlohmann::json r = {{"status", status_json(status)},
                      {"stdout", o.stdout_text},
                      {"stderr", o.stderr_text},
                      {"compile_output", compile_output ? nlohmann::json(*compile_output) : nullptr},
                      {"exit_code", o.exit_signal == 0 && o.exit_code >= 0 ? nlohmann::json(o.exit_code) : nullptr},
                      {"exit_signal", o.exit_signal != 0 ? nlohmann::json(o.exit_signal) : nullptr},
                      {"time", rounded(o.cpu_seconds)},
                      {"wall_time", rounded(o.wall_seconds)},
                      {"memory", o.memory_kb}};
  if (!o.internal_error.empty()) r["message"] = o.internal_error;
  return r;
}

nlohmann::json not_run_result_json(Status status, const std::string& compile_output,
                                   const std::string& message) {
  nlohmann::json r = {{"status", status_json(status)}, {"stdout", nullptr}, {"stderr", nullptr},
                      {"compile_output", compile_output}, {"exit_code", nullptr},
                      {"exit_signal", nullptr}, {"time", nullptr}, {"wall_time", nullptr},
                      {"memory", nullptr}};
  if (!message.empty()) r["message"] = message;
  return r;
}

std::string dump_json(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace mockroom::runner_sandbox
