// Behaviour of the runner_judge0 plugin, exercised through its C ABI against a fake Judge0
// server on 127.0.0.1 (fake_judge0_server.h).
#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "fake_judge0_server.h"
#include "mockroom/testing/fake_host.h"

namespace {

using nlohmann::json;
using namespace mockroom::testing;
using mockroom::runner_judge0::testing::Exchange;
using mockroom::runner_judge0::testing::FakeJudge0;
using mockroom::runner_judge0::testing::FakeSubmission;
using mockroom::runner_judge0::testing::kServerToken;
using mockroom::runner_judge0::testing::RawReply;

// The shared fake host, except that cancellation can also come from another thread (the
// fake server) and logging is thread-safe.
std::atomic<bool> g_cancel_all{false};
std::mutex g_log_mutex;
std::vector<std::string> g_logs;

int is_cancelled(const mr_call* call) {
  return FakeCall::of(call).cancelled || g_cancel_all.load() ? 1 : 0;
}

void log_line(void*, mr_log_level, const char* msg, size_t len) {
  std::lock_guard<std::mutex> lock(g_log_mutex);
  g_logs.emplace_back(msg, len);
}

const mr_host_api* host_table() {
  static const mr_host_api table = [] {
    mr_host_api t = *shared_host().table();
    t.is_cancelled = &is_cancelled;
    t.log = &log_line;
    return t;
  }();
  return &table;
}

const mr_plugin* plugin() {
  static std::string error;
  static const mr_plugin* loaded = [] {
    mr_plugin_entry_fn entry = load_entry(MOCKROOM_PLUGIN_DIR "/runner_judge0.so", error);
    const mr_plugin* p = nullptr;
    if (entry && entry(host_table(), &p) != MR_OK) error = "mr_plugin_entry failed";
    return p;
  }();
  REQUIRE_MESSAGE(loaded != nullptr, error);
  return loaded;
}

const mr_runner_api& calls() { return *static_cast<const mr_runner_api*>(plugin()->calls); }

json config_for(const std::string& base_url, json extra = json::object()) {
  json config = {{"baseUrl", base_url},
                 {"authToken", kServerToken},
                 {"pollIntervalMs", 10},
                 {"maxWaitSeconds", 20},
                 {"timeoutSeconds", 5}};
  config.update(extra);
  return config;
}

InstancePtr make_instance(const json& config) {
  FakeCall call;
  InstancePtr instance = create_instance(plugin(), config.dump(), call);
  REQUIRE_MESSAGE(instance != nullptr, call.error);
  return instance;
}

std::string create_error(const json& config) {
  FakeCall call;
  InstancePtr instance = create_instance(plugin(), config.dump(), call);
  CHECK(instance == nullptr);
  return call.error;
}

json python_run(const std::string& stdin_text, const std::string& expected) {
  return {{"language", "python"},
          {"source", "print(input())"},
          {"stdin", stdin_text},
          {"expected_output", expected}};
}

mr_status execute(const InstancePtr& instance, const json& request, FakeCall& call) {
  return invoke(calls().execute, instance, request.dump(), call);
}

mr_status execute_batch(const InstancePtr& instance, const json& request, FakeCall& call) {
  return invoke(calls().execute_batch, instance, request.dump(), call);
}

// Runs `request` through execute and expects `status`; returns the error message.
std::string execute_error(const InstancePtr& instance, const json& request, mr_status status) {
  FakeCall call;
  CHECK(execute(instance, request, call) == status);
  CHECK(call.result_writes == 0);
  return call.error;
}

// Clears the process-wide cancellation flag when a test ends.
struct CancelReset {
  ~CancelReset() { g_cancel_all = false; }
};

}  // namespace

