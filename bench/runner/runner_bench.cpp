// mockroom_runner_bench: figures for the runner_sandbox plugin, loaded through the ABI.
// Prints, asserts nothing:
//  1. sandbox overhead: a Python hello world through `execute` vs the same interpreter
//     fork+exec'ed directly (median of N runs each, and their ratio);
//  2. time to a verdict for a Python submission with 10 hidden tests (execute_batch),
//     p50 and p90 over N runs;
//  3. four submissions at once (threads), checking every verdict.
// Usage: mockroom_runner_bench [runs]   (default 30)
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "mockroom/testing/fake_host.h"

namespace {

using nlohmann::json;
using mockroom::testing::FakeCall;
using Clock = std::chrono::steady_clock;

constexpr char kHello[] = "print('hello, world')\n";
constexpr char kSum[] = "a, b = map(int, input().split())\nprint(a + b)\n";
constexpr int kHiddenTests = 10;
constexpr int kConcurrentSubmissions = 4;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(p * (v.size() - 1) + 0.5)];
}

struct Runner {
  const mr_plugin* plugin = nullptr;
  const mr_runner_api* api = nullptr;
  mockroom::testing::InstancePtr instance{nullptr, {nullptr}};

  json call(const json& request, bool batch) const {
    FakeCall c;
    std::string text = request.dump();
    auto fn = batch ? api->execute_batch : api->execute;
    if (fn(instance.get(), mockroom::testing::bytes(text), c.handle()) != MR_OK) {
      std::fprintf(stderr, "call failed: %s\n", c.error.c_str());
      return json();
    }
    return json::parse(c.result);
  }
};

// The same interpreter and flags as the box uses, started with fork+exec, output via a pipe.
double unsandboxed_hello_ms(const std::string& script) {
  Clock::time_point start = Clock::now();
  int out[2];
  if (pipe(out) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    close(out[0]);
    char* env[] = {const_cast<char*>("PATH=/usr/bin:/bin"), nullptr};
    char* argv[] = {const_cast<char*>("/usr/bin/python3"), const_cast<char*>("-I"),
                    const_cast<char*>("-B"), const_cast<char*>(script.c_str()), nullptr};
    execve(argv[0], argv, env);
    _exit(127);
  }
  close(out[1]);
  char buffer[256];
  while (read(out[0], buffer, sizeof buffer) > 0) {
  }
  close(out[0]);
  int status;
  waitpid(pid, &status, 0);
  return ms_since(start);
}

void overhead(const Runner& runner, int runs) {
  const std::string script = "/tmp/mockroom-bench-hello.py";
  std::ofstream(script) << kHello;
  std::vector<double> boxed, plain, box_wall;
  json request = {{"language", "python"}, {"source", kHello}};
  for (int i = 0; i < runs; ++i) {
    plain.push_back(unsandboxed_hello_ms(script));
    Clock::time_point start = Clock::now();
    json result = runner.call(request, false);
    boxed.push_back(ms_since(start));
    box_wall.push_back(result.is_object() ? result["wall_time"].get<double>() * 1000 : -1);
  }
  unlink(script.c_str());
  double b = percentile(boxed, 0.5), p = percentile(plain, 0.5);
  std::printf("python hello world: sandboxed median %.1f ms, unsandboxed median %.1f ms, "
              "overhead ratio %.2fx (+%.1f ms); the program's own wall_time in the box %.1f ms\n",
              b, p, b / p, b - p, percentile(box_wall, 0.5));
}

json hidden_tests_request(int seed) {
  json tests = json::array();
  for (int i = 0; i < kHiddenTests; ++i) {
    int a = seed * 100 + i, b = i * 7;
    tests.push_back({{"stdin", std::to_string(a) + " " + std::to_string(b) + "\n"},
                     {"expected_output", std::to_string(a + b) + "\n"}});
  }
  return {{"language", "python"}, {"source", kSum}, {"tests", tests}};
}

bool all_accepted(const json& result) {
  if (!result.is_object() || result["results"].size() != kHiddenTests) return false;
  for (const json& r : result["results"])
    if (r["status"]["id"] != 3) return false;
  return true;
}

void hidden_tests(const Runner& runner, int runs) {
  std::vector<double> times;
  int wrong = 0;
  for (int i = 0; i < runs; ++i) {
    Clock::time_point start = Clock::now();
    json result = runner.call(hidden_tests_request(i), true);
    times.push_back(ms_since(start));
    if (!all_accepted(result)) ++wrong;
  }
  std::printf("python, %d hidden tests: p50 %.1f ms, p90 %.1f ms over %d runs (%d runs with a "
              "wrong verdict)\n", kHiddenTests, percentile(times, 0.5), percentile(times, 0.9),
              runs, wrong);
}

void concurrent(const Runner& runner) {
  std::vector<json> results(kConcurrentSubmissions);
  Clock::time_point start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < kConcurrentSubmissions; ++t)
    threads.emplace_back([&, t] { results[t] = runner.call(hidden_tests_request(t), true); });
  for (std::thread& t : threads) t.join();
  double total = ms_since(start);
  int correct = 0;
  for (const json& r : results) correct += all_accepted(r) ? 1 : 0;
  std::printf("%d submissions x %d tests at once on %u cores: %.1f ms total, %d/%d with every "
              "verdict correct\n", kConcurrentSubmissions, kHiddenTests,
              std::thread::hardware_concurrency(), total, correct, kConcurrentSubmissions);
}

}  // namespace

int main(int argc, char** argv) {
  int runs = argc > 1 ? std::max(3, std::atoi(argv[1])) : 30;
  std::string error;
  Runner runner;
  runner.plugin = mockroom::testing::open_plugin(MOCKROOM_PLUGIN_DIR "/runner_sandbox.so", error);
  if (!runner.plugin) {
    std::fprintf(stderr, "cannot load runner_sandbox: %s\n", error.c_str());
    return 1;
  }
  runner.api = static_cast<const mr_runner_api*>(runner.plugin->calls);
  FakeCall create_call;
  runner.instance = mockroom::testing::create_instance(runner.plugin, "{}", create_call);
  if (!runner.instance) {
    std::fprintf(stderr, "create failed: %s\n", create_call.error.c_str());
    return 1;
  }
  for (const std::string& line : mockroom::testing::shared_host().logs)
    std::printf("log: %s\n", line.c_str());
  runner.call({{"language", "python"}, {"source", kHello}}, false);  // warm the page cache
  overhead(runner, runs);
  hidden_tests(runner, runs);
  concurrent(runner);
  return 0;
}
