#include <doctest/doctest.h>
#include <lua.hpp>

#include "script/format.h"
#include "script/interview_vm.h"
#include "script/lua_json.h"
#include "script/sandbox.h"

using namespace mockroom;
using namespace mockroom::script;

namespace {

std::string run_error(const std::string& source, Limits limits = {}) {
  Sandbox sb(limits, 1);
  auto st = sb.run_chunk(source, "@interviews/test.lua");
  return st.ok() ? std::string() : st.error().message;
}

// A ScriptHost that records what the script did, for VM tests.
struct RecordingHost : ScriptHost {
  std::vector<std::string> said;
  std::vector<nlohmann::json> asked;
  void say(const std::string& t) override { said.push_back(t); }
  void ask(const nlohmann::json& q) override { asked.push_back(q); }
  nlohmann::json followup(const nlohmann::json&, const std::string&) override { return nullptr; }
  std::string acknowledge(const std::string&) override { return "ok"; }
  nlohmann::json bank_get(const std::string& id) override { return {{"id", id}, {"text", "Q " + id}}; }
  nlohmann::json bank_pick(const nlohmann::json&) override { return nlohmann::json::array(); }
  void section(const std::string&, double) override {}
  nlohmann::json timer() override { return {{"elapsed", 0}, {"remaining", 30}, {"total", 30}}; }
  void plan(int) override {}
  nlohmann::json report() override { return {{"overallScore", 50}}; }
};

store::FormatRecord format_of(const std::string& body) {
  std::string src = "interview{ id='t', title='T', kind='behavioral', rubric='behavioral' }\n" + body;
  auto rec = inspect_format(src, "@interviews/t.lua");
  REQUIRE_MESSAGE(rec.ok(), (rec.ok() ? "" : rec.error().message));
  return rec.value();
}

}  // namespace

TEST_CASE("scripts cannot reach files, processes or the loader") {
  for (const char* expr : {"os.execute('true')", "io.open('/etc/passwd')", "require('os')",
                           "dofile('/etc/passwd')", "loadfile('/etc/passwd')", "load('return 1')",
                           "debug.getinfo(1)", "package.loadlib('x','y')", "string.dump(print)"}) {
    CAPTURE(expr);
    CHECK_FALSE(run_error(std::string("local _ = ") + expr).empty());
  }
}

TEST_CASE("an endless loop is stopped by the instruction budget, even inside pcall") {
  Limits limits;
  limits.instructions_per_resume = 200'000;
  auto err = run_error("while true do pcall(function() while true do end end) end", limits);
  CHECK(err.find("instruction budget exceeded") != std::string::npos);
}

TEST_CASE("a script that hoards memory hits the per-session cap") {
  Limits limits;
  limits.memory_bytes = 1 << 20;
  auto err = run_error("local t = {} for i = 1, 1e7 do t[i] = ('x'):rep(100) .. i end", limits);
  CHECK_FALSE(err.empty());
}

TEST_CASE("a runtime error names the script and the line") {
  auto err = run_error("local a = 1\nlocal b = nil\nlocal c = b.field\n");
  CHECK(err.find("interviews/test.lua:3:") != std::string::npos);
}

TEST_CASE("binary chunks are refused") {
  Sandbox sb({}, 1);
  std::string bytecode = "\x1bLua\x54";
  auto st = sb.run_chunk(bytecode, "@interviews/bin.lua");
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find("binary") != std::string::npos);
}

TEST_CASE("a typo in a global name is an error once globals are guarded") {
  Sandbox sb({}, 1);
  REQUIRE(sb.run_chunk("x = 1", "@t.lua").ok());
  sb.guard_globals();
  auto st = sb.run_chunk("y = 2", "@t.lua");
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find("undeclared global 'y'") != std::string::npos);
}

TEST_CASE("math.random is reproducible for the same seed and cannot be reseeded") {
  auto draw = [](uint64_t seed) {
    Sandbox sb({}, seed);
    REQUIRE(sb.run_chunk("r = math.random(1000000)", "@t.lua").ok());
    lua_getglobal(sb.L(), "r");
    return lua_tointeger(sb.L(), -1);
  };
  CHECK(draw(42) == draw(42));
  CHECK(draw(42) != draw(43));
  CHECK_FALSE(run_error("math.randomseed(1)").empty());
}