TEST_CASE("judge0 config refuses unknown keys, bad URLs and out-of-range values") {
  CHECK(create_error(json::object()).find("config.baseUrl is required") != std::string::npos);
  CHECK(create_error({{"baseUrl", "ftp://judge0"}}).find("http:// or https://") !=
        std::string::npos);
  CHECK(create_error({{"baseUrl", "http://user:pw@judge0"}}).find("credentials") !=
        std::string::npos);
  CHECK(create_error({{"baseUrl", "http://judge0"}, {"pollIntervalMs", 1}})
            .find("config.pollIntervalMs must be between") != std::string::npos);
  CHECK(create_error({{"baseUrl", "http://judge0"}, {"languageIds", {{"rust", 73}}}})
            .find("config.languageIds has unknown key \"rust\"") != std::string::npos);
  CHECK(create_error({{"baseUrl", "http://judge0"}, {"authHeader", "X Auth"}})
            .find("config.authHeader") != std::string::npos);
  std::string unknown = create_error({{"baseUrl", "http://judge0"}, {"maxRetry", 2}});
  CHECK(unknown.find("config has unknown key \"maxRetry\"") != std::string::npos);
  CHECK(unknown.rfind("runner_judge0: ", 0) == 0);
}

TEST_CASE("judge0 config never echoes the auth token in its errors") {
  std::string secret = "tok\nen-that-must-stay-secret";
  std::string error = create_error({{"baseUrl", "http://judge0"}, {"authToken", secret}});
  CHECK(error.find("config.authToken must not contain control characters") != std::string::npos);
  CHECK(error.find("must-stay-secret") == std::string::npos);
}

TEST_CASE("judge0 execute maps an accepted run and sends what Judge0 expects") {
  FakeJudge0 server;
  InstancePtr instance = make_instance(config_for(server.base_url()));
  json request = python_run(std::string(100, 'x'), std::string(100, 'x'));
  request["cpu_time_limit"] = 2.5;
  request["memory_limit"] = 128000;
  request["max_processes"] = 4;
  FakeCall call;
  REQUIRE_MESSAGE(execute(instance, request, call) == MR_OK, call.error);
  json result = json::parse(call.result);
  CHECK(result["status"] == json{{"id", 3}, {"description", "Accepted"}});
  CHECK(result["stdout"] == std::string(100, 'x'));  // Ruby-style base64 with newlines
  CHECK(result["stderr"] == "");
  CHECK(result["exit_code"] == 0);
  CHECK(result["exit_signal"].is_null());
  CHECK(result["time"].get<double>() == doctest::Approx(0.012));
  CHECK(result["wall_time"].get<double>() == doctest::Approx(0.034));
  CHECK(result["memory"] == 3420);

  std::vector<FakeSubmission> submissions = server.submissions();
  REQUIRE(submissions.size() == 1);
  const json& sent = submissions[0].received;
  CHECK(sent["language_id"] == 71);
  CHECK(submissions[0].source == "print(input())");
  CHECK(sent["cpu_time_limit"] == 2.5);
  CHECK(sent["memory_limit"] == 128000);
  CHECK(sent["max_processes_and_or_threads"] == 4);
  CHECK_FALSE(sent.contains("wall_time_limit"));
  CHECK(submissions[0].polls >= 3);  // In Queue, Processing, then the verdict
  for (const Exchange& e : server.exchanges()) {
    CHECK(e.headers.at("x-auth-token") == kServerToken);
    CHECK(e.query.find("base64_encoded=true") != std::string::npos);
  }
  CHECK(server.exchanges().front().query.find("wait=false") != std::string::npos);
}

TEST_CASE("judge0 execute passes a wrong answer through with Judge0's status") {
  FakeJudge0 server;
  InstancePtr instance = make_instance(config_for(server.base_url()));
  FakeCall call;
  REQUIRE(execute(instance, python_run("41\n", "42\n"), call) == MR_OK);
  json result = json::parse(call.result);
  CHECK(result["status"] == json{{"id", 4}, {"description", "Wrong Answer"}});
  CHECK(result["stdout"] == "41\n");
}

TEST_CASE("judge0 execute reports a time limit exceeded run as status 5") {
  FakeJudge0 server;
  InstancePtr instance = make_instance(config_for(server.base_url()));
  FakeCall call;
  json request = {{"language", "javascript"}, {"source", "while (true) {} // TLE"}};
  REQUIRE(execute(instance, request, call) == MR_OK);
  json result = json::parse(call.result);
  CHECK(result["status"] == json{{"id", 5}, {"description", "Time Limit Exceeded"}});
  CHECK(result["exit_signal"] == 9);
  CHECK(result["exit_code"].is_null());
  CHECK(result["time"].get<double>() == doctest::Approx(2.001));
  CHECK(server.submissions()[0].received["language_id"] == 63);
  CHECK_FALSE(server.submissions()[0].received.contains("stdin"));
}

