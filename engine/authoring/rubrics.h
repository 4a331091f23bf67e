// Rubric editing: coaches change a rubric's categories, weights and level descriptions (or
// make a new one); each save is a new version kept in the store, which the catalog uses from
// then on (reports made afterwards score by it; sessions keep their script version, not
// their rubric). A rubric is saved only when it passes check_rubric and the active scorer
// accepts it on a sample answer, so a report can never fail on it.
// Thread-safe.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "plugin/registry.h"
#include "script/catalog.h"
#include "store/store.h"

namespace mockroom::authoring {

inline constexpr std::size_t kMaxRubricBytes = 64 * 1024;

// The report's four categories, each named once; an assessed one with a whole-number weight
// (the assessed weights sum to 100), signals and the three level descriptions; one not
// assessed with weight 0; hire thresholds strongHire > hire > leanNoHire. The error names the
// field: "categories[1].weight: ...".
Status check_rubric(const nlohmann::json& rubric);

class RubricEditor {
 public:
  RubricEditor(store::Store& store, script::Catalog& catalog, const plugin::Registry& plugins);

  // {rubrics: [{id, title, origin: bundled|coach, version, updatedAt, formats}]}
  Result<nlohmann::json> list();
  // {id, origin, rubric, history: [{version, createdBy, createdAt}]}
  Result<nlohmann::json> get(const std::string& id);
  // {rubric} -> {id, version, rubric}: a new version of `id` (or a new rubric).
  Result<nlohmann::json> save(const std::string& id, const nlohmann::json& body, int64_t actor, int64_t now_ms);

 private:
  store::Store& store_;
  script::Catalog& catalog_;
  const plugin::Registry& plugins_;
};

}  // namespace mockroom::authoring
