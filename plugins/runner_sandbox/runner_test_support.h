// Shared helpers of the runner_sandbox tests: load the plugin through the ABI with the
// fake host, build requests, and check that no box process survived a run.
// Single-threaded, like FakeHost.
#pragma once

#include <dirent.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "mockroom/testing/fake_host.h"

namespace mockroom::runner_test {

using nlohmann::json;
using testing::FakeCall;
using testing::InstancePtr;

inline constexpr char kTestWorkRoot[] = "/tmp/mockroom-runner-test";
// Quick compile limits so compiler bombs end fast in tests.
inline const std::string kTestConfig = std::string(R"({"workRoot":")") + kTestWorkRoot +
                                       R"(","compileCpuTimeLimit":4,"compileMemoryLimit":300000})";

inline const mr_plugin* runner_plugin() {
  static std::string error;
  static const mr_plugin* plugin =
      testing::open_plugin(MOCKROOM_PLUGIN_DIR "/runner_sandbox.so", error);
  REQUIRE_MESSAGE(plugin != nullptr, error);
  return plugin;
}

inline const mr_runner_api* runner_calls() {
  return static_cast<const mr_runner_api*>(runner_plugin()->calls);
}

inline InstancePtr make_runner(const std::string& config, FakeCall& call) {
  return testing::create_instance(runner_plugin(), config, call);
}

// One instance shared by the tests that use the default test config.
inline const InstancePtr& shared_runner() {
  static FakeCall call;
  static InstancePtr instance = make_runner(kTestConfig, call);
  REQUIRE_MESSAGE(instance != nullptr, call.error);
  return instance;
}

inline json call_runner(const InstancePtr& runner, const json& request, bool batch = false) {
  FakeCall call;
  auto fn = batch ? runner_calls()->execute_batch : runner_calls()->execute;
  mr_status status = testing::invoke(fn, runner, request.dump(), call);
  REQUIRE_MESSAGE(status == MR_OK, call.error);
  return json::parse(call.result);
}

inline json run(const std::string& language, const std::string& source, json extra = json::object()) {
  json request = {{"language", language}, {"source", source}};
  request.update(extra);
  return call_runner(shared_runner(), request);
}

inline int status_id(const json& result) { return result.at("status").at("id").get<int>(); }

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Host processes whose command line contains `needle` (NULs read as spaces).
inline int processes_with(const std::string& needle) {
  int found = 0;
  DIR* proc = opendir("/proc");
  while (dirent* entry = proc ? readdir(proc) : nullptr) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    if (std::stoi(entry->d_name) == getpid()) continue;
    std::string cmdline = read_text(std::string("/proc/") + entry->d_name + "/cmdline");
    for (char& c : cmdline)
      if (c == '\0') c = ' ';
    if (cmdline.find(needle) != std::string::npos) ++found;
  }
  if (proc) closedir(proc);
  return found;
}

// A `sleep` duration no other test run on this machine uses ("300.<our pid>" seconds), so
// looking for "sleep <it>" finds only the processes this run started.
inline std::string own_sleep_seconds() { return "300." + std::to_string(getpid()); }

// No process of any box (interpreter on a box path, compiled program, bwrap) is left.
inline bool no_box_processes_left() {
  return processes_with("/box/src/") == 0 && processes_with("/box/a.out") == 0 &&
         processes_with("--json-status-fd") == 0;
}

}  // namespace mockroom::runner_test
