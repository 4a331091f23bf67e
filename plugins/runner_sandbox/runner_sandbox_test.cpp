// Verdict, request and config tests of the runner_sandbox plugin, through the plugin ABI.
#include <doctest/doctest.h>

#include "runner_test_support.h"

namespace mockroom::runner_test {
namespace {

constexpr char kPySum[] = "a, b = map(int, input().split())\nprint(a + b)\n";
constexpr char kCppSum[] =
    "#include <iostream>\nint main(){long a,b;std::cin>>a>>b;std::cout<<a+b<<\"\\n\";}\n";
constexpr char kJsSum[] =
    "const [a,b]=require('fs').readFileSync(0,'utf8').trim().split(/\\s+/).map(Number);\n"
    "console.log(a+b);\n";

TEST_CASE("runner: the plugin describes itself as a runner of the current ABI") {
  const mr_plugin* plugin = runner_plugin();
  CHECK(plugin->kind == MR_KIND_RUNNER);
  CHECK(std::string(plugin->name) == "runner_sandbox");
  CHECK(plugin->abi_major == MR_ABI_MAJOR);
  CHECK(runner_calls()->struct_size == sizeof(mr_runner_api));
}

TEST_CASE("runner: a correct Python solution is Accepted with measurements") {
  json r = run("python", kPySum, {{"stdin", "2 3\n"}, {"expected_output", "5\n"}});
  CHECK(status_id(r) == 3);
  CHECK(r["status"]["description"] == "Accepted");
  CHECK(r["stdout"] == "5\n");
  CHECK(r["exit_code"] == 0);
  CHECK(r["exit_signal"].is_null());
  CHECK(r["memory"].get<int64_t>() > 0);
  CHECK(r["time"].get<double>() >= 0);
  CHECK(r["wall_time"].get<double>() > 0);
}

TEST_CASE("runner: a correct C++ solution compiles and is Accepted") {
  json r = run("cpp", kCppSum, {{"stdin", "40 2"}, {"expected_output", "42"}});
  CHECK(status_id(r) == 3);
  CHECK(r["stdout"] == "42\n");
  CHECK(r["compile_output"].is_string());
}

TEST_CASE("runner: a correct JavaScript solution is Accepted") {
  json r = run("javascript", kJsSum, {{"stdin", "7 8\n"}, {"expected_output", "15"}});
  CHECK(status_id(r) == 3);
  CHECK(r["stdout"] == "15\n");
}

TEST_CASE("runner: a wrong answer is Wrong Answer") {
  json r = run("python", "print(6)\n", {{"expected_output", "5\n"}});
  CHECK(status_id(r) == 4);
  CHECK(r["status"]["description"] == "Wrong Answer");
}

TEST_CASE("runner: trailing whitespace and trailing newlines do not make an answer wrong") {
  json r = run("python", "print('1 2   ')\nprint('3')\nprint()\nprint()\n",
               {{"expected_output", "1 2\n3"}});
  CHECK(status_id(r) == 3);
  json wrong = run("python", "print(' 1 2')\nprint('3')\n", {{"expected_output", "1 2\n3"}});
  CHECK(status_id(wrong) == 4);
}

TEST_CASE("runner: without expected_output a clean run is Accepted") {
  CHECK(status_id(run("python", "print('anything')\n")) == 3);
}

TEST_CASE("runner: a Python exception is Runtime Error (NZEC) with the traceback") {
  json r = run("python", "raise ValueError('boom')\n");
  CHECK(status_id(r) == 11);
  CHECK(r["exit_code"] == 1);
  CHECK(r["stderr"].get<std::string>().find("ValueError: boom") != std::string::npos);
}

TEST_CASE("runner: a null dereference in C++ is Runtime Error (SIGSEGV)") {
  json r = run("cpp", "int main(){ volatile int* p = nullptr; *p = 1; }\n");
  CHECK(status_id(r) == 7);
  CHECK(r["exit_signal"] == 11);
  CHECK(r["exit_code"].is_null());
}

TEST_CASE("runner: an integer division by zero in C++ is Runtime Error (SIGFPE)") {
  json r = run("cpp", "int main(){ volatile int z = 0; volatile int n = 7; return n / z; }\n");
  CHECK(status_id(r) == 9);
}

TEST_CASE("runner: abort() in C++ is Runtime Error (SIGABRT)") {
  CHECK(status_id(run("cpp", "#include <cstdlib>\nint main(){ std::abort(); }\n")) == 10);
}

TEST_CASE("runner: a non-zero exit in JavaScript is Runtime Error (NZEC)") {
  json r = run("javascript", "process.exit(3)\n");
  CHECK(status_id(r) == 11);
  CHECK(r["exit_code"] == 3);
}

TEST_CASE("runner: C++ that does not compile is Compilation Error with the compiler's message") {
  json r = run("cpp", "int main(){ return undefined_name; }\n");
  CHECK(status_id(r) == 6);
  CHECK(r["compile_output"].get<std::string>().find("undefined_name") != std::string::npos);
  CHECK(r["stdout"].is_null());
}

TEST_CASE("runner: output beyond the cap is Output Limit Exceeded and the capture is capped") {
  json r = run("python", "import sys\nwhile True: sys.stdout.write('x' * 4096)\n");
  CHECK(status_id(r) == 16);
  CHECK(r["stdout"].get<std::string>().size() <= 64 * 1024);
  CHECK(no_box_processes_left());
}

TEST_CASE("runner: stderr beyond the cap is Output Limit Exceeded too") {
  json r = run("cpp", "#include <cstdio>\nint main(){ for(;;) fputs(\"eeeeeeee\", stderr); }\n");
  CHECK(status_id(r) == 16);
  CHECK(r["stderr"].get<std::string>().size() <= 64 * 1024);
}

TEST_CASE("runner: invalid UTF-8 output still yields valid JSON") {
  json r = run("python", "import sys\nsys.stdout.buffer.write(b'\\xff\\xfe ok')\n");
  CHECK(status_id(r) == 3);
  CHECK(r["stdout"].get<std::string>().find("ok") != std::string::npos);
}

TEST_CASE("runner: a batch keeps one result per test, in order") {
  json request = {{"language", "python"},
                  {"source", kPySum},
                  {"tests", json::array({{{"stdin", "1 1"}, {"expected_output", "2"}},
                                         {{"stdin", "2 2"}, {"expected_output", "5"}},
                                         {{"stdin", "x y"}, {"expected_output", "0"}},
                                         {{"stdin", "10 20"}, {"expected_output", "30"}}})}};
  json r = call_runner(shared_runner(), request, true);
  CHECK(r["compile"].is_null());
  REQUIRE(r["results"].size() == 4);
  CHECK(status_id(r["results"][0]) == 3);
  CHECK(status_id(r["results"][1]) == 4);
  CHECK(status_id(r["results"][2]) == 11);
  CHECK(status_id(r["results"][3]) == 3);
  CHECK(r["results"][3]["stdout"] == "30\n");
}

TEST_CASE("runner: a C++ batch compiles once and runs every test") {
  json tests = json::array();
  for (int i = 0; i < 6; ++i)
    tests.push_back({{"stdin", std::to_string(i) + " " + std::to_string(i)},
                     {"expected_output", std::to_string(2 * i)}});
  json r = call_runner(shared_runner(), {{"language", "cpp"}, {"source", kCppSum}, {"tests", tests}},
                       true);
  CHECK(status_id(r["compile"]) == 3);
  REQUIRE(r["results"].size() == 6);
  for (const json& result : r["results"]) CHECK(status_id(result) == 3);
}

TEST_CASE("runner: a batch whose source does not compile has a compile error and no results") {
  json r = call_runner(shared_runner(),
                       {{"language", "cpp"}, {"source", "int main( {"},
                        {"tests", json::array({{{"stdin", ""}}})}},
                       true);
  CHECK(status_id(r["compile"]) == 6);
  CHECK(!r["compile"]["compile_output"].get<std::string>().empty());
  CHECK(r["results"].empty());
}

TEST_CASE("runner: requests above the configured maxima are invalid arguments") {
  FakeCall call;
  json request = {{"language", "python"}, {"source", "print(1)"}, {"cpu_time_limit", 20}};
  mr_status status = testing::invoke(runner_calls()->execute, shared_runner(), request.dump(), call);
  CHECK(status == MR_ERR_INVALID_ARGUMENT);
  CHECK(call.error.find("maxCpuTimeLimit") != std::string::npos);
  FakeCall memory_call;
  request = {{"language", "python"}, {"source", "print(1)"}, {"memory_limit", 600000}};
  CHECK(testing::invoke(runner_calls()->execute, shared_runner(), request.dump(), memory_call) ==
        MR_ERR_INVALID_ARGUMENT);
  CHECK(memory_call.error.find("maxMemoryLimit") != std::string::npos);
}

TEST_CASE("runner: an unknown language or field is refused") {
  FakeCall call;
  json request = {{"language", "cobol"}, {"source", "x"}};
  CHECK(testing::invoke(runner_calls()->execute, shared_runner(), request.dump(), call) ==
        MR_ERR_INVALID_ARGUMENT);
  CHECK(call.error.find("language") != std::string::npos);
  FakeCall typo;
  request = {{"language", "python"}, {"source", "x"}, {"cpu_time", 1}};
  CHECK(testing::invoke(runner_calls()->execute, shared_runner(), request.dump(), typo) ==
        MR_ERR_INVALID_ARGUMENT);
}

TEST_CASE("runner: create() refuses unknown config keys and out-of-range maxima") {
  FakeCall unknown;
  CHECK(make_runner(R"({"maxCpuTime": 3})", unknown) == nullptr);
  CHECK(unknown.error.find("maxCpuTime") != std::string::npos);
  FakeCall range;
  CHECK(make_runner(R"({"maxMemoryLimit": 10})", range) == nullptr);
  FakeCall relative;
  CHECK(make_runner(R"({"workRoot": "relative/dir"})", relative) == nullptr);
}

TEST_CASE("runner: create() refuses a workRoot that is a symlink") {
  std::string link = std::string(kTestWorkRoot) + "-link";
  unlink(link.c_str());
  REQUIRE(symlink("/tmp", link.c_str()) == 0);
  FakeCall call;
  CHECK(make_runner(R"({"workRoot":")" + link + "\"}", call) == nullptr);
  CHECK(call.error.find("workRoot") != std::string::npos);
  unlink(link.c_str());
}

TEST_CASE("runner: the run directories are removed after each run") {
  run("cpp", kCppSum, {{"stdin", "1 2"}});
  DIR* dir = opendir(kTestWorkRoot);
  REQUIRE(dir != nullptr);
  int entries = 0;
  while (dirent* e = readdir(dir))
    if (e->d_name[0] != '.') ++entries;
  closedir(dir);
  CHECK(entries == 0);
}

TEST_CASE("runner: without cgroups the rlimit fallback still judges memory and logs once") {
  FakeCall call;
  size_t logs_before = testing::shared_host().logs.size();
  InstancePtr runner = make_runner(
      std::string(R"({"cgroups":"off","workRoot":")") + kTestWorkRoot + "\"}", call);
  REQUIRE_MESSAGE(runner != nullptr, call.error);
  REQUIRE(testing::shared_host().logs.size() == logs_before + 1);
  CHECK(testing::shared_host().logs.back().find("RLIMIT_AS") != std::string::npos);
  json bomb = call_runner(runner, {{"language", "python"}, {"source", "x = 'a' * (1 << 30)\n"}});
  CHECK(status_id(bomb) == 15);
  json node = call_runner(runner, {{"language", "javascript"}, {"source", "console.log(1+1)"}});
  CHECK(status_id(node) == 3);
  CHECK(node["stdout"] == "2\n");
  json cpp = call_runner(runner, {{"language", "cpp"}, {"source", kCppSum}, {"stdin", "1 2"}});
  CHECK(cpp["stdout"] == "3\n");
}

}  // namespace
}  // namespace mockroom::runner_test
