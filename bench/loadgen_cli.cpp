#include "loadgen_cli.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string_view>

#include <nlohmann/json.hpp>

namespace mockroom::bench {
namespace {

constexpr std::string_view kUsage =
    "usage: mockroom_loadgen --port P [--host H] [--sessions N] [--users U] [--turns T]\n"
    "                        [--concurrency C] [--rate R] [--duration S] [--warmup W]\n"
    "                        [--server-pid PID]\n"
    "Drives a running engine: registers U users, opens N interview WebSockets and sends T\n"
    "answers in total (or for S seconds), at most C at once and, with --rate, R per second\n"
    "(latency is then measured from each answer's scheduled time). Turns in the first W\n"
    "seconds are sent but not measured. With --server-pid it also\n"
    "reports the server's resident memory before, with all sessions idle, and at the end.\n"
    "Defaults: --host 127.0.0.1 --sessions 1000 --users 20 --turns 20000 --concurrency 1000\n";
constexpr int kUsageExitStatus = 2;
constexpr std::array<std::string_view, 10> kOptionNames = {
    "--host",        "--port", "--sessions", "--users",  "--turns",
    "--concurrency", "--rate", "--duration", "--warmup", "--server-pid"};
constexpr long kMaxCount = 10'000'000;  // sessions, users, answers in flight, seconds
constexpr long kMaxTurns = 1'000'000'000;
constexpr long kMaxPid = 1 << 22;  // PID_MAX_LIMIT on 64-bit Linux
constexpr int kLabelWidth = 22;

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "mockroom_loadgen: %s\n%.*s", message.c_str(),
               static_cast<int>(kUsage.size()), kUsage.data());
  std::exit(kUsageExitStatus);
}

long parse_number(const std::string& name, const std::string& text, long min, long max) {
  char* end = nullptr;
  long value = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < min || value > max) {
    usage_error(name + " needs a whole number from " + std::to_string(min) + " to " +
                std::to_string(max) + ", got \"" + text + "\"");
  }
  return value;
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];  // nearest rank
}

void line(std::ostream& out, std::string_view label, const std::string& value) {
  out << label
      << std::string(kLabelWidth - std::min<std::size_t>(label.size(), kLabelWidth - 1), ' ')
      << value << '\n';
}

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

}  // namespace

Options parse_options(int argc, char** argv) {
  std::map<std::string, std::string> given;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fwrite(kUsage.data(), 1, kUsage.size(), stdout);
      std::exit(0);
    }
    std::string value;
    std::size_t eq = arg.find('=');
    if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg.resize(eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      usage_error(arg + " needs a value");
    }
    if (std::find(kOptionNames.begin(), kOptionNames.end(), arg) == kOptionNames.end()) {
      usage_error("unknown option " + arg);
    }
    given[arg] = value;
  }
  auto number = [&](const std::string& name, long min, long max, long fallback) {
    auto it = given.find(name);
    return it == given.end() ? fallback : parse_number(name, it->second, min, max);
  };

  Options options;
  if (auto host = given.find("--host"); host != given.end()) options.host = host->second;
  options.port = static_cast<uint16_t>(number("--port", 1, 65535, 0));
  options.sessions = static_cast<int>(number("--sessions", 1, kMaxCount, options.sessions));
  options.users = static_cast<int>(number("--users", 1, kMaxCount, options.users));
  options.turns = number("--turns", 0, kMaxTurns, options.turns);
  options.concurrency = number("--concurrency", 1, kMaxCount, options.concurrency);
  options.rate = number("--rate", 0, kMaxCount, options.rate);
  options.duration_seconds = static_cast<double>(number("--duration", 1, kMaxCount, 0));
  options.warmup_seconds = static_cast<double>(number("--warmup", 0, kMaxCount, 0));
  options.server_pid = static_cast<pid_t>(number("--server-pid", 1, kMaxPid, 0));
  if (options.port == 0) usage_error("--port is required");
  return options;
}

std::optional<long> read_rss_kib(pid_t pid) {
  if (pid <= 0) return std::nullopt;
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string key;
  while (status >> key) {
    if (key == "VmRSS:") {
      long kib = 0;
      if (status >> kib) return kib;
      return std::nullopt;
    }
    status.ignore(4096, '\n');
  }
  return std::nullopt;
}

