#include "script/interview_vm.h"

#include <lua.hpp>

#include "script/format.h"
#include "script/lua_json.h"

namespace mockroom::script {

InterviewVm::InterviewVm(const Limits& limits, uint64_t seed, const std::string& chunk_name)
    : sandbox_(limits, seed), chunk_name_(chunk_name) {}

InterviewVm::~InterviewVm() = default;  // lua_close in ~Sandbox frees the coroutine too

Result<std::unique_ptr<InterviewVm>> InterviewVm::create(const store::FormatRecord& format,
                                                         const nlohmann::json& ctx,
                                                         uint64_t seed, ScriptHost& host,
                                                         const Limits& limits) {
  std::unique_ptr<InterviewVm> vm(new InterviewVm(limits, seed, format.chunk_name));
  lua_State* L = vm->sandbox_.L();
  install_host_api(L, &host);
  if (auto st = run_libs(vm->sandbox_, format); !st.ok()) return st.error();
  if (auto st = vm->sandbox_.run_chunk(format.source, format.chunk_name); !st.ok()) {
    return st.error();
  }
  drop_declaration(L);
  vm->sandbox_.guard_globals();
  // Loading the prelude and the script leaves parser garbage behind; a waiting session
  // should not carry it (about a fifth of a fresh VM's memory).
  lua_gc(L, LUA_GCCOLLECT);
  if (lua_getglobal(L, "run") != LUA_TFUNCTION) {
    return invalid(format.chunk_name.substr(1) + ": the script does not define run(ctx)");
  }
  vm->co_ = lua_newthread(L);
  lua_insert(L, -2);                 // thread, run
  lua_xmove(L, vm->co_, 1);          // run -> coroutine stack
  push_json(vm->co_, ctx);           // run's argument
  vm->co_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);  // anchors the thread
  return vm;
}

Outcome InterviewVm::resume(const std::optional<std::string>& answer) {
  Outcome out;
  if (finished_) {
    out.error = chunk_name_.substr(1) + ": the interview has already finished";
    return out;
  }
  lua_State* L = sandbox_.L();
  sandbox_.reset_budget();
  int nargs = 0;
  if (!started_) {
    nargs = 1;  // ctx, pushed by create()
    started_ = true;
  } else {
    const std::string& text = answer.value_or(std::string());
    lua_pushlstring(co_, text.data(), text.size());
    nargs = 1;
  }
  int nresults = 0;
  int rc = lua_resume(co_, L, nargs, &nresults);
  if (rc == LUA_YIELD) {
    lua_pop(co_, nresults);
    out.kind = Outcome::Kind::kAwaitingAnswer;
    return out;
  }
  finished_ = true;
  if (rc == LUA_OK) {
    if (nresults > 0) {
      auto value = to_json(co_, -nresults);
      if (value.ok()) out.result = std::move(value.value());
    }
    lua_pop(co_, nresults);
    out.kind = Outcome::Kind::kFinished;
    return out;
  }
  if (rc == LUA_ERRMEM) {
    out.error = chunk_name_.substr(1) + ": memory limit exceeded (" +
                std::to_string(sandbox_.memory_used() / 1024) + " KiB in use)";
  } else {
    const char* msg = lua_tostring(co_, -1);
    out.error = msg ? msg : "unknown error in " + chunk_name_.substr(1);
  }
  luaL_traceback(L, co_, out.error.c_str(), 0);
  out.traceback = lua_tostring(L, -1);
  lua_pop(L, 1);
  out.kind = Outcome::Kind::kFailed;
  return out;
}

}  // namespace mockroom::script
