#include "script/knowledge.h"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace mockroom::script {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string text_field(const json& e, const char* key, std::size_t max, const std::string& where) {
  if (!e.contains(key) || !e[key].is_string() || e[key].get<std::string>().empty()) {
    throw std::invalid_argument(where + ": '" + key + "' must be a non-empty string");
  }
  std::string s = e[key].get<std::string>();
  if (s.size() > max) {
    throw std::invalid_argument(where + ": '" + key + "' is longer than " + std::to_string(max) + " characters");
  }
  return s;
}

std::vector<std::string> list_field(const json& e, const char* key, const std::string& where) {
  if (!e.contains(key)) return {};
  const json& v = e[key];
  if (!v.is_array() || v.size() > kMaxKnowledgeListItems ||
      !std::all_of(v.begin(), v.end(), [](const json& s) { return s.is_string() && !s.get<std::string>().empty(); })) {
    throw std::invalid_argument(where + ": '" + key + "' must be a list of at most " +
                                std::to_string(kMaxKnowledgeListItems) + " non-empty strings");
  }
  return v.get<std::vector<std::string>>();
}

bool is_id(const std::string& id) {
  return std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '-' || c == '_';
  });
}

}  // namespace

Result<std::vector<store::KnowledgeEntry>> parse_knowledge(const json& file_json, const std::string& file) {
  if (!file_json.is_object() || !file_json.contains("entries") || !file_json["entries"].is_array()) {
    return invalid(file + ": a knowledge file is an object with an 'entries' list");
  }
  static const std::set<std::string> kKeys = {"id", "kind", "title", "text", "formats", "companies", "questions", "tags"};
  std::vector<store::KnowledgeEntry> out;
  try {
    const json& entries = file_json["entries"];
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const json& e = entries[i];
      std::string where = file + ": entries[" + std::to_string(i) + "]";
      if (!e.is_object()) throw std::invalid_argument(where + " is not an object");
      for (const auto& [key, value] : e.items()) {
        if (!kKeys.count(key)) throw std::invalid_argument(where + ": unknown key '" + key + "'");
      }
      store::KnowledgeEntry k;
      k.id = text_field(e, "id", kMaxKnowledgeIdChars, where);
      if (!is_id(k.id)) throw std::invalid_argument(where + ": 'id' may hold only a-z, 0-9, '-' and '_'");
      where = file + ": entry '" + k.id + "'";
      k.kind = text_field(e, "kind", 40, where);
      if (std::find(std::begin(kKnowledgeKinds), std::end(kKnowledgeKinds), k.kind) == std::end(kKnowledgeKinds)) {
        throw std::invalid_argument(where + ": 'kind' must be style_guide, alternative_solution, company_values "
                                    "or rubric_note, not '" + k.kind + "'");
      }
      k.title = text_field(e, "title", kMaxKnowledgeTitleChars, where);
      k.text = text_field(e, "text", kMaxKnowledgeBodyChars, where);
      k.formats = list_field(e, "formats", where);
      k.companies = list_field(e, "companies", where);
      k.questions = list_field(e, "questions", where);
      k.tags = list_field(e, "tags", where);
      out.push_back(std::move(k));
    }
  } catch (const std::exception& e) {
    return invalid(e.what());
  }
  return out;
}

std::size_t load_knowledge(const std::string& interviews_dir, store::Store& store,
                           const std::function<bool(const std::string&)>& is_format,
                           const std::function<bool(const std::string&)>& is_question) {
  std::vector<store::KnowledgeEntry> all;
  std::map<std::string, std::string> file_of;  // entry id -> file, to refuse duplicates
  const fs::path dir = fs::path(interviews_dir) / "knowledge";
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& p : files) {
    std::string file = "interviews/knowledge/" + p.filename().string();
    std::ifstream in(p, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = json::parse(text.str(), nullptr, false);
    if (parsed.is_discarded()) throw std::runtime_error(file + ": invalid JSON");
    auto entries = parse_knowledge(parsed, file);
    if (!entries.ok()) throw std::runtime_error(entries.error().message);
    for (auto& e : *entries) {
      std::string where = file + ": entry '" + e.id + "'";
      if (auto [it, fresh] = file_of.emplace(e.id, file); !fresh) {
        throw std::runtime_error(where + ": the id is also used in " + it->second);
      }
      for (const auto& f : e.formats) {
        if (!is_format(f)) throw std::runtime_error(where + ": no format has the id '" + f + "'");
      }
      for (const auto& q : e.questions) {
        if (!is_question(q)) throw std::runtime_error(where + ": no bank question has the id '" + q + "'");
      }
      all.push_back(std::move(e));
    }
  }
  if (auto st = store.replace_knowledge("bundled", all); !st.ok()) throw std::runtime_error(st.error().message);
  return all.size();
}

Status check_prompt(std::string_view name, const std::string& text) {
  if (std::find(std::begin(kPromptNames), std::end(kPromptNames), name) == std::end(kPromptNames)) {
    return invalid("unknown prompt '" + std::string(name) + "': the prompts are persona, followup and acknowledge");
  }
  if (text.empty()) return invalid("prompt '" + std::string(name) + "' is empty");
  if (text.size() > kMaxPromptBytes) {
    return invalid("prompt '" + std::string(name) + "' is larger than " + std::to_string(kMaxPromptBytes) + " bytes");
  }
  kainjow::mustache::mustache tmpl{text};
  if (!tmpl.is_valid()) {
    return invalid("prompt '" + std::string(name) + "' is not valid Mustache: " + tmpl.error_message());
  }
  return {};
}

}  // namespace mockroom::script