void print_report(const Options& options, const Report& report, std::ostream& out) {
  std::vector<double> sorted = report.latencies_ms;
  std::sort(sorted.begin(), sorted.end());
  double turns_per_second =
      report.elapsed_seconds > 0 ? static_cast<double>(sorted.size()) / report.elapsed_seconds : 0;
  double p50 = percentile(sorted, 50), p90 = percentile(sorted, 90), p99 = percentile(sorted, 99);
  double max = sorted.empty() ? 0 : sorted.back();

  line(out, "sessions", std::to_string(report.sessions));
  line(out, "users", std::to_string(options.users));
  line(out, "turns", std::to_string(sorted.size()));
  line(out, "errors", std::to_string(report.errors));
  line(out, "interviews completed", std::to_string(report.interviews_completed));
  line(out, "elapsed", fixed(report.elapsed_seconds, 3) + " s");
  line(out, "offered rate", options.rate > 0 ? std::to_string(options.rate) + " turns/s" : "unlimited");
  line(out, "throughput", fixed(turns_per_second, 1) + " turns/s");
  line(out, "latency p50", fixed(p50, 2) + " ms");
  line(out, "latency p90", fixed(p90, 2) + " ms");
  line(out, "latency p99", fixed(p99, 2) + " ms");
  line(out, "latency max", fixed(max, 2) + " ms");
  // The answer that completes an interview is shown apart too, and so is the time from it
  // to the report, which the engine scores after that last reply.
  std::vector<double> finishing = report.finishing_ms, scored = report.report_ms;
  std::sort(finishing.begin(), finishing.end());
  std::sort(scored.begin(), scored.end());
  double finishing_p50 = percentile(finishing, 50), finishing_p99 = percentile(finishing, 99);
  double report_p50 = percentile(scored, 50), report_p99 = percentile(scored, 99);
  line(out, "finishing turns", std::to_string(finishing.size()));
  line(out, "finishing p50", fixed(finishing_p50, 2) + " ms");
  line(out, "finishing p99", fixed(finishing_p99, 2) + " ms");
  line(out, "report ready p50", fixed(report_p50, 2) + " ms");
  line(out, "report ready p99", fixed(report_p99, 2) + " ms");

  nlohmann::json json = {
      {"sessions", report.sessions},
      {"users", options.users},
      {"concurrency", options.concurrency},
      {"offeredRate", options.rate},
      {"warmupSeconds", options.warmup_seconds},
      {"turns", sorted.size()},
      {"errors", report.errors},
      {"interviewsCompleted", report.interviews_completed},
      {"elapsedSeconds", report.elapsed_seconds},
      {"turnsPerSecond", turns_per_second},
      {"latencyMs", {{"p50", p50}, {"p90", p90}, {"p99", p99}, {"max", max}}},
      {"finishingTurns", finishing.size()},
      {"finishingLatencyMs", {{"p50", finishing_p50}, {"p99", finishing_p99}}},
      {"reportReadyMs", {{"p50", report_p50}, {"p99", report_p99}}},
  };
  if (report.rss_before && report.rss_idle && report.rss_end) {
    double per_session = report.sessions > 0
                             ? static_cast<double>(*report.rss_idle - *report.rss_before) /
                                   static_cast<double>(report.sessions)
                             : 0;
    line(out, "rss before", std::to_string(*report.rss_before) + " KiB");
    line(out, "rss idle", std::to_string(*report.rss_idle) + " KiB");
    line(out, "rss end", std::to_string(*report.rss_end) + " KiB");
    line(out, "rss per session", fixed(per_session, 1) + " KiB");
    json["rssKiB"] = {{"before", *report.rss_before},
                      {"idle", *report.rss_idle},
                      {"end", *report.rss_end},
                      {"perSession", per_session}};
  } else if (options.server_pid > 0) {
    line(out, "rss",
         "unavailable: cannot read /proc/" + std::to_string(options.server_pid) + "/status");
  }
  out << json.dump() << std::endl;
}

}  // namespace mockroom::bench
