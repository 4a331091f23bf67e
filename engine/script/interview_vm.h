// InterviewVm: one session's interview script running as a Lua coroutine in its own
// Sandbox. run(ctx) executes until ask() yields for an answer or the flow returns.
// Owned by one session; called by one thread at a time (the session's lock).
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "script/sandbox.h"
#include "script/script_host.h"
#include "store/store.h"

namespace mockroom::script {

struct Outcome {
  enum class Kind { kAwaitingAnswer, kFinished, kFailed };
  Kind kind = Kind::kFailed;
  nlohmann::json result;  // run()'s return value when finished
  std::string error;      // "interviews/x.lua:12: message" when failed
  std::string traceback;  // Lua stack traceback when failed
};

class InterviewVm {
 public:
  // Loads the script; `host` must outlive the VM. Fails with the script's error message.
  static Result<std::unique_ptr<InterviewVm>> create(const store::FormatRecord& format,
                                                     const nlohmann::json& ctx, uint64_t seed,
                                                     ScriptHost& host, const Limits& limits);
  ~InterviewVm();

  // First call starts run(ctx); later calls deliver the answer to the pending ask().
  Outcome resume(const std::optional<std::string>& answer);
  std::size_t memory_used() const { return sandbox_.memory_used(); }

 private:
  InterviewVm(const Limits& limits, uint64_t seed, const std::string& chunk_name);

  Sandbox sandbox_;
  std::string chunk_name_;
  lua_State* co_ = nullptr;  // the coroutine running run(ctx); anchored in the registry
  int co_ref_ = -2;          // LUA_NOREF
  bool started_ = false;
  bool finished_ = false;
};

// Installs the host API (interview, say, ask, followup, acknowledge, bank, section,
// report) into the sandbox's globals. With host == nullptr the functions exist but fail
// when called, which is what inspecting a format's metadata needs.
void install_host_api(lua_State* L, ScriptHost* host);

// The table passed to interview{...} during the script's top level, or nil.
void push_declared_meta(lua_State* L);
// Forgets the declaration and the `options` helpers: a running interview reads its setup
// from ctx, and a waiting session should not carry what only the declaration needed.
void drop_declaration(lua_State* L);

// Limits on values crossing from scripts into the engine.
constexpr std::size_t kMaxSayBytes = 16 * 1024;
constexpr std::size_t kMaxQuestionBytes = 8 * 1024;

}  // namespace mockroom::script
