#include "script/catalog.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <set>
#include <stdexcept>

#include "script/format.h"
#include "script/knowledge.h"
#include "store/authoring_store.h"

namespace mockroom::script {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> files_with(const fs::path& dir, const std::string& ext) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file() && e.path().extension() == ext) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> string_list(const json& entry, const char* key, const std::string& where) {
  if (!entry.contains(key)) return {};
  const json& v = entry[key];
  if (!v.is_array() || !std::all_of(v.begin(), v.end(), [](const json& s) { return s.is_string(); })) {
    throw std::invalid_argument(where + ": '" + key + "' must be a list of strings");
  }
  return v.get<std::vector<std::string>>();
}

// A coding problem must carry what the candidate sees and what the runner judges with.
void check_coding_problem(const json& q, const std::string& where) {
  for (const char* key : {"title", "statement"}) {
    if (!q.contains(key) || !q[key].is_string()) {
      throw std::invalid_argument(where + ": a coding problem needs '" + key + "' text");
    }
  }
  if (!q.contains("starter") || !q["starter"].is_object()) {
    throw std::invalid_argument(where + ": 'starter' must map languages to starter code");
  }
  if (!q.contains("tests") || !q["tests"].is_array() || q["tests"].empty()) {
    throw std::invalid_argument(where + ": a coding problem needs hidden 'tests'");
  }
  for (const auto& t : q["tests"]) {
    if (!t.is_object() || !t.contains("input") || !t["input"].is_string() || !t.contains("output") ||
        !t["output"].is_string()) {
      throw std::invalid_argument(where + ": each test needs 'input' and 'output' text");
    }
  }
}

}  // namespace

Result<std::vector<store::QuestionRecord>> parse_bank(const json& bank, const std::string& file) {
  if (!bank.is_object() || !bank.contains("questions") || !bank["questions"].is_array()) {
    return invalid(file + ": a bank is an object with a 'questions' list");
  }
  std::string bank_name = bank.value("bank", fs::path(file).stem().string());
  std::vector<store::QuestionRecord> out;
  try {
    for (std::size_t i = 0; i < bank["questions"].size(); ++i) {
      const json& q = bank["questions"][i];
      std::string where = file + ": questions[" + std::to_string(i) + "]";
      if (!q.is_object()) throw std::invalid_argument(where + " is not an object");
      for (const char* key : {"id", "kind", "text"}) {
        if (!q.contains(key) || !q[key].is_string() || q[key].get<std::string>().empty()) {
          throw std::invalid_argument(where + ": '" + key + "' must be a non-empty string");
        }
      }
      store::QuestionRecord r;
      r.id = q["id"].get<std::string>();
      r.bank = bank_name;
      r.kind = q["kind"].get<std::string>();
      r.text = q["text"].get<std::string>();
      r.competency = q.value("competency", "");
      r.difficulty = q.value("difficulty", "");
      r.industries = string_list(q, "industries", where);
      r.levels = string_list(q, "levels", where);
      r.tags = string_list(q, "tags", where);
      string_list(q, "concepts", where);
      string_list(q, "hints", where);
      string_list(q, "referencePoints", where);
      if (r.kind == "coding") check_coding_problem(q, where);
      json data = q;
      if (r.kind == "coding") {  // hidden tests and the reference stay out of scripts' reach
        r.hidden_json = json{{"tests", data["tests"]}, {"reference", data.value("reference", json(nullptr))}}.dump();
        data.erase("tests");
        data.erase("reference");
      }
      r.data_json = data.dump();
      out.push_back(std::move(r));
    }
  } catch (const std::exception& e) {
    return invalid(e.what());
  }
  return out;
}

