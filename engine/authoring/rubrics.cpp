#include "authoring/rubrics.h"

#include <array>
#include <cmath>
#include <regex>
#include <set>

#include "report/evaluate.h"
#include "store/authoring_store.h"

namespace mockroom::authoring {

using nlohmann::json;

namespace {

constexpr std::array<const char*, 4> kCategories = {"Communication", "Problem Solving", "Algorithm Reasoning", "Coding"};
const std::set<std::string> kSignals = {"clarity", "structure", "star", "impact", "relevance", "coverage", "depth", "confidence"};
const std::regex kRubricId("^[a-z0-9][a-z0-9_-]{0,63}$");
constexpr double kSignalTolerance = 0.011;  // decimals written by people: 0.33 + 0.33 + 0.34

// A sample the active scorer must be able to score with a new rubric.
const json kTrial = {
    {"question", "Tell me about a time you improved something at work."},
    {"answer", "In my last role our nightly reports were late. I profiled the job, added an index and batched "
               "the writes, and the run time fell from five hours to forty minutes."}};

Status check_category(const json& c, const std::string& at) {
  if (!c.is_object()) return invalid(at + " must be an object");
  if (!c.contains("assessed") || !c["assessed"].is_boolean()) return invalid(at + ".assessed must be true or false");
  if (!c.contains("weight") || !c["weight"].is_number_integer()) return invalid(at + ".weight must be a whole number");
  int weight = c["weight"].get<int>();
  if (!c["assessed"].get<bool>()) {
    if (weight != 0) return invalid(at + ".weight must be 0 for a category not assessed");
    return {};
  }
  if (weight < 1 || weight > 100) return invalid(at + ".weight must be from 1 to 100 for an assessed category");
  if (!c.contains("signals") || !c["signals"].is_object() || c["signals"].empty()) {
    return invalid(at + ".signals must name at least one signal with its weight");
  }
  double sum = 0;
  for (const auto& [name, w] : c["signals"].items()) {
    if (!kSignals.count(name)) return invalid(at + ".signals has unknown signal '" + name + "'");
    if (!w.is_number() || w.get<double>() < 0 || w.get<double>() > 1) return invalid(at + ".signals." + name + " must be from 0 to 1");
    sum += w.get<double>();
  }
  if (std::fabs(sum - 1.0) > kSignalTolerance) return invalid(at + ".signals weights must sum to 1");
  if (!c.contains("levels") || !c["levels"].is_object()) return invalid(at + ".levels must describe strong, meets and below");
  for (const char* level : {"strong", "meets", "below"}) {
    const json& l = c["levels"].value(level, json(nullptr));
    if (!l.is_string() || l.get<std::string>().find_first_not_of(" \t") == std::string::npos) {
      return invalid(at + ".levels." + level + " must describe that level");
    }
    if (l.get<std::string>().size() > 1024) return invalid(at + ".levels." + level + " is longer than 1024 characters");
  }
  return {};
}

}  // namespace

Status check_rubric(const json& rubric) {
  if (!rubric.is_object()) return invalid("a rubric is a JSON object");
  if (rubric.dump().size() > kMaxRubricBytes) return invalid("the rubric is larger than 64 KiB");
  if (!rubric.contains("categories") || !rubric["categories"].is_array()) return invalid("'categories' must be a list");
  std::array<bool, 4> seen{};
  int total = 0;
  for (std::size_t i = 0; i < rubric["categories"].size(); ++i) {
    const json& c = rubric["categories"][i];
    std::string at = "categories[" + std::to_string(i) + "]";
    std::string name = c.is_object() ? c.value("name", "") : "";
    auto it = std::find(kCategories.begin(), kCategories.end(), name);
    if (it == kCategories.end()) {
      return invalid(at + ".name must be Communication, Problem Solving, Algorithm Reasoning or Coding");
    }
    auto index = static_cast<std::size_t>(it - kCategories.begin());
    if (seen[index]) return invalid(at + ": '" + name + "' appears twice");
    seen[index] = true;
    if (auto st = check_category(c, at); !st.ok()) return st;
    total += c["weight"].get<int>();
  }
  for (std::size_t i = 0; i < kCategories.size(); ++i) {
    if (!seen[i]) return invalid(std::string("categories is missing '") + kCategories[i] + "'");
  }
  if (total != 100) return invalid("the weights of the assessed categories sum to " + std::to_string(total) + "%; they must sum to 100%");
  const json& t = rubric.value("hireThresholds", json(nullptr));
  if (!t.is_object()) return invalid("'hireThresholds' must give strongHire, hire and leanNoHire");
  for (const char* key : {"strongHire", "hire", "leanNoHire"}) {
    if (!t.contains(key) || !t[key].is_number_integer() || t[key].get<int>() < 1 || t[key].get<int>() > 100) {
      return invalid(std::string("hireThresholds.") + key + " must be a whole number from 1 to 100");
    }
  }
  if (!(t["strongHire"].get<int>() > t["hire"].get<int>() && t["hire"].get<int>() > t["leanNoHire"].get<int>())) {
    return invalid("hireThresholds must satisfy strongHire > hire > leanNoHire");
  }
  return {};
}

RubricEditor::RubricEditor(store::Store& store, script::Catalog& catalog, const plugin::Registry& plugins)
    : store_(store), catalog_(catalog), plugins_(plugins) {}

Result<json> RubricEditor::list() {
  auto saved = store_.authoring().latest_rubrics();
  if (!saved.ok()) return saved.error();
  std::map<std::string, const store::RubricVersion*> coach;
  for (const auto& r : *saved) coach[r.id] = &r;
  json out = json::array();
  for (const std::string& id : catalog_.rubric_ids()) {
    const json* rubric = catalog_.rubric(id);
    json formats = json::array();
    for (const auto* f : catalog_.formats()) {
      if (f->meta.value("rubric", "") == id) formats.push_back(f->record.id);
    }
    auto c = coach.find(id);
    out.push_back({{"id", id},
                   {"title", rubric ? rubric->value("title", id) : id},
                   {"origin", c == coach.end() ? "bundled" : "coach"},
                   {"version", c == coach.end() ? json(nullptr) : json(c->second->version)},
                   {"updatedAt", c == coach.end() ? json(nullptr) : json(c->second->created_at)},
                   {"formats", formats}});
  }
  return json{{"rubrics", out}};
}

Result<json> RubricEditor::get(const std::string& id) {
  const json* rubric = catalog_.rubric(id);
  if (!rubric) return not_found("no rubric '" + id + "'");
  auto history = store_.authoring().rubric_history(id);
  if (!history.ok()) return history.error();
  json versions = json::array();
  for (const auto& v : *history) {
    versions.push_back({{"version", v.version}, {"createdBy", v.created_by}, {"createdAt", v.created_at}});
  }
  return json{{"id", id}, {"origin", history->empty() ? "bundled" : "coach"}, {"rubric", *rubric}, {"history", versions}};
}

Result<json> RubricEditor::save(const std::string& id, const json& body, int64_t actor, int64_t now_ms) {
  if (!std::regex_match(id, kRubricId)) return invalid("a rubric id uses a-z, 0-9, '_' and '-' (at most 64 characters)");
  if (!body.is_object() || !body.contains("rubric") || body.size() != 1) return invalid("send {\"rubric\": {...}}");
  json rubric = body["rubric"];
  if (auto st = check_rubric(rubric); !st.ok()) return st.error();
  rubric["id"] = id;
  json trial = kTrial;
  trial["rubric"] = rubric;
  if (auto scored = report::evaluate_answer(plugins_, catalog_, trial); !scored.ok()) {
    if (scored.error().code == ErrorCode::kInvalidArgument) return invalid("the scorer refuses this rubric: " + scored.error().message);
    return scored.error();
  }
  auto version = store_.authoring().save_rubric(id, rubric.dump(), actor, now_ms);
  if (!version.ok()) return version.error();
  catalog_.set_rubric(id, rubric);
  return json{{"id", id}, {"version", *version}, {"rubric", rubric}};
}

}  // namespace mockroom::authoring
