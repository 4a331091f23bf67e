// Registry: the plugins this engine found and the active provider of each kind.
// Libraries are discovered once at start-up; the active instance of a kind can be swapped
// while sessions run: callers hold a shared_ptr to the instance for the length of a call,
// so a turn in flight finishes on the provider it started with. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "plugin/loader.h"

namespace mockroom::plugin {

struct PluginInfo {
  std::string name;
  std::string kind;
  std::string version;
  std::string description;
  std::string path;
  bool active = false;
};

class Registry {
 public:
  // Loads every *.so in `dir`. A library that fails the ABI checks is skipped with an
  // error log line naming the file and the reason; it is not fatal.
  void discover(const std::string& dir);
  // Adds one library (tests use this for plugins outside the plugin dir).
  Status add_library(const std::string& path);

  // Creates an instance of the named plugin with `config_json` and makes it the active
  // provider of its kind. Fails if the plugin is unknown, of another kind, or rejects
  // the config; the previous provider stays active then.
  Status activate(mr_kind kind, const std::string& name, const std::string& config_json);

  std::shared_ptr<const Instance> active(mr_kind kind) const;
  std::vector<PluginInfo> list() const;

  // Typed calls on the active provider. Each returns the plugin's parsed JSON result;
  // a missing provider, a plugin error, or output that is not a JSON object is an error.
  Result<nlohmann::json> llm_followup(const nlohmann::json& request) const;
  Result<nlohmann::json> llm_acknowledge(const nlohmann::json& request) const;
  Result<nlohmann::json> score_session(const nlohmann::json& request) const;
  Result<nlohmann::json> runner_execute(const nlohmann::json& request) const;
  Result<nlohmann::json> runner_execute_batch(const nlohmann::json& request) const;

 private:
  Result<nlohmann::json> invoke(mr_kind kind, const std::shared_ptr<const Instance>& inst,
                                Instance::RawCall fn, const nlohmann::json& request) const;

  mutable std::mutex mu_;
  std::map<std::string, LoadedLibrary> libraries_;  // by plugin name
  std::map<mr_kind, std::shared_ptr<const Instance>> active_;
};

}  // namespace mockroom::plugin