TEST_CASE("Lua tables convert to JSON with arrays and sorted objects") {
  Sandbox sb({}, 1);
  REQUIRE(sb.run_chunk("v = { list = {1, 2, 3}, name = 'x', nested = { ok = true } }", "@t.lua").ok());
  lua_getglobal(sb.L(), "v");
  auto j = to_json(sb.L(), -1);
  REQUIRE(j.ok());
  CHECK(j->dump() == R"({"list":[1,2,3],"name":"x","nested":{"ok":true}})");
  push_json(sb.L(), *j);
  auto back = to_json(sb.L(), -1);
  CHECK(back->dump() == j->dump());
}

TEST_CASE("format metadata is read and validated") {
  auto bad = inspect_format("interview{ id='Bad Id', title='T', kind='k', rubric='r' } function run() end",
                            "@interviews/bad.lua");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("'id'") != std::string::npos);

  auto no_run = inspect_format("interview{ id='a', title='T', kind='k', rubric='r' }", "@interviews/a.lua");
  REQUIRE_FALSE(no_run.ok());
  CHECK(no_run.error().message.find("run(ctx)") != std::string::npos);

  auto syntax = inspect_format("interview{ id='a',\n title='T'\n kind='k' }", "@interviews/a.lua");
  REQUIRE_FALSE(syntax.ok());
  CHECK(syntax.error().message.find("interviews/a.lua:3:") != std::string::npos);
}

TEST_CASE("setup options are merged with defaults and checked against choices and ranges") {
  nlohmann::json meta = {{"id", "b"},
                         {"options", {{"level", {{"default", "mid"}, {"choices", {"mid", "senior"}}}},
                                      {"questionCount", {{"default", 6}, {"min", 5}, {"max", 10}}}}}};
  auto ok = resolve_setup(meta, {{"level", "senior"}});
  REQUIRE(ok.ok());
  CHECK((*ok)["questionCount"] == 6);
  CHECK_FALSE(resolve_setup(meta, {{"level", "intern"}}).ok());
  CHECK_FALSE(resolve_setup(meta, {{"questionCount", 11}}).ok());
  CHECK_FALSE(resolve_setup(meta, {{"questionCount", "7"}}).ok());
  CHECK_FALSE(resolve_setup(meta, {{"colour", "blue"}}).ok());
}

TEST_CASE("ask yields until the answer arrives and returns it to the script") {
  RecordingHost host;
  auto fmt = format_of("function run(ctx) local a = ask('First?') say('you said ' .. a) return 7 end");
  auto vm = InterviewVm::create(fmt, {{"name", "x"}}, 1, host, {});
  REQUIRE(vm.ok());
  auto first = (*vm)->resume(std::nullopt);
  CHECK(first.kind == Outcome::Kind::kAwaitingAnswer);
  REQUIRE(host.asked.size() == 1);
  CHECK(host.asked[0]["text"] == "First?");
  auto done = (*vm)->resume(std::string("hello"));
  CHECK(done.kind == Outcome::Kind::kFinished);
  CHECK(done.result == 7);
  REQUIRE(host.said.size() == 1);
  CHECK(host.said[0] == "you said hello");
}

TEST_CASE("a failing script reports its line and a traceback without harming the host") {
  RecordingHost host;
  auto fmt = format_of("function run(ctx)\n  ask('q')\n  error('boom')\nend");
  auto vm = InterviewVm::create(fmt, nlohmann::json::object(), 1, host, {});
  REQUIRE(vm.ok());
  (*vm)->resume(std::nullopt);
  auto out = (*vm)->resume(std::string("a"));
  CHECK(out.kind == Outcome::Kind::kFailed);
  CHECK(out.error.find("interviews/t.lua:4: boom") != std::string::npos);  // line 1 is the declaration
  CHECK(out.traceback.find("stack traceback") != std::string::npos);
}

TEST_CASE("ask works from inside pcall in the script") {
  RecordingHost host;
  auto fmt = format_of("function run(ctx) local ok, a = pcall(ask, 'q?') return a end");
  auto vm = InterviewVm::create(fmt, nlohmann::json::object(), 1, host, {});
  REQUIRE(vm.ok());
  CHECK((*vm)->resume(std::nullopt).kind == Outcome::Kind::kAwaitingAnswer);
  auto out = (*vm)->resume(std::string("inside"));
  CHECK(out.kind == Outcome::Kind::kFinished);
  CHECK(out.result == "inside");
}
