#include "script/sandbox.h"

#include <lua.hpp>

#include <cstdlib>
#include <stdexcept>

namespace mockroom::script {
namespace {

constexpr int kHookEvery = 1000;  // instructions between budget checks
const char kSandboxKey = 'S';     // registry key: address of this byte

int panic(lua_State* L) {
  // Only reached by a Lua error outside any protected call: a host bug.
  const char* msg = lua_tostring(L, -1);
  throw std::runtime_error(std::string("unprotected Lua error: ") + (msg ? msg : "?"));
}

int guarded_index(lua_State* L) {
  return luaL_error(L, "undeclared global '%s'", luaL_optstring(L, 2, "?"));
}

int guarded_newindex(lua_State* L) {
  return luaL_error(L, "assignment to undeclared global '%s' (declare it with local)",
                    luaL_optstring(L, 2, "?"));
}

int sandbox_print(lua_State* L) {
  // Scripts have no stdout; print is accepted and dropped so copied snippets still run.
  return 0;
}

}  // namespace

Sandbox::Sandbox(const Limits& limits, uint64_t seed) : limits_(limits) {
  L_ = lua_newstate(&Sandbox::allocate, this);
  if (!L_) throw std::runtime_error("cannot create a Lua state (out of memory)");
  lua_atpanic(L_, panic);
  lua_pushlightuserdata(L_, const_cast<char*>(&kSandboxKey));
  lua_pushlightuserdata(L_, this);
  lua_rawset(L_, LUA_REGISTRYINDEX);
  open_safe_libraries(seed);
  lua_sethook(L_, &Sandbox::count_hook, LUA_MASKCOUNT, kHookEvery);
}

Sandbox::~Sandbox() {
  if (L_) lua_close(L_);
}

Sandbox& sandbox_of(lua_State* L) {
  lua_pushlightuserdata(L, const_cast<char*>(&kSandboxKey));
  lua_rawget(L, LUA_REGISTRYINDEX);
  auto* sb = static_cast<Sandbox*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  return *sb;
}

void* Sandbox::allocate(void* ud, void* ptr, std::size_t osize, std::size_t nsize) {
  auto* self = static_cast<Sandbox*>(ud);
  // When ptr is NULL, osize is a type tag, not a size (Lua 5.4 manual, lua_Alloc).
  std::size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    std::free(ptr);
    self->used_ -= old;
    return nullptr;
  }
  if (nsize > old && self->used_ - old + nsize > self->limits_.memory_bytes) return nullptr;
  void* p = std::realloc(ptr, nsize);
  if (p) self->used_ = self->used_ - old + nsize;
  return p;
}

void Sandbox::count_hook(lua_State* L, lua_Debug*) {
  Sandbox& self = sandbox_of(L);
  self.executed_ += kHookEvery;
  if (self.executed_ > self.limits_.instructions_per_resume) {
    self.budget_exhausted_ = true;
    // Fire on every instruction from now on, so a pcall in the script cannot swallow it.
    lua_sethook(L, &Sandbox::count_hook, LUA_MASKCOUNT, 1);
    // Level 0 in a hook is the running Lua function: the error names the looping line.
    luaL_where(L, 0);
    lua_pushfstring(L, "instruction budget exceeded (%I instructions per turn): is there an endless loop?",
                    static_cast<lua_Integer>(self.limits_.instructions_per_resume));
    lua_concat(L, 2);
    lua_error(L);
  }
}

void Sandbox::reset_budget() {
  executed_ = 0;
  budget_exhausted_ = false;
  lua_sethook(L_, &Sandbox::count_hook, LUA_MASKCOUNT, kHookEvery);
}

void Sandbox::open_safe_libraries(uint64_t seed) {
  const luaL_Reg libs[] = {
      {LUA_GNAME, luaopen_base},          {LUA_TABLIBNAME, luaopen_table},
      {LUA_STRLIBNAME, luaopen_string},   {LUA_MATHLIBNAME, luaopen_math},
      {LUA_UTF8LIBNAME, luaopen_utf8},    {LUA_COLIBNAME, luaopen_coroutine},
  };
  for (const auto& lib : libs) {
    luaL_requiref(L_, lib.name, lib.func, 1);
    lua_pop(L_, 1);
  }
  // Remove what reaches files, loads code or escapes the limits.
  for (const char* name : {"dofile", "loadfile", "load", "collectgarbage", "require"}) {
    lua_pushnil(L_);
    lua_setglobal(L_, name);
  }
  lua_pushcfunction(L_, sandbox_print);
  lua_setglobal(L_, "print");
  // string.dump would hand out bytecode; nothing here may produce or load binary chunks.
  lua_getglobal(L_, LUA_STRLIBNAME);
  lua_pushnil(L_);
  lua_setfield(L_, -2, "dump");
  lua_pop(L_, 1);
  // Reproducible math.random: seeded per session, and the script cannot reseed it.
  lua_getglobal(L_, LUA_MATHLIBNAME);
  lua_getfield(L_, -1, "randomseed");
  lua_pushinteger(L_, static_cast<lua_Integer>(seed & 0x7fffffffffffffffULL));
  lua_call(L_, 1, 0);
  lua_pushnil(L_);
  lua_setfield(L_, -2, "randomseed");
  lua_pop(L_, 1);
}

Status Sandbox::run_chunk(std::string_view source, const std::string& chunk_name) {
  reset_budget();
  int rc = luaL_loadbufferx(L_, source.data(), source.size(), chunk_name.c_str(), "t");
  if (rc == LUA_OK) rc = lua_pcall(L_, 0, 0, 0);
  if (rc != LUA_OK) {
    std::string msg = lua_tostring(L_, -1) ? lua_tostring(L_, -1) : "unknown Lua error";
    lua_pop(L_, 1);
    if (rc == LUA_ERRMEM) msg = chunk_name.substr(1) + ": memory limit exceeded";
    return invalid(msg);
  }
  return {};
}

void Sandbox::guard_globals() {
  lua_pushglobaltable(L_);
  lua_newtable(L_);
  lua_pushcfunction(L_, guarded_index);
  lua_setfield(L_, -2, "__index");
  lua_pushcfunction(L_, guarded_newindex);
  lua_setfield(L_, -2, "__newindex");
  lua_setmetatable(L_, -2);
  lua_pop(L_, 1);
}

}  // namespace mockroom::script