namespace {

// The scorer-only fields of a bank question (see scoring_reference()).
json reference_of(const store::QuestionRecord& q) {
  json data = json::parse(q.data_json, nullptr, false);
  json out = {{"kind", q.kind}, {"competency", q.competency}, {"bank", q.bank}, {"text", q.text}};
  if (!data.is_object()) return out;
  auto copy_if = [&](const char* from, const char* to, bool (json::*is)() const noexcept) {
    if (data.contains(from) && (data[from].*is)()) out[to] = data[from];
  };
  copy_if("referencePoints", "referencePoints", &json::is_array);
  copy_if("synonyms", "synonyms", &json::is_object);
  // Case studies keep their worked answer in "answer"; any kind may give "referenceAnswer".
  copy_if("answer", "referenceAnswer", &json::is_string);
  copy_if("referenceAnswer", "referenceAnswer", &json::is_string);
  copy_if("complexity", "complexity", &json::is_object);
  return out;
}

}  // namespace

const json* Catalog::scoring_reference(const std::string& question_id) const {
  std::shared_lock lock(mu_);
  auto it = references_.find(question_id);
  return it == references_.end() ? nullptr : it->second.get();
}

void Catalog::set_question(const store::QuestionRecord& question) {
  auto ref = std::make_shared<const json>(reference_of(question));
  std::unique_lock lock(mu_);
  auto& slot = references_[question.id];
  retire(std::move(slot));
  slot = std::move(ref);
}

std::vector<json> Catalog::related_questions(const std::string& question_id, std::size_t limit,
                                            const std::set<std::string>& exclude) const {
  std::vector<json> out;
  std::shared_lock lock(mu_);
  auto found = references_.find(question_id);
  if (found == references_.end()) return out;
  const json& ref = *found->second;
  for (const auto& [id, other_ptr] : references_) {
    if (out.size() >= limit) break;
    if (id == question_id || exclude.count(id)) continue;
    const json& other = *other_ptr;
    if (other["bank"] == ref["bank"] && other["kind"] == ref["kind"] && other["competency"] == ref["competency"])
      out.push_back({{"id", id}, {"text", other["text"]}});
  }
  return out;
}

void Catalog::load(const std::string& dir, store::Store& store) {
  const fs::path root(dir);
  if (!fs::is_directory(root)) throw std::runtime_error("interviews folder not found: " + dir);

  for (const auto& p : files_with(root / "rubrics", ".json")) {
    auto parsed = json::parse(read_file(p), nullptr, false);
    if (!parsed.is_object()) throw std::runtime_error(p.string() + ": not a JSON object");
    set_rubric(p.stem().string(), std::move(parsed));
  }

  for (const auto& p : files_with(root / "lib", ".lua")) {
    libs_.push_back({"@interviews/lib/" + p.filename().string(), read_file(p)});
  }

  std::size_t seeded = 0;
  std::map<std::string, std::string> bank_of;  // question id -> file, to refuse duplicates
  for (const auto& p : files_with(root / "banks", ".json")) {
    auto parsed = json::parse(read_file(p), nullptr, false);
    if (parsed.is_discarded()) throw std::runtime_error(p.string() + ": invalid JSON");
    std::string file = "interviews/banks/" + p.filename().string();
    auto questions = parse_bank(parsed, file);
    if (!questions.ok()) throw std::runtime_error(questions.error().message);
    for (const auto& q : *questions) {
      auto [it, fresh] = bank_of.emplace(q.id, file);
      if (!fresh) throw std::runtime_error(file + ": question id '" + q.id + "' is also in " + it->second);
      set_question(q);
    }
    if (auto st = store.upsert_questions(*questions); !st.ok()) {
      throw std::runtime_error(st.error().message);
    }
    seeded += questions->size();
  }

  std::set<std::string> ids;
  for (const auto& p : files_with(root, ".lua")) {
    std::string chunk = "@interviews/" + p.filename().string();
    auto added = add_format(read_file(p), chunk, store);
    if (!added.ok()) throw std::runtime_error("cannot load format: " + added.error().message);
    if (!ids.insert((*added)->record.id).second) {
      throw std::runtime_error(chunk.substr(1) + ": duplicate format id " + (*added)->record.id);
    }
  }
  load_coach_content(store);
  std::size_t knowledge = load_knowledge(
      dir, store, [&](const std::string& id) { return format(id) != nullptr; },
      [&](const std::string& id) { return scoring_reference(id) != nullptr; });
  spdlog::info("catalog: {} formats, {} rubrics, {} bank questions, {} knowledge entries", formats().size(),
               rubric_ids().size(), seeded, knowledge);
}