TEST_CASE("judge0 execute_batch returns results in test order across several batches") {
  FakeJudge0 server;
  server.set_max_batch(2);
  InstancePtr instance = make_instance(
      config_for(server.base_url(), {{"maxBatchSize", 2}, {"languageIds", {{"cpp", 76}}}}));
  json tests = json::array();
  for (int i = 0; i < 5; ++i)
    tests.push_back(
        {{"stdin", std::to_string(i)}, {"expected_output", i == 3 ? "x" : std::to_string(i)}});
  FakeCall call;
  json request = {{"language", "cpp"}, {"source", "int main() {}"}, {"tests", tests}};
  REQUIRE_MESSAGE(execute_batch(instance, request, call) == MR_OK, call.error);
  json result = json::parse(call.result);
  CHECK(result["compile"].is_null());
  REQUIRE(result["results"].size() == 5);
  for (int i = 0; i < 5; ++i) {
    CAPTURE(i);
    CHECK(result["results"][i]["stdout"] == std::to_string(i));
    CHECK(result["results"][i]["status"]["id"] == (i == 3 ? 4 : 3));
  }
  CHECK(server.count("POST", "/submissions/batch") == 3);
  for (const FakeSubmission& s : server.submissions()) CHECK(s.received["language_id"] == 76);
}

TEST_CASE("judge0 execute_batch reports a compilation error in compile with no results") {
  FakeJudge0 server;
  InstancePtr instance = make_instance(config_for(server.base_url()));
  json request = {{"language", "cpp"},
                  {"source", "int main() { COMPILE_ERROR }"},
                  {"tests", {{{"stdin", "1"}, {"expected_output", "1"}}, {{"stdin", "2"}}}}};
  FakeCall call;
  REQUIRE_MESSAGE(execute_batch(instance, request, call) == MR_OK, call.error);
  json result = json::parse(call.result);
  CHECK(result["compile"]["status"] == json{{"id", 6}, {"description", "Compilation Error"}});
  CHECK(result["compile"]["compile_output"].get<std::string>().find("error: expected ';'") !=
        std::string::npos);
  CHECK(result["results"] == json::array());
}

TEST_CASE("judge0 retries a 429 after Retry-After and then succeeds") {
  FakeJudge0 server;
  std::atomic<int> posts{0};
  server.set_intercept([&](const Exchange& e) -> std::optional<RawReply> {
    if (e.method == "POST" && posts++ == 0)
      return RawReply{429, R"({"error":"too many requests"})", {"Retry-After: 1"}};
    return std::nullopt;
  });
  InstancePtr instance = make_instance(config_for(server.base_url()));
  FakeCall call;
  REQUIRE_MESSAGE(execute(instance, python_run("hi", "hi"), call) == MR_OK, call.error);
  CHECK(json::parse(call.result)["status"]["id"] == 3);
  CHECK(server.count("POST", "/submissions") == 2);
}

TEST_CASE("judge0 does not wait past maxWaitSeconds for a long Retry-After") {
  FakeJudge0 server;
  server.set_intercept([](const Exchange&) -> std::optional<RawReply> {
    return RawReply{429, "{}", {"Retry-After: 3600"}};
  });
  InstancePtr instance = make_instance(config_for(server.base_url(), {{"maxWaitSeconds", 2}}));
  std::string error = execute_error(instance, python_run("1", "1"), MR_ERR_UNAVAILABLE);
  CHECK(error.find("rate limiting requests (HTTP 429)") != std::string::npos);
  CHECK(error.find("gave up: maxWaitSeconds would pass") != std::string::npos);
  CHECK(server.exchanges().size() == 1);
}

