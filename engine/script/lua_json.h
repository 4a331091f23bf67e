// Conversions between Lua values and JSON, used for script metadata, the setup context
// handed to run(ctx), questions, and reports. Deterministic: JSON objects are key-ordered,
// so Lua's per-state hash order never shows through.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "util/result.h"

struct lua_State;

namespace mockroom::script {

constexpr int kMaxJsonDepth = 32;

// Converts the value at `index`. A table whose keys are exactly 1..n becomes an array
// (an empty table becomes []); other tables need string keys. Functions, userdata and
// threads are refused with an error naming the offending key path.
Result<nlohmann::json> to_json(lua_State* L, int index);

// Pushes `value` (null -> nil, objects and arrays -> tables).
void push_json(lua_State* L, const nlohmann::json& value);

}  // namespace mockroom::script