void Catalog::load_coach_content(store::Store& store) {
  // What coaches changed in the console wins over the files: their questions' references,
  // their latest rubric versions and the format versions they published.
  auto questions = store.authoring().coach_questions();
  if (!questions.ok()) throw std::runtime_error(questions.error().message);
  for (const auto& q : *questions) set_question(q);
  auto rubrics = store.authoring().latest_rubrics();
  if (!rubrics.ok()) throw std::runtime_error(rubrics.error().message);
  for (const auto& r : *rubrics) {
    json parsed = json::parse(r.rubric_json, nullptr, false);
    if (parsed.is_object()) set_rubric(r.id, std::move(parsed));
  }
  auto published = store.authoring().latest_publications();
  if (!published.ok()) throw std::runtime_error(published.error().message);
  for (const auto& p : *published) {
    if (auto used = use_version(p.format_id, p.version, store); !used.ok()) {
      spdlog::error("format {}: the published version {} cannot be used: {}", p.format_id, p.version,
                    used.error().message);
    }
  }
  if (!questions->empty() || !rubrics->empty() || !published->empty()) {
    spdlog::info("catalog: coaches' {} questions, {} rubrics and {} published formats", questions->size(),
                 rubrics->size(), published->size());
  }
}

Result<const FormatEntry*> Catalog::add_format(const std::string& source,
                                               const std::string& chunk_name, store::Store& store) {
  auto rec = inspect_format(source, chunk_name, libs_);
  if (!rec.ok()) return rec.error();
  rec->created_at = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::system_clock::now().time_since_epoch()).count();
  json meta = json::parse(rec->meta_json);
  std::string rubric_id = meta["rubric"].get<std::string>();
  if (!rubric(rubric_id)) {
    return invalid(chunk_name.substr(1) + ": rubric '" + rubric_id + "' not found in interviews/rubrics/");
  }
  if (auto st = store.save_format(*rec); !st.ok()) return st.error();
  auto entry = std::make_shared<const FormatEntry>(FormatEntry{std::move(rec.value()), std::move(meta)});
  std::unique_lock lock(mu_);
  auto& slot = formats_[entry->record.id];
  retire(std::move(slot));
  slot = std::move(entry);
  return slot.get();
}

Result<const FormatEntry*> Catalog::use_version(const std::string& id, const std::string& version,
                                                store::Store& store) {
  auto rec = store.find_format(id, version);
  if (!rec.ok()) return rec.error();
  json meta = json::parse(rec->meta_json, nullptr, false);
  if (!meta.is_object()) return internal("format " + id + " version " + version + " has unreadable metadata");
  auto entry = std::make_shared<const FormatEntry>(FormatEntry{std::move(rec.value()), std::move(meta)});
  std::unique_lock lock(mu_);
  auto& slot = formats_[id];
  retire(std::move(slot));
  slot = std::move(entry);
  return slot.get();
}

const FormatEntry* Catalog::format(const std::string& id) const {
  std::shared_lock lock(mu_);
  auto it = formats_.find(id);
  return it == formats_.end() ? nullptr : it->second.get();
}

std::vector<const FormatEntry*> Catalog::formats() const {
  std::shared_lock lock(mu_);
  std::vector<const FormatEntry*> out;
  for (const auto& [id, f] : formats_) out.push_back(f.get());
  return out;
}

const json* Catalog::rubric(const std::string& id) const {
  std::shared_lock lock(mu_);
  auto it = rubrics_.find(id);
  return it == rubrics_.end() ? nullptr : it->second.get();
}

void Catalog::set_rubric(const std::string& id, json rubric) {
  auto entry = std::make_shared<const json>(std::move(rubric));
  std::unique_lock lock(mu_);
  auto& slot = rubrics_[id];
  retire(std::move(slot));
  slot = std::move(entry);
}

std::vector<std::string> Catalog::rubric_ids() const {
  std::shared_lock lock(mu_);
  std::vector<std::string> out;
  for (const auto& [id, r] : rubrics_) out.push_back(id);
  return out;
}

}  // namespace mockroom::script
