// ScriptStudio: the console's interview script editor. A coach's script is validated
// (syntax, declaration, rubric and bank references, a dry run) with line-numbered problems,
// rehearsed against sample answers, and published as a new version of its format, which new
// sessions use at once while running sessions keep the version they started with (formats
// are stored by id and version). Validation and rehearsal run in a throwaway workbench
// (tools/workbench.h) holding the engine's bank and rubrics, in the same sandbox as bundled
// scripts: an endless loop, a memory hog or a reach for files, processes or libraries ends
// in a clear error and touches nothing else.
// Thread-safe; at most kStudioRuns workbenches at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <semaphore>
#include <string>

#include "plugin/registry.h"
#include "script/catalog.h"
#include "store/store.h"
#include "tools/workbench.h"

namespace mockroom::authoring {

inline constexpr int kStudioRuns = 2;
inline constexpr auto kStudioWait = std::chrono::seconds(30);         // for a free workbench, then 503
inline constexpr auto kRehearsalBudget = std::chrono::seconds(30);     // wall clock per rehearsal
inline constexpr std::size_t kMaxStudioScriptBytes = 256 * 1024;
inline constexpr std::size_t kMaxRehearsalAnswers = 50;

class ScriptStudio {
 public:
  ScriptStudio(std::string interviews_dir, store::Store& store, script::Catalog& catalog, plugin::Registry& plugins);

  // {source} -> {ok, id, title, version, problems: [{line, message}]}
  Result<nlohmann::json> validate(const nlohmann::json& body);
  // {source, answers: [text | {text, code}], setup?} -> {ok, status, error, problems, questions,
  //  transcript, report}
  Result<nlohmann::json> rehearse(const nlohmann::json& body);
  // {id, source} -> {id, version, title, previousVersion, publishedAt}; kInvalidArgument with
  // the problems (as validate gives them) when the script is not ready.
  Result<nlohmann::json> publish(const nlohmann::json& body, int64_t actor, int64_t now_ms);
  // {formats: [{id, title, kind, version, origin: bundled|coach, publishedBy, publishedAt}]}
  Result<nlohmann::json> list();
  // {id, title, version, source, meta, origin, history: [{version, publishedBy, publishedAt}]}
  Result<nlohmann::json> get(const std::string& id);

 private:
  Result<std::unique_ptr<tools::Workbench>> open_bench();
  Result<std::string> source_of(const nlohmann::json& body) const;

  std::string interviews_dir_;
  store::Store& store_;
  script::Catalog& catalog_;
  plugin::Registry& plugins_;
  std::counting_semaphore<kStudioRuns> runs_{kStudioRuns};
};

}  // namespace mockroom::authoring
