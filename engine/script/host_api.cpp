// The functions an interview script calls. Each validates its Lua arguments, then hands
// over to the ScriptHost. C++ exceptions never cross into Lua: ScriptError and friends
// become Lua errors that name the calling script line.
#include <lua.hpp>

#include <algorithm>

#include "script/interview_vm.h"
#include "script/lua_json.h"

namespace mockroom::script {
namespace {

using nlohmann::json;

const char kMetaKey = 'M';

ScriptHost* host_of(lua_State* L) {
  auto* host = static_cast<ScriptHost*>(lua_touserdata(L, lua_upvalueindex(1)));
  if (!host) luaL_error(L, "this function can only be called inside run(ctx)");
  return host;
}

// Runs `body`, turning any C++ exception into a Lua error at the caller's line. The Lua
// error itself is raised outside the catch block.
template <typename F>
int guarded(lua_State* L, F&& body) {
  std::string error;
  try {
    return body();
  } catch (const std::exception& e) {
    error = e.what();
  }
  return luaL_error(L, "%s", error.c_str());
}

std::string check_text(lua_State* L, int arg, std::size_t max_bytes, const char* what) {
  size_t len = 0;
  const char* s = luaL_checklstring(L, arg, &len);
  if (len > max_bytes) luaL_error(L, "%s is longer than %d bytes", what, static_cast<int>(max_bytes));
  return std::string(s, len);
}

// A question may be a string or a table with at least `text`.
json check_question(lua_State* L, int arg) {
  if (lua_type(L, arg) == LUA_TSTRING) {
    return json{{"text", check_text(L, arg, kMaxQuestionBytes, "question text")}};
  }
  luaL_checktype(L, arg, LUA_TTABLE);
  auto q = to_json(L, arg);
  if (!q.ok()) luaL_error(L, "bad question: %s", q.error().message.c_str());
  if (!q->is_object() || !q->contains("text") || !(*q)["text"].is_string() ||
      (*q)["text"].get_ref<const std::string&>().empty()) {
    luaL_error(L, "a question needs a non-empty 'text' field");
  }
  if ((*q)["text"].get_ref<const std::string&>().size() > kMaxQuestionBytes) {
    luaL_error(L, "question text is longer than %d bytes", static_cast<int>(kMaxQuestionBytes));
  }
  return std::move(q.value());
}

int l_interview(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_pushlightuserdata(L, const_cast<char*>(&kMetaKey));
  if (lua_rawget(L, LUA_REGISTRYINDEX) != LUA_TNIL) luaL_error(L, "interview{} declared twice");
  lua_pop(L, 1);
  lua_pushlightuserdata(L, const_cast<char*>(&kMetaKey));
  lua_pushvalue(L, 1);
  lua_rawset(L, LUA_REGISTRYINDEX);
  return 0;
}

int l_say(lua_State* L) {
  ScriptHost* host = host_of(L);
  std::string text = check_text(L, 1, kMaxSayBytes, "say() text");
  return guarded(L, [&] {
    host->say(text);
    return 0;
  });
}

int l_ask(lua_State* L) {
  ScriptHost* host = host_of(L);
  json q = check_question(L, 1);
  if (!lua_isyieldable(L)) luaL_error(L, "ask() must be called from the interview flow");
  guarded(L, [&] {
    host->ask(q);
    return 0;
  });
  return lua_yield(L, 0);  // resumed with the candidate's answer as ask()'s result
}

int l_followup(lua_State* L) {
  ScriptHost* host = host_of(L);
  json q = check_question(L, 1);
  std::string answer = check_text(L, 2, 1 << 20, "answer");
  json f;
  guarded(L, [&] {
    f = host->followup(q, answer);
    return 0;
  });
  push_json(L, f);
  return 1;
}

int l_acknowledge(lua_State* L) {
  ScriptHost* host = host_of(L);
  std::string answer = luaL_optstring(L, 1, "");
  std::string text;
  guarded(L, [&] {
    text = host->acknowledge(answer);
    return 0;
  });
  lua_pushlstring(L, text.data(), text.size());
  return 1;
}

int l_bank_get(lua_State* L) {
  ScriptHost* host = host_of(L);
  std::string id = check_text(L, 1, 256, "question id");
  json q;
  guarded(L, [&] {
    q = host->bank_get(id);
    return 0;
  });
  if (q.is_null()) luaL_error(L, "bank.get: no question with id '%s'", id.c_str());
  push_json(L, q);
  return 1;
}

int l_bank_pick(lua_State* L) {
  ScriptHost* host = host_of(L);
  luaL_checktype(L, 1, LUA_TTABLE);
  auto filter = to_json(L, 1);
  if (!filter.ok() || !filter->is_object()) {
    luaL_error(L, "bank.pick expects a table of named filters, e.g. {kind='behavioral', count=5}");
  }
  json picked;
  guarded(L, [&] {
    picked = host->bank_pick(*filter);
    return 0;
  });
  push_json(L, picked);
  return 1;
}

int l_section(lua_State* L) {
  ScriptHost* host = host_of(L);
  std::string name = check_text(L, 1, 128, "section name");
  double minutes = luaL_checknumber(L, 2);
  if (!(minutes > 0 && minutes <= 600)) luaL_error(L, "section minutes must be within (0, 600]");
  return guarded(L, [&] {
    host->section(name, minutes);
    return 0;
  });
}

int l_timer(lua_State* L) {
  ScriptHost* host = host_of(L);
  json t;
  guarded(L, [&] {
    t = host->timer();
    return 0;
  });
  push_json(L, t);
  return 1;
}

int l_plan(lua_State* L) {
  ScriptHost* host = host_of(L);
  lua_Integer n = luaL_checkinteger(L, 1);
  return guarded(L, [&] {
    host->plan(static_cast<int>(std::clamp<lua_Integer>(n, -1, 1'000'000)));
    return 0;
  });
}

int l_report(lua_State* L) {
  ScriptHost* host = host_of(L);
  json r;
  guarded(L, [&] {
    r = host->report();
    return 0;
  });
  push_json(L, r);
  return 1;
}

void set_fn(lua_State* L, const char* name, lua_CFunction fn, ScriptHost* host) {
  lua_pushlightuserdata(L, host);
  lua_pushcclosure(L, fn, 1);
  lua_setfield(L, -2, name);
}

}  // namespace

void install_host_api(lua_State* L, ScriptHost* host) {
  lua_pushglobaltable(L);
  lua_pushcfunction(L, l_interview);
  lua_setfield(L, -2, "interview");
  set_fn(L, "say", l_say, host);
  set_fn(L, "ask", l_ask, host);
  set_fn(L, "followup", l_followup, host);
  set_fn(L, "acknowledge", l_acknowledge, host);
  set_fn(L, "section", l_section, host);
  set_fn(L, "timer", l_timer, host);
  set_fn(L, "plan", l_plan, host);
  set_fn(L, "report", l_report, host);
  lua_newtable(L);
  set_fn(L, "get", l_bank_get, host);
  set_fn(L, "pick", l_bank_pick, host);
  lua_setfield(L, -2, "bank");
  lua_pop(L, 1);
}

void drop_declaration(lua_State* L) {
  lua_pushlightuserdata(L, const_cast<char*>(&kMetaKey));
  lua_pushnil(L);
  lua_rawset(L, LUA_REGISTRYINDEX);
  lua_pushnil(L);
  lua_setglobal(L, "options");
}

void push_declared_meta(lua_State* L) {
  lua_pushlightuserdata(L, const_cast<char*>(&kMetaKey));
  lua_rawget(L, LUA_REGISTRYINDEX);
}

}  // namespace mockroom::script