TEST_CASE("judge0 retries a 500 during polling and then succeeds") {
  FakeJudge0 server;
  std::atomic<int> gets{0};
  server.set_intercept([&](const Exchange& e) -> std::optional<RawReply> {
    if (e.method == "GET" && gets++ == 1) return RawReply{500, "<html>boom</html>", {}};
    return std::nullopt;
  });
  InstancePtr instance = make_instance(config_for(server.base_url()));
  FakeCall call;
  REQUIRE_MESSAGE(execute(instance, python_run("hi", "hi"), call) == MR_OK, call.error);
  CHECK(json::parse(call.result)["status"]["id"] == 3);
}

TEST_CASE("judge0 gives up after maxRetries when Judge0 keeps failing") {
  FakeJudge0 server;
  server.set_intercept([](const Exchange&) -> std::optional<RawReply> {
    return RawReply{503, R"({"error":"queue is full"})", {}};
  });
  InstancePtr instance = make_instance(config_for(server.base_url(), {{"maxRetries", 2}}));
  std::string error = execute_error(instance, python_run("1", "1"), MR_ERR_UNAVAILABLE);
  CHECK(error.find("HTTP 503") != std::string::npos);
  CHECK(error.find("queue is full") != std::string::npos);
  CHECK(error.find("gave up after 3 attempts") != std::string::npos);
  CHECK(server.exchanges().size() == 3);
}

TEST_CASE("judge0 reports malformed JSON from Judge0 as a clear error") {
  FakeJudge0 server;
  server.set_intercept([](const Exchange& e) -> std::optional<RawReply> {
    if (e.method == "GET") return RawReply{200, R"({"status": {"id": 3, )", {}};
    return std::nullopt;
  });
  InstancePtr instance = make_instance(config_for(server.base_url()));
  std::string error = execute_error(instance, python_run("1", "1"), MR_ERR_UNAVAILABLE);
  CHECK(error.find("not valid JSON") != std::string::npos);
}

