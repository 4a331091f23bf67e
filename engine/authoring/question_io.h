// Question banks in and out of the console as JSON and CSV.
//
// JSON: a bank file ({"bank", "questions": [...]}, as in interviews/banks), a list of
// banks ({"banks": [{"bank", "questions"}]}), or a bare list of questions.
// CSV: a header row naming the columns, then a question per row:
//   bank, id, kind, competency, difficulty, levels, industries, tags, text, concepts,
//   hints, referencePoints, extra
// List columns hold items separated by "|"; "extra" is a JSON object with any other field
// of the entry (synonyms, facts, answer, title, statement, starter, tests, reference, ...).
// Only id, kind and text are required columns; a row without a bank goes to the default.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace mockroom::authoring {

inline constexpr std::size_t kMaxImportRows = 2000;

// One question read from an import, before it is checked: where it was, its bank and
// entry, or what made it unreadable.
struct ImportRow {
  int row = 0;          // 1-based: the CSV line, or the question's place in the JSON
  std::string bank;
  nlohmann::json entry;
  std::string error;    // "" when the row could be read
};

// Errors here are about the whole file (not JSON, a missing CSV column, too many rows);
// a bad row is reported in its ImportRow.
Result<std::vector<ImportRow>> rows_from_json(const nlohmann::json& doc, const std::string& default_bank);
Result<std::vector<ImportRow>> rows_from_csv(std::string_view text, const std::string& default_bank);

std::string csv_header();
std::string csv_line(const std::string& bank, const nlohmann::json& entry);

}  // namespace mockroom::authoring
