// mockroom_llm_bench: what the engine adds to a streamed LLM reply. Runs an
// OpenAI-compatible streaming server in this process, starts the engine with llm_openai
// pointing at it, opens N concurrent sessions (each with a WebSocket subscriber) and
// drives answer turns. Both ends of the measurement are in this process, on one clock:
//   (a) the provider writing a reply's first token -> the client receiving that turn's
//       first token frame;
//   (b) the client's turn time (answer sent -> message frame, and -> HTTP reply) minus the
//       provider's own time for that turn's calls (request read -> last byte written).
// Then, for reference, the same sessions against the offline llm_rules, paced to the
// same turn rate. See --help; scripts/bench-llm builds and runs it.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "llm/driver.h"
#include "llm/engine_child.h"
#include "llm/fake_provider.h"
#include "llm/figures.h"

namespace mockroom::bench::llm {
namespace {

using json = nlohmann::json;
using std::chrono::milliseconds;

struct Options {
  std::string engine = MOCKROOM_BINARY;
  DriverOptions driver;
  ProviderOptions provider;
  int engine_workers = 0;  // 0: the engine's default
  bool reference = true;
};

[[noreturn]] void usage(int status) {
  std::fprintf(status == 0 ? stdout : stderr,
               "usage: mockroom_llm_bench [options]\n"
               "  --sessions N        concurrent sessions, each with a WebSocket (100)\n"
               "  --users N           candidates the sessions share (10)\n"
               "  --turns N           measured turns (3000)\n"
               "  --warmup-turns N    turns before the measured ones (default: --sessions)\n"
               "  --questions N       questions per interview, 5-10 (10)\n"
               "  --answer-via W      http (POST /answer) or ws (an answer frame) (http)\n"
               "  --think-ms N        pause between a reply and the next answer (0)\n"
               "  --first-token-ms N  provider: request -> first token (200)\n"
               "  --token-ms N        provider: between tokens (20)\n"
               "  --tokens N          provider: tokens per streamed reply (20)\n"
               "  --decision-ms N     provider: request -> follow-up decision (100)\n"
               "  --engine-workers N  the engine's server.workerThreads (its default)\n"
               "  --no-reference      skip the llm_rules reference run\n"
               "  --engine PATH       the mockroom binary (the one built with this bench)\n");
  std::exit(status);
}

long number(const std::string& name, const std::string& value, long min, long max) {
  char* end = nullptr;
  long n = std::strtol(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0' || n < min || n > max) {
    std::fprintf(stderr, "mockroom_llm_bench: %s must be a whole number from %ld to %ld\n", name.c_str(), min, max);
    usage(2);
  }
  return n;
}

Options parse_options(int argc, char** argv) {
  Options o;
  long warmup = -1;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i], value;
    if (arg == "--help" || arg == "-h") usage(0);
    if (arg == "--no-reference") {
      o.reference = false;
      continue;
    }
    if (auto eq = arg.find('='); eq != std::string::npos) {
      value = arg.substr(eq + 1);
      arg.resize(eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      std::fprintf(stderr, "mockroom_llm_bench: %s needs a value\n", arg.c_str());
      usage(2);
    }
    if (arg == "--sessions") o.driver.sessions = static_cast<int>(number(arg, value, 1, 5000));
    else if (arg == "--users") o.driver.users = static_cast<int>(number(arg, value, 1, 1000));
    else if (arg == "--turns") o.driver.turns = number(arg, value, 1, 10'000'000);
    else if (arg == "--warmup-turns") warmup = number(arg, value, 0, 10'000'000);
    else if (arg == "--questions") o.driver.questions = static_cast<int>(number(arg, value, 5, 10));
    else if (arg == "--think-ms") o.driver.think = milliseconds(number(arg, value, 0, 600'000));
    else if (arg == "--first-token-ms") o.provider.first_token_delay = milliseconds(number(arg, value, 0, 60'000));
    else if (arg == "--token-ms") o.provider.token_interval = milliseconds(number(arg, value, 0, 10'000));
    else if (arg == "--tokens") o.provider.tokens = static_cast<int>(number(arg, value, 1, 500));
    else if (arg == "--decision-ms") o.provider.decision_delay = milliseconds(number(arg, value, 0, 60'000));
    else if (arg == "--engine-workers") o.engine_workers = static_cast<int>(number(arg, value, 1, 256));
    else if (arg == "--engine") o.engine = value;
    else if (arg == "--answer-via" && (value == "http" || value == "ws"))
      o.driver.via = value == "http" ? AnswerVia::kHttp : AnswerVia::kWebSocket;
    else {
      std::fprintf(stderr, "mockroom_llm_bench: unknown option or value: %s %s\n", arg.c_str(), value.c_str());
      usage(2);
    }
  }
  o.driver.warmup_turns = warmup >= 0 ? warmup : o.driver.sessions;
  return o;
}

json engine_config(const Options& o, const json& llm) {
  // Many interviews per user: the unlimited tier, not the free one-a-week.
  json config = {{"plugins", {{"llm", llm}}}, {"billing", {{"defaultTier", "unlimited"}}}};
  if (o.engine_workers > 0) config["server"] = {{"workerThreads", o.engine_workers}};
  return config;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

double own_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Runs the sessions against an engine started with `config`, reduces the result with
// `analyse`, adds the CPU used and the machine's load over the measured turns, and prints
// the figures.
template <typename Analyse>
void run(const Options& o, DriverOptions driver, const json& config, Analyse analyse) {
  TempDir dir("mockroom-llm-bench-");
  EngineChild engine(o.engine, dir.path(), config);
  std::string load_before;
  double own_before = 0, engine_before = 0;
  driver.on_measuring = [&] {
    load_before = load_average();
    own_before = own_cpu_seconds();
    engine_before = engine.cpu_seconds().value_or(0);
  };
  DriverResult result = drive(engine.port(), driver);
  double engine_cpu = engine.cpu_seconds().value_or(0) - engine_before;
  double own_cpu = own_cpu_seconds() - own_before;
  Figures f = analyse(result);
  char cpu[160];
  std::snprintf(cpu, sizeof cpu, "engine %.1f s, bench %.1f s (provider and clients), over the measured turns",
                engine_cpu, own_cpu);
  f.facts.push_back({"CPU used", cpu});
  f.facts.push_back({"load average before", load_before});
  f.facts.push_back({"load average after", load_average()});
  print_figures(std::move(f), std::cout);
  std::cout << std::flush;
  if (result.errors > 0) std::cerr << "engine log (tail):\n" << engine.log_tail() << "\n";
}

}  // namespace
}  // namespace mockroom::bench::llm

int main(int argc, char** argv) {
  using namespace mockroom::bench::llm;
  Options o = parse_options(argc, argv);
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) == 0) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }
  try {
    const auto& p = o.provider;
    const char* via = o.driver.via == AnswerVia::kHttp ? "HTTP (reply: the HTTP response)"
                                                       : "WebSocket (reply: the next question frame)";
    std::string workers = o.engine_workers > 0 ? std::to_string(o.engine_workers) : std::string("default");
    std::cout << "cores " << std::thread::hardware_concurrency() << ", " << o.driver.sessions << " sessions, "
              << o.driver.turns << " measured turns after " << o.driver.warmup_turns << ", answers over " << via
              << ", engine workerThreads " << workers << "\n"
              << "provider: first token " << p.first_token_delay.count() << " ms, " << p.tokens << " tokens "
              << p.token_interval.count() << " ms apart, follow-up decision " << p.decision_delay.count()
              << " ms\n"
              << std::flush;
    FakeProvider provider(o.provider);
    json llm = {{"use", "llm_openai"},
                {"config", {{"baseUrl", provider.base_url()}, {"model", "fake-bench"}, {"apiKey", "bench"},
                            {"maxRetries", 0}, {"timeoutSeconds", 120}}}};
    double median_provider_ms = 0;
    run(o, o.driver, engine_config(o, llm), [&](const DriverResult& result) {
      auto calls = provider.calls();
      Figures f = provider_figures(result, calls);
      for (Series s : f.series) {
        if (s.name.rfind("provider's own time", 0) != 0) continue;
        std::sort(s.ms.begin(), s.ms.end());
        median_provider_ms = percentile(s.ms, 50);
      }
      return f;
    });
    if (o.reference) {
      // Paced to about the same turn rate: each session waits what the provider took.
      DriverOptions paced = o.driver;
      paced.think = o.driver.think + std::chrono::milliseconds(static_cast<long>(median_provider_ms));
      std::cout << "\nreference: llm_rules, each session pausing " << paced.think.count()
                << " ms between turns (the provider's median time per turn)\n";
      run(o, paced, engine_config(o, {{"use", "llm_rules"}, {"config", json::object()}}),
          [](const DriverResult& result) { return reference_figures(result); });
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mockroom_llm_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
