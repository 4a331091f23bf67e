// Tests of reusable boxes: a box runs several tests of one submission, each of which must
// start clean, and exit statuses must come from the program, not from bubblewrap.
#include <doctest/doctest.h>

#include "runner_test_support.h"

namespace mockroom::runner_test {
namespace {

constexpr int kManyTests = 8;  // more tests than boxes, so boxes are reused

json batch(const std::string& language, const std::string& source, int tests) {
  json list = json::array();
  for (int i = 0; i < tests; ++i) list.push_back({{"stdin", std::to_string(i)}});
  return call_runner(shared_runner(), {{"language", language}, {"source", source}, {"tests", list}},
                     true);
}

int entries_in(const std::string& dir) {
  int entries = 0;
  DIR* d = opendir(dir.c_str());
  while (dirent* e = d ? readdir(d) : nullptr)
    if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") ++entries;
  if (d) closedir(d);
  return entries;
}

TEST_CASE("runner session: exit(139) is a non-zero exit, not a SIGSEGV") {
  json r = run("cpp", "#include <cstdlib>\nint main(){ std::exit(139); }\n");
  CHECK(status_id(r) == 11);
  CHECK(r["exit_code"] == 139);
  CHECK(r["exit_signal"].is_null());
  json py = run("python", "import sys\nsys.exit(137)\n");
  CHECK(status_id(py) == 11);
  CHECK(py["exit_code"] == 137);
}

TEST_CASE("runner session: every test of a batch starts with clean scratch dirs") {
  const std::string source =
      "import os\n"
      "print(sorted(os.listdir('/tmp')), sorted(os.listdir('/box')), os.listdir('/dev/shm'))\n"
      "os.makedirs('/tmp/deep/er'); os.chmod('/tmp/deep', 0)\n"
      "open('/tmp/left', 'w').write('x'); open('/box/left', 'w').write('x')\n"
      "open('/dev/shm/left', 'w').write('x'); os.symlink('/box/src', '/box/link')\n";
  json r = batch("python", source, kManyTests);
  REQUIRE(r["results"].size() == kManyTests);
  for (const json& result : r["results"]) {
    CHECK(status_id(result) == 3);
    CHECK(result["stdout"] == "[] ['src'] []\n");
  }
}

TEST_CASE("runner session: no process of one test survives into the next") {
  const std::string source =
      "import os, sys\n"
      "print(len([p for p in os.listdir('/proc') if p.isdigit()]))\n"
      "if os.fork() == 0:\n    os.setsid(); os.execv('/usr/bin/sleep', ['sleep', '" + own_sleep_seconds() + "'])\n";
  json r = batch("python", source, kManyTests);
  REQUIRE(r["results"].size() == kManyTests);
  for (const json& result : r["results"]) {
    CHECK(status_id(result) == 3);
    CHECK(std::stoi(result["stdout"].get<std::string>()) <= 3);  // driver, python, (ls)
  }
  CHECK(processes_with("sleep " + own_sleep_seconds() + " ") == 0);  // cmdline ends in NUL
}

TEST_CASE("runner session: a C++ batch keeps the real exit status of every test") {
  json r = call_runner(
      shared_runner(),
      {{"language", "cpp"},
       {"source", "#include <iostream>\n#include <csignal>\nint main(){ int n; std::cin >> n; "
                  "if (n == 1) std::raise(SIGSEGV); return n == 2 ? 139 : 0; }\n"},
       {"tests", json::array({{{"stdin", "0"}}, {{"stdin", "1"}}, {{"stdin", "2"}},
                              {{"stdin", "0"}}})}},
      true);
  REQUIRE(r["results"].size() == 4);
  CHECK(status_id(r["results"][0]) == 3);
  CHECK(status_id(r["results"][1]) == 7);
  CHECK(status_id(r["results"][2]) == 11);
  CHECK(r["results"][2]["exit_code"] == 139);
  CHECK(status_id(r["results"][3]) == 3);
}

TEST_CASE("runner session: a test that times out does not spoil the tests after it") {
  json r = call_runner(shared_runner(),
                       {{"language", "python"},
                        {"source", "n = int(input())\nwhile n == 1: pass\nprint(n)\n"},
                        {"cpu_time_limit", 0.5},
                        {"tests", json::array({{{"stdin", "1"}}, {{"stdin", "2"}},
                                               {{"stdin", "1"}}, {{"stdin", "3"}}})}},
                       true);
  REQUIRE(r["results"].size() == 4);
  CHECK(status_id(r["results"][0]) == 5);
  CHECK(r["results"][1]["stdout"] == "2\n");
  CHECK(status_id(r["results"][2]) == 5);
  CHECK(r["results"][3]["stdout"] == "3\n");
}

TEST_CASE("runner session: the box driver cannot be killed or inspected from inside") {
  json r = run("python",
               "import os, signal\n"
               "for sig in (signal.SIGKILL, signal.SIGTERM):\n"
               "    try: os.kill(1, sig)\n    except OSError: pass\n"
               "for f in ('/proc/1/environ', '/proc/1/mem', '/proc/1/fd/0'):\n"
               "    try: open(f, 'rb').read(1); print('LEAK', f)\n"
               "    except OSError: pass\nprint('done')\n");
  CHECK(status_id(r) == 3);
  CHECK(r["stdout"] == "done\n");
}

TEST_CASE("runner session: destroying an instance ends its idle boxes and their directories") {
  const std::string root = std::string(kTestWorkRoot) + "-pool";
  // bwrap under a name of its own, so this instance's boxes can be told from the others.
  const std::string bwrap = root + "-bwrap";
  unlink(bwrap.c_str());
  REQUIRE(symlink("/usr/bin/bwrap", bwrap.c_str()) == 0);
  {
    FakeCall call;
    InstancePtr runner = make_runner(
        R"({"warmBoxes":2,"workRoot":")" + root + R"(","bwrapPath":")" + bwrap + "\"}", call);
    REQUIRE_MESSAGE(runner != nullptr, call.error);
    json r = call_runner(runner, {{"language", "python"}, {"source", "print(1)"}});
    CHECK(r["stdout"] == "1\n");
    CHECK(processes_with(bwrap) > 0);  // the pool keeps boxes started
  }
  CHECK(entries_in(root) == 0);
  CHECK(processes_with(bwrap) == 0);
  unlink(bwrap.c_str());
  rmdir(root.c_str());
}

}  // namespace
}  // namespace mockroom::runner_test
