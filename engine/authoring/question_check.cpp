#include "authoring/question_check.h"

#include <regex>
#include <set>

#include "script/catalog.h"

namespace mockroom::authoring {

using nlohmann::json;

namespace {

const std::regex kQuestionId("^[a-z0-9][a-z0-9_-]{0,79}$");
const std::regex kBankName("^[a-z0-9][a-z0-9_-]{0,39}$");
const std::set<std::string> kKinds = {"behavioral", "technical", "coding", "system_design", "case_study"};
const std::set<std::string> kDifficulties = {"easy", "medium", "hard"};
const std::set<std::string> kLevels = {"entry", "mid", "senior", "staff"};
const std::set<std::string> kFields = {
    "id",        "kind",      "competency", "industries", "levels",   "difficulty",     "text",
    "concepts",  "hints",     "referencePoints", "tags",  "synonyms", "facts",          "answer",
    "requirements", "phases", "title",      "statement",  "examples", "starter",        "tests",
    "reference", "complexity", "followups", "referenceAnswer"};

std::size_t chars(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

Result<store::QuestionRecord> check_question(const json& entry, const std::string& bank) {
  if (!entry.is_object()) return invalid("a question is a JSON object");
  if (!std::regex_match(bank, kBankName)) return invalid("'bank' uses a-z, 0-9, '_' and '-' (at most 40 characters)");
  for (const auto& [key, value] : entry.items()) {
    if (!kFields.count(key)) return invalid("unknown field '" + key + "'");
  }
  if (entry.dump().size() > kMaxQuestionBytes) return invalid("the question is larger than 1 MiB");
  if (!entry.contains("id") || !entry["id"].is_string() || !std::regex_match(entry["id"].get<std::string>(), kQuestionId)) {
    return invalid("'id' uses a-z, 0-9, '_' and '-' (at most 80 characters)");
  }
  if (!entry.contains("kind") || !entry["kind"].is_string() || !kKinds.count(entry["kind"].get<std::string>())) {
    return invalid("'kind' must be behavioral, technical, coding, system_design or case_study");
  }
  if (entry.contains("text") && entry["text"].is_string() && chars(entry["text"].get<std::string>()) > kMaxQuestionTextChars) {
    return invalid("'text' is longer than " + std::to_string(kMaxQuestionTextChars) + " characters");
  }
  if (entry.contains("difficulty") &&
      (!entry["difficulty"].is_string() || !kDifficulties.count(entry["difficulty"].get<std::string>()))) {
    return invalid("'difficulty' must be easy, medium or hard");
  }
  if (entry.contains("levels") && entry["levels"].is_array()) {
    for (const auto& l : entry["levels"]) {
      if (!l.is_string() || !kLevels.count(l.get<std::string>())) return invalid("'levels' may hold entry, mid, senior and staff");
    }
  }
  if (entry.contains("competency") && (!entry["competency"].is_string() || entry["competency"].get<std::string>().size() > 80)) {
    return invalid("'competency' is text of at most 80 characters");
  }
  if (entry["kind"] == "coding" && (!entry.contains("reference") || !entry["reference"].is_object())) {
    return invalid("a coding problem needs a 'reference' solution {language, source}, run against its tests before saving");
  }
  // The bank loader's own checks (types of every list, a coding problem's parts).
  auto records = script::parse_bank({{"bank", bank}, {"questions", json::array({entry})}}, "question");
  if (!records.ok()) {
    std::string message = records.error().message;
    const std::string prefix = "question: questions[0]: ";
    if (message.rfind(prefix, 0) == 0) message = message.substr(prefix.size());
    return invalid(message);
  }
  return std::move(records->front());
}

json entry_of(const store::QuestionRecord& record) {
  json entry = json::parse(record.data_json, nullptr, false);
  if (!entry.is_object()) entry = json::object();
  json hidden = json::parse(record.hidden_json, nullptr, false);
  if (hidden.is_object()) {
    if (hidden.contains("tests")) entry["tests"] = hidden["tests"];
    if (hidden.contains("reference") && !hidden["reference"].is_null()) entry["reference"] = hidden["reference"];
  }
  return entry;
}

}  // namespace mockroom::authoring
