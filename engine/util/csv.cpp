#include "util/csv.h"

#include <csv.h>

#include <algorithm>

namespace mockroom::csv {

namespace {

struct Collector {
  std::vector<Record> records;
  Record current;
  std::size_t max_records = 0;
  bool too_many = false;
  int line = 1;              // the line being fed to the parser
  int next_record_line = 1;  // where the next record begins
  bool record_started = false;
};

void on_field(void* data, std::size_t len, void* collector) {
  auto& c = *static_cast<Collector*>(collector);
  if (!c.record_started) {
    c.record_started = true;
    c.current.line = c.next_record_line;
  }
  c.current.fields.emplace_back(data ? static_cast<const char*>(data) : "", data ? len : 0);
}

void on_record(int, void* collector) {
  auto& c = *static_cast<Collector*>(collector);
  bool blank = c.current.fields.empty() || (c.current.fields.size() == 1 && c.current.fields[0].empty());
  if (!blank) {
    if (c.records.size() >= c.max_records) c.too_many = true;
    else c.records.push_back(std::move(c.current));
  }
  c.current = Record{};
  c.record_started = false;
  c.next_record_line = c.line + 1;  // a record ends with the line break of the line being fed
}

bool needs_quotes(const std::string& field) {
  return field.find_first_of(",\"\r\n") != std::string::npos || (!field.empty() && (field.front() == ' ' || field.back() == ' '));
}

}  // namespace

Result<std::vector<Record>> parse(std::string_view text, std::size_t max_records) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) return internal("cannot start the CSV parser");
  Collector c;
  c.max_records = max_records;
  // Feed line by line so every record knows the line it starts on.
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    end = end == std::string_view::npos ? text.size() : end + 1;
    // libcsv skips blank lines without a record: the next record begins further down.
    std::string_view line = text.substr(at, end - at);
    if (!c.record_started && c.next_record_line == c.line && line.find_first_not_of("\r\n") == std::string_view::npos) {
      ++c.next_record_line;
    }
    std::size_t fed = csv_parse(&parser, text.data() + at, end - at, on_field, on_record, &c);
    if (fed != end - at) {
      std::string why = csv_strerror(csv_error(&parser));
      csv_free(&parser);
      return invalid("CSV line " + std::to_string(c.line) + ": " + why);
    }
    ++c.line;
    at = end;
    if (c.too_many) break;
  }
  if (!c.too_many && csv_fini(&parser, on_field, on_record, &c) != 0) {
    std::string why = csv_strerror(csv_error(&parser));
    csv_free(&parser);
    return invalid("CSV ends inside a quoted field (" + why + ")");
  }
  csv_free(&parser);
  if (c.too_many) return invalid("more than " + std::to_string(max_records) + " rows");
  return std::move(c.records);
}

std::string row(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    const std::string& f = fields[i];
    if (!needs_quotes(f)) {
      out += f;
      continue;
    }
    std::string quoted(f.size() * 2 + 2, '\0');
    quoted.resize(csv_write(quoted.data(), quoted.size(), f.data(), f.size()));
    out += quoted;
  }
  out += "\r\n";
  return out;
}

}  // namespace mockroom::csv
