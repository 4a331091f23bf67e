// Sandbox: one lua_State with only safe libraries, a memory cap, an instruction budget and
// a guard on globals. Each interview session owns one; nothing is shared between them, so
// no state can leak from one candidate's session to another's. Not thread-safe: the owner
// touches it from one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.h"

struct lua_State;
struct lua_Debug;

namespace mockroom::script {

struct Limits {
  std::size_t memory_bytes = 8u << 20;          // per session
  int64_t instructions_per_resume = 20'000'000;  // per turn of the interview
};

class Sandbox {
 public:
  // `seed` makes math.random reproducible for deterministic replay.
  Sandbox(const Limits& limits, uint64_t seed);
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  lua_State* L() const { return L_; }

  // Compiles and runs a text chunk (binary chunks are refused). `chunk_name` is
  // "@interviews/x.lua" so errors read "interviews/x.lua:12: ...".
  Status run_chunk(std::string_view source, const std::string& chunk_name);

  // From now on, reading or assigning an undeclared global is an error.
  void guard_globals();

  // Starts a fresh instruction budget; call before each resume.
  void reset_budget();
  std::size_t memory_used() const { return used_; }
  bool budget_exhausted() const { return budget_exhausted_; }

 private:
  static void* allocate(void* ud, void* ptr, std::size_t osize, std::size_t nsize);
  static void count_hook(lua_State* L, ::lua_Debug* ar);
  void open_safe_libraries(uint64_t seed);

  Limits limits_;
  lua_State* L_ = nullptr;
  std::size_t used_ = 0;
  int64_t executed_ = 0;
  bool budget_exhausted_ = false;
};

// The Sandbox that owns `L` (or of the main thread of the coroutine `L`).
Sandbox& sandbox_of(lua_State* L);

}  // namespace mockroom::script
