#include "authoring/question_io.h"

#include <algorithm>
#include <map>

#include "util/csv.h"

namespace mockroom::authoring {

using nlohmann::json;

namespace {

constexpr const char* kColumns[] = {"bank",  "id",       "kind",  "competency", "difficulty",      "levels", "industries",
                                    "tags",  "text",     "concepts", "hints",   "referencePoints", "extra"};
constexpr const char* kListColumns[] = {"levels", "industries", "tags", "concepts", "hints", "referencePoints"};
constexpr char kListSeparator = '|';

bool is_list_column(const std::string& name) {
  return std::any_of(std::begin(kListColumns), std::end(kListColumns), [&](const char* c) { return name == c; });
}

std::string trim(const std::string& s) {
  auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

json split_list(const std::string& cell) {
  json out = json::array();
  std::size_t start = 0;
  while (start <= cell.size()) {
    std::size_t end = cell.find(kListSeparator, start);
    if (end == std::string::npos) end = cell.size();
    std::string item = trim(cell.substr(start, end - start));
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

std::string join_list(const json& list) {
  std::string out;
  if (!list.is_array()) return out;
  for (const auto& item : list) {
    if (!out.empty()) out += kListSeparator;
    out += item.is_string() ? item.get<std::string>() : item.dump();
  }
  return out;
}

void add_questions(const json& questions, const std::string& bank, std::vector<ImportRow>& out) {
  for (const auto& q : questions) out.push_back({static_cast<int>(out.size() + 1), bank, q, ""});
}

}  // namespace

Result<std::vector<ImportRow>> rows_from_json(const json& doc, const std::string& default_bank) {
  std::vector<ImportRow> out;
  if (doc.is_array()) {
    add_questions(doc, default_bank, out);
  } else if (doc.is_object() && doc.contains("banks") && doc["banks"].is_array()) {
    for (const auto& b : doc["banks"]) {
      if (!b.is_object() || !b.contains("questions") || !b["questions"].is_array()) {
        return invalid("each of 'banks' is {\"bank\", \"questions\": [...]}");
      }
      add_questions(b["questions"], b.value("bank", default_bank), out);
    }
  } else if (doc.is_object() && doc.contains("questions") && doc["questions"].is_array()) {
    add_questions(doc["questions"], doc.contains("bank") && doc["bank"].is_string() ? doc["bank"].get<std::string>() : default_bank, out);
  } else {
    return invalid("JSON imports are a bank {\"bank\", \"questions\": [...]}, {\"banks\": [...]} or a list of questions");
  }
  if (out.size() > kMaxImportRows) return invalid("an import holds at most " + std::to_string(kMaxImportRows) + " questions");
  return out;
}

Result<std::vector<ImportRow>> rows_from_csv(std::string_view text, const std::string& default_bank) {
  auto records = csv::parse(text, kMaxImportRows + 1);
  if (!records.ok()) return records.error();
  if (records->empty()) return invalid("the CSV is empty; its first row names the columns");
  std::map<std::size_t, std::string> columns;
  for (std::size_t i = 0; i < records->front().fields.size(); ++i) {
    std::string name = trim(records->front().fields[i]);
    auto known = std::find_if(std::begin(kColumns), std::end(kColumns), [&](const char* c) { return name == c; });
    if (known == std::end(kColumns)) return invalid("unknown CSV column '" + name + "' (header row, column " + std::to_string(i + 1) + ")");
    columns[i] = name;
  }
  for (const char* required : {"id", "kind", "text"}) {
    if (std::none_of(columns.begin(), columns.end(), [&](const auto& c) { return c.second == required; })) {
      return invalid(std::string("the CSV has no '") + required + "' column");
    }
  }
  std::vector<ImportRow> out;
  for (std::size_t r = 1; r < records->size(); ++r) {
    const csv::Record& record = (*records)[r];
    ImportRow row{record.line, default_bank, json::object(), ""};
    if (record.fields.size() != columns.size()) {
      row.error = "has " + std::to_string(record.fields.size()) + " fields; the header names " + std::to_string(columns.size());
      out.push_back(std::move(row));
      continue;
    }
    for (const auto& [index, name] : columns) {
      const std::string& cell = record.fields[index];
      if (name == "bank") {
        if (!trim(cell).empty()) row.bank = trim(cell);
      } else if (name == "extra") {
        if (trim(cell).empty()) continue;
        json extra = json::parse(cell, nullptr, false);
        if (!extra.is_object()) {
          row.error = "'extra' is not a JSON object";
          break;
        }
        for (const auto& [key, value] : extra.items()) {
          if (!row.entry.contains(key)) row.entry[key] = value;
        }
      } else if (is_list_column(name)) {
        row.entry[name] = split_list(cell);
      } else if (!trim(cell).empty()) {
        row.entry[name] = trim(cell);
      }
    }
    out.push_back(std::move(row));
  }
  if (out.size() > kMaxImportRows) return invalid("an import holds at most " + std::to_string(kMaxImportRows) + " questions");
  return out;
}

std::string csv_header() {
  return csv::row(std::vector<std::string>(std::begin(kColumns), std::end(kColumns)));
}

std::string csv_line(const std::string& bank, const json& entry) {
  std::vector<std::string> fields;
  json extra = json::object();
  for (const auto& [key, value] : entry.items()) {
    bool is_column = std::any_of(std::begin(kColumns), std::end(kColumns), [&](const char* c) { return key == c; });
    if (!is_column) extra[key] = value;
  }
  for (const char* column : kColumns) {
    std::string name = column;
    if (name == "bank") fields.push_back(bank);
    else if (name == "extra") fields.push_back(extra.empty() ? "" : extra.dump());
    else if (is_list_column(name)) fields.push_back(join_list(entry.value(name, json::array())));
    else fields.push_back(entry.contains(name) && entry[name].is_string() ? entry[name].get<std::string>() : "");
  }
  return csv::row(fields);
}

}  // namespace mockroom::authoring
