#include "script/lua_json.h"

#include <lua.hpp>

namespace mockroom::script {
namespace {

using nlohmann::json;

Result<json> convert(lua_State* L, int index, int depth, const std::string& path) {
  if (depth > kMaxJsonDepth) return invalid("value nested too deeply at " + path);
  index = lua_absindex(L, index);
  switch (lua_type(L, index)) {
    case LUA_TNIL: return json(nullptr);
    case LUA_TBOOLEAN: return json(lua_toboolean(L, index) != 0);
    case LUA_TNUMBER:
      if (lua_isinteger(L, index)) return json(static_cast<int64_t>(lua_tointeger(L, index)));
      return json(lua_tonumber(L, index));
    case LUA_TSTRING: {
      size_t len = 0;
      const char* s = lua_tolstring(L, index, &len);
      return json(std::string(s, len));
    }
    case LUA_TTABLE: break;
    default:
      return invalid(std::string("cannot convert a ") + luaL_typename(L, index) + " at " + path);
  }
  if (!lua_checkstack(L, 3)) return invalid("Lua stack exhausted at " + path);
  // First pass: is it a sequence 1..n?
  lua_Integer count = 0;
  bool sequence = true;
  lua_pushnil(L);
  while (lua_next(L, index) != 0) {
    ++count;
    if (!lua_isinteger(L, -2)) sequence = false;
    lua_pop(L, 1);
  }
  if (sequence && count > 0) {
    for (lua_Integer i = 1; i <= count && sequence; ++i) {
      if (lua_rawgeti(L, index, i) == LUA_TNIL) sequence = false;
      lua_pop(L, 1);
    }
  }
  if (count == 0) return json::array();
  if (sequence) {
    json arr = json::array();
    for (lua_Integer i = 1; i <= count; ++i) {
      lua_rawgeti(L, index, i);
      auto item = convert(L, -1, depth + 1, path + "[" + std::to_string(i) + "]");
      lua_pop(L, 1);
      if (!item.ok()) return item.error();
      arr.push_back(std::move(item.value()));
    }
    return arr;
  }
  json obj = json::object();
  lua_pushnil(L);
  while (lua_next(L, index) != 0) {
    if (lua_type(L, -2) != LUA_TSTRING) {
      lua_pop(L, 2);
      return invalid("table at " + path + " mixes array items with named keys");
    }
    std::string key = lua_tostring(L, -2);
    auto item = convert(L, -1, depth + 1, path + "." + key);
    lua_pop(L, 1);
    if (!item.ok()) {
      lua_pop(L, 1);
      return item.error();
    }
    obj[key] = std::move(item.value());
  }
  return obj;
}

}  // namespace

Result<json> to_json(lua_State* L, int index) { return convert(L, index, 0, "value"); }

void push_json(lua_State* L, const json& value) {
  luaL_checkstack(L, 3, "JSON value too deep");
  switch (value.type()) {
    case json::value_t::null: lua_pushnil(L); break;
    case json::value_t::boolean: lua_pushboolean(L, value.get<bool>()); break;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: lua_pushinteger(L, value.get<int64_t>()); break;
    case json::value_t::number_float: lua_pushnumber(L, value.get<double>()); break;
    case json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      lua_pushlstring(L, s.data(), s.size());
      break;
    }
    case json::value_t::array: {
      lua_createtable(L, static_cast<int>(value.size()), 0);
      lua_Integer i = 1;
      for (const auto& item : value) {
        push_json(L, item);
        lua_rawseti(L, -2, i++);
      }
      break;
    }
    case json::value_t::object: {
      lua_createtable(L, 0, static_cast<int>(value.size()));
      for (const auto& [k, v] : value.items()) {
        push_json(L, v);
        lua_setfield(L, -2, k.c_str());
      }
      break;
    }
    default: lua_pushnil(L); break;
  }
}

}  // namespace mockroom::script
