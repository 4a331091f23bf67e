// PromptOverrides: the interviewer prompts (persona, followup, acknowledge) a format words
// its own way. Two layers over the LLM plugin's defaults: files shipped with the formats,
// interviews/prompts/<format>/<name>.mustache, and coach edits through the API, kept in the
// store, which win over the files. The LLM requests of a session carry its format's
// overrides, so a change applies from the next turn. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <shared_mutex>
#include <string>

#include "store/store.h"
#include "util/result.h"

namespace mockroom::script {

class Catalog;

class PromptOverrides {
 public:
  // Reads interviews/prompts/*/ under `interviews_dir` (a folder must be a format's id; a
  // file must be a known prompt and valid Mustache, else start-up fails naming it) and the
  // coach overrides in `store`.
  void load(const std::string& interviews_dir, store::Store& store, const Catalog& catalog);

  // {name: template} of `format_id`'s overrides; {} when it has none.
  nlohmann::json for_format(const std::string& format_id) const;
  // Every prompt name with where its text comes from: {name, origin: "default" | "file" |
  // "coach", template (not for "default"), updatedBy, updatedAt (for "coach")}.
  nlohmann::json describe(const std::string& format_id) const;

  // A coach's override: checked (check_prompt), stored, then used.
  Status set(store::Store& store, const std::string& format_id, const std::string& name,
             const std::string& text, int64_t user_id, int64_t now_ms);
  // Drops a coach's override (the file's or the default text applies again).
  Status remove(store::Store& store, const std::string& format_id, const std::string& name);

 private:
  struct Layers {
    std::map<std::string, std::string> files;                   // name -> template
    std::map<std::string, store::PromptOverride> coach;         // name -> override
  };
  mutable std::shared_mutex mu_;
  std::map<std::string, Layers> by_format_;
};

}  // namespace mockroom::script