TEST_CASE("judge0 validates every field Judge0 sends back") {
  struct Case {
    const char* name;
    std::function<void(json&)> mutate;
    const char* expected;
  };
  const Case cases[] = {
      {"status missing", [](json& r) { r.erase("status"); }, "submission.status is required"},
      {"status id is a string", [](json& r) { r["status"]["id"] = "3"; },
       "submission.status.id must be an integer"},
      {"description missing", [](json& r) { r["status"].erase("description"); },
       "submission.status.description is required"},
      {"stdout not base64", [](json& r) { r["stdout"] = "%%%"; },
       "submission.stdout is not valid base64"},
      {"stderr a number", [](json& r) { r["stderr"] = 5; }, "submission.stderr must be a string"},
      {"time not a number", [](json& r) { r["time"] = "fast"; },
       "submission.time must be a number of seconds"},
      {"memory negative", [](json& r) { r["memory"] = -1; }, "submission.memory must be between"},
      {"exit_code a string", [](json& r) { r["exit_code"] = "0"; },
       "submission.exit_code must be an integer"},
      {"another token", [](json& r) { r["token"] = "tok-999"; },
       "submission.token is not the token that was asked for"},
      {"not an object",
       [](json& r) {
         r = json::array({1, 2});
       },
       "submission must be an object"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    FakeJudge0 server;
    server.set_polls_before_final(0);
    server.set_mutate(c.mutate);
    InstancePtr instance = make_instance(config_for(server.base_url()));
    std::string error = execute_error(instance, python_run("1", "1"), MR_ERR_UNAVAILABLE);
    CHECK(error.find("Judge0 sent an invalid response") != std::string::npos);
    CHECK(error.find(c.expected) != std::string::npos);
  }
}

TEST_CASE("judge0 validates batch responses: token lists and submission arrays") {
  FakeJudge0 server;
  server.set_intercept([](const Exchange& e) -> std::optional<RawReply> {
    if (e.method == "POST") return RawReply{201, R"([{"token": "tok-1"}])", {}};
    return std::nullopt;
  });
  InstancePtr instance = make_instance(config_for(server.base_url()));
  json request = {
      {"language", "python"}, {"source", "x"}, {"tests", {{{"stdin", "1"}}, {{"stdin", "2"}}}}};
  FakeCall call;
  CHECK(execute_batch(instance, request, call) == MR_ERR_UNAVAILABLE);
  CHECK(call.error.find("must answer with 2 tokens") != std::string::npos);

  FakeJudge0 short_server;
  short_server.set_intercept([](const Exchange& e) -> std::optional<RawReply> {
    if (e.method == "GET") return RawReply{200, R"({"submissions": [null]})", {}};
    return std::nullopt;
  });
  InstancePtr other = make_instance(config_for(short_server.base_url()));
  FakeCall call2;
  CHECK(execute_batch(other, request, call2) == MR_ERR_UNAVAILABLE);
  CHECK(call2.error.find("batch.submissions must be an array of 2 submissions") !=
        std::string::npos);
}

TEST_CASE("judge0 refuses a response body over the size cap") {
  FakeJudge0 server;
  server.set_intercept([](const Exchange& e) -> std::optional<RawReply> {
    if (e.method == "GET")
      return RawReply{200, "\"" + std::string(9 * 1024 * 1024, 'a') + "\"", {}};
    return std::nullopt;
  });
  InstancePtr instance = make_instance(config_for(server.base_url()));
  std::string error = execute_error(instance, python_run("1", "1"), MR_ERR_UNAVAILABLE);
  CHECK(error.find("larger than the 8388608-byte limit") != std::string::npos);
}

TEST_CASE("judge0 times out when Judge0 never finishes") {
  FakeJudge0 server;
  server.set_polls_before_final(1 << 30);
  InstancePtr instance = make_instance(config_for(server.base_url(), {{"maxWaitSeconds", 0.3}}));
  std::string error = execute_error(instance, python_run("1", "1"), MR_ERR_TIMEOUT);
  CHECK(error.find("no result within maxWaitSeconds") != std::string::npos);
  CHECK(error.find("submission tok-1 was") != std::string::npos);

  json batch = {{"language", "python"}, {"source", "x"}, {"tests", {{{"stdin", "1"}}}}};
  FakeCall call;
  CHECK(execute_batch(instance, batch, call) == MR_ERR_TIMEOUT);
  CHECK(call.error.find("1 of 1 tests were still queued or running") != std::string::npos);
}

TEST_CASE("judge0 stops polling with MR_ERR_CANCELLED when the host cancels") {
  CancelReset reset;
  FakeJudge0 server;
  server.set_polls_before_final(1 << 30);
  std::atomic<int> gets{0};
  server.set_intercept([&](const Exchange& e) -> std::optional<RawReply> {
    if (e.method == "GET" && ++gets == 2) g_cancel_all = true;
    return std::nullopt;
  });
  InstancePtr instance = make_instance(config_for(server.base_url()));
  std::string error = execute_error(instance, python_run("1", "1"), MR_ERR_CANCELLED);
  CHECK(error.find("cancelled") != std::string::npos);
  CHECK(gets.load() == 2);

  g_cancel_all = false;
  FakeCall already;
  already.cancelled = true;
  CHECK(execute(instance, python_run("1", "1"), already) == MR_ERR_CANCELLED);
  CHECK(gets.load() == 2);
}

TEST_CASE("judge0 reports a refused auth token clearly and never leaks it") {
  FakeJudge0 server;
  const std::string wrong = "wrong-token-0123456789";
  {
    std::lock_guard<std::mutex> lock(g_log_mutex);
    g_logs.clear();
  }
  InstancePtr instance = make_instance(config_for(server.base_url(), {{"authToken", wrong}}));
  std::string error = execute_error(instance, python_run("1", "1"), MR_ERR_UNAVAILABLE);
  CHECK(error.find("HTTP 401") != std::string::npos);
  CHECK(error.find("check authToken") != std::string::npos);
  CHECK(error.find(wrong) == std::string::npos);
  CHECK(server.exchanges().size() == 1);  // no retry on 401
  CHECK(server.exchanges()[0].headers.at("x-auth-token") == wrong);
  std::lock_guard<std::mutex> lock(g_log_mutex);
  for (const std::string& line : g_logs) CHECK(line.find(wrong) == std::string::npos);
}

TEST_CASE("judge0 sends the token under a configured header name") {
  FakeJudge0 server;
  server.set_intercept([](const Exchange& e) -> std::optional<RawReply> {
    if (e.headers.count("x-rapidapi-key") && e.headers.at("x-rapidapi-key") == "k")
      return RawReply{401, R"({"error":"seen"})", {}};
    return std::nullopt;
  });
  InstancePtr instance = make_instance(
      config_for(server.base_url(), {{"authToken", "k"}, {"authHeader", "X-RapidAPI-Key"}}));
  std::string error = execute_error(instance, python_run("1", "1"), MR_ERR_UNAVAILABLE);
  CHECK(error.find("HTTP 401") != std::string::npos);
  CHECK(server.exchanges()[0].headers.count("x-auth-token") == 0);
}

TEST_CASE("judge0 reports an unreachable server as unavailable") {
  int port;
  {
    FakeJudge0 closed;  // binds an ephemeral port, then frees it
    port = std::stoi(closed.base_url().substr(closed.base_url().rfind(':') + 1));
  }
  InstancePtr instance =
      make_instance(config_for("http://127.0.0.1:" + std::to_string(port), {{"maxRetries", 1}}));
  std::string error = execute_error(instance, python_run("1", "1"), MR_ERR_UNAVAILABLE);
  CHECK(error.find("is unreachable") != std::string::npos);
  CHECK(error.find("gave up after 2 attempts") != std::string::npos);
}

TEST_CASE("judge0 refuses malformed requests before calling Judge0") {
  FakeJudge0 server;
  InstancePtr instance = make_instance(config_for(server.base_url()));
  CHECK(execute_error(instance, {{"language", "rust"}, {"source", "x"}}, MR_ERR_INVALID_ARGUMENT)
            .find("request.language must be one of python, cpp, javascript") != std::string::npos);
  CHECK(execute_error(instance, {{"language", "python"}}, MR_ERR_INVALID_ARGUMENT)
            .find("request.source is required") != std::string::npos);
  CHECK(execute_error(instance, {{"language", "python"}, {"source", "x"}, {"expected", "1"}},
                      MR_ERR_INVALID_ARGUMENT)
            .find("unknown key \"expected\"") != std::string::npos);
  CHECK(execute_error(instance, {{"language", "python"}, {"source", "x"}, {"memory_limit", -5}},
                      MR_ERR_INVALID_ARGUMENT)
            .find("request.memory_limit must be between") != std::string::npos);
  FakeCall call;
  CHECK(execute_batch(instance, {{"language", "python"}, {"source", "x"}, {"tests", json::array()}},
                      call) == MR_ERR_INVALID_ARGUMENT);
  CHECK(call.error.find("request.tests must not be empty") != std::string::npos);
  CHECK(server.exchanges().empty());
}

TEST_CASE("judge0 passes Judge0's 422 field errors back as an invalid argument") {
  FakeJudge0 server;
  InstancePtr instance =
      make_instance(config_for(server.base_url(), {{"languageIds", {{"python", 999}}}}));
  std::string error = execute_error(instance, python_run("1", "1"), MR_ERR_INVALID_ARGUMENT);
  CHECK(error.find("HTTP 422") != std::string::npos);
  CHECK(error.find("language with id 999 doesn't exist") != std::string::npos);

  FakeCall call;
  json batch = {{"language", "python"}, {"source", "x"}, {"tests", {{{"stdin", "1"}}}}};
  CHECK(execute_batch(instance, batch, call) == MR_ERR_INVALID_ARGUMENT);
  CHECK(call.error.find("language with id 999 doesn't exist") != std::string::npos);
}

TEST_CASE("judge0 serves several threads at once from one instance") {
  FakeJudge0 server;
  InstancePtr instance = make_instance(config_for(server.base_url()));
  constexpr int kThreads = 6;
  constexpr int kRunsPerThread = 3;
  std::vector<std::string> failures(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRunsPerThread; ++i) {
        std::string input = std::to_string(t * 100 + i);
        FakeCall call;
        if (execute(instance, python_run(input, input), call) != MR_OK) {
          failures[t] = call.error;
          return;
        }
        if (json::parse(call.result)["stdout"] != input) failures[t] = "wrong stdout";
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const std::string& failure : failures) CHECK(failure == "");
  CHECK(server.submissions().size() == kThreads * kRunsPerThread);
}
