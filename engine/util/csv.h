// CSV (RFC 4180) reading and writing over libcsv: quoted fields, embedded commas, quotes
// and line breaks. Used by question import/export and the analytics export.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace mockroom::csv {

struct Record {
  int line = 0;  // the line the record starts on, 1-based
  std::vector<std::string> fields;
};

// Parses `text` (UTF-8; a leading byte-order mark is skipped). Fails on malformed quoting
// (naming the line) or past `max_records` records. Blank lines are skipped.
Result<std::vector<Record>> parse(std::string_view text, std::size_t max_records);

// One line: each field quoted where it needs to be, ended by "\r\n".
std::string row(const std::vector<std::string>& fields);

}  // namespace mockroom::csv
