#include "authoring/question_bank.h"

#include <map>
#include <set>

#include "authoring/question_check.h"
#include "authoring/question_io.h"

namespace mockroom::authoring {

using nlohmann::json;

namespace {

constexpr const char* kDefaultImportBank = "coach";

json summary_of(const store::AuthoredQuestion& a) {
  const store::QuestionRecord& q = a.question;
  json data = json::parse(q.data_json, nullptr, false);
  json out = {{"id", q.id},           {"bank", q.bank},       {"kind", q.kind},
              {"text", q.text},       {"competency", q.competency}, {"difficulty", q.difficulty},
              {"levels", q.levels},   {"industries", q.industries}, {"tags", q.tags},
              {"origin", a.origin},   {"retired", a.retired},
              {"updatedBy", a.updated_by ? json(a.updated_by) : json(nullptr)},
              {"updatedAt", a.updated_at ? json(a.updated_at) : json(nullptr)}};
  if (data.is_object() && data.contains("title")) out["title"] = data["title"];
  return out;
}

json detail_of(const store::AuthoredQuestion& a) {
  json out = summary_of(a);
  out["question"] = entry_of(a.question);
  return out;
}

Result<std::string> bank_of(const json& body, const std::string& fallback) {
  if (!body.contains("bank")) {
    if (fallback.empty()) return invalid("missing field 'bank'");
    return fallback;
  }
  if (!body["bank"].is_string()) return invalid("field 'bank' must be a string");
  return body["bank"].get<std::string>();
}

Status only_fields(const json& body, std::initializer_list<const char*> allowed) {
  if (!body.is_object()) return invalid("the body must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) {
      return invalid("unknown field '" + key + "'");
    }
  }
  return {};
}

}  // namespace

QuestionBank::QuestionBank(store::Store& store, script::Catalog& catalog, session::CodeService& code)
    : store_(store), catalog_(catalog), code_(code) {}

Result<json> QuestionBank::list(const store::BankQuery& query) {
  auto page = store_.authoring().list_bank(query);
  if (!page.ok()) return page.error();
  auto banks = store_.authoring().bank_names();
  if (!banks.ok()) return banks.error();
  json rows = json::array();
  for (const auto& a : page->rows) rows.push_back(summary_of(a));
  return json{{"questions", rows}, {"total", page->total}, {"banks", *banks}};
}

Result<json> QuestionBank::get(const std::string& id) {
  auto found = store_.authoring().find_authored(id);
  if (!found.ok()) return found.error();
  return detail_of(*found);
}

Result<store::QuestionRecord> QuestionBank::checked(const json& entry, const std::string& bank, json& report) {
  auto record = check_question(entry, bank);
  if (!record.ok()) return record.error();
  if (record->kind != "coding") return record;
  json hidden = json::parse(record->hidden_json, nullptr, false);
  auto ran = code_.check_reference(hidden.value("reference", json(nullptr)), hidden.value("tests", json::array()));
  if (!ran.ok()) {
    if (ran.error().code == ErrorCode::kInvalidArgument) return ran.error();
    return unavailable("the reference solution could not be run to check the tests: " + ran.error().message);
  }
  report = *ran;
  if (!ran->value("compileOutput", "").empty()) {
    return invalid("the reference solution does not compile: " + ran->value("compileOutput", "").substr(0, 300));
  }
  if ((*ran)["passed"] != (*ran)["total"]) {
    std::string failing;
    for (const auto& t : (*ran)["tests"]) {
      if (t.value("passed", false)) continue;
      if (!failing.empty()) failing += ", ";
      failing += "test " + std::to_string(t.value("index", 0)) + " (" + t["status"].value("description", "failed") + ")";
    }
    return invalid("the reference solution fails " + failing + ": fix the tests or the solution");
  }
  return record;
}

Result<json> QuestionBank::save(const store::QuestionRecord& record, int64_t actor, int64_t now_ms) {
  if (auto st = store_.authoring().save_authored({record}, actor, now_ms); !st.ok()) return st.error();
  catalog_.set_question(record);
  return get(record.id);
}

Result<json> QuestionBank::create(const json& body, int64_t actor, int64_t now_ms) {
  if (auto st = only_fields(body, {"bank", "question"}); !st.ok()) return st.error();
  auto bank = bank_of(body, "");
  if (!bank.ok()) return bank.error();
  const json entry = body.value("question", json(nullptr));
  if (entry.is_object() && entry.contains("id") && entry["id"].is_string() &&
      store_.authoring().find_authored(entry["id"].get<std::string>()).ok()) {
    return conflict("a question with id '" + entry["id"].get<std::string>() + "' exists; edit it instead");
  }
  json report;
  auto record = checked(entry, *bank, report);
  if (!record.ok()) return record.error();
  return save(*record, actor, now_ms);
}

Result<json> QuestionBank::update(const std::string& id, const json& body, int64_t actor, int64_t now_ms) {
  if (auto st = only_fields(body, {"bank", "question"}); !st.ok()) return st.error();
  auto current = store_.authoring().find_authored(id);
  if (!current.ok()) return current.error();
  auto bank = bank_of(body, current->question.bank);
  if (!bank.ok()) return bank.error();
  json entry = body.value("question", json(nullptr));
  if (entry.is_object() && !entry.contains("id")) entry["id"] = id;
  if (entry.is_object() && entry["id"] != id) return invalid("the question's id cannot change (it is '" + id + "')");
  json report;
  auto record = checked(entry, *bank, report);
  if (!record.ok()) return record.error();
  return save(*record, actor, now_ms);
}

Result<json> QuestionBank::set_retired(const std::string& id, bool retired, int64_t actor, int64_t now_ms) {
  if (auto st = store_.authoring().set_retired(id, retired, actor, now_ms); !st.ok()) return st.error();
  return get(id);
}

Result<json> QuestionBank::import(const json& body, int64_t actor, int64_t now_ms) {
  if (auto st = only_fields(body, {"format", "content", "bank", "commit", "skipInvalid"}); !st.ok()) return st.error();
  std::string format = body.value("format", "");
  if (format != "json" && format != "csv") return invalid("'format' must be json or csv");
  if (!body.contains("content") || !body["content"].is_string()) return invalid("'content' must be the file's text");
  auto bank = bank_of(body, kDefaultImportBank);
  if (!bank.ok()) return bank.error();
  for (const char* flag : {"commit", "skipInvalid"}) {
    if (body.contains(flag) && !body[flag].is_boolean()) return invalid(std::string("'") + flag + "' must be true or false");
  }
  const bool commit = body.value("commit", false), skip_invalid = body.value("skipInvalid", false);
  Result<std::vector<ImportRow>> rows = invalid("");
  if (format == "csv") {
    rows = rows_from_csv(body["content"].get<std::string>(), *bank);
  } else {
    json doc = json::parse(body["content"].get<std::string>(), nullptr, false);
    if (doc.is_discarded()) return invalid("the content is not valid JSON");
    rows = rows_from_json(doc, *bank);
  }
  if (!rows.ok()) return rows.error();

  int coding = 0, invalid_rows = 0, creating = 0, updating = 0;
  std::set<std::string> seen;
  std::vector<store::QuestionRecord> valid;
  json out_rows = json::array();
  for (const ImportRow& row : *rows) {
    json entry = row.entry;
    json out = {{"row", row.row}, {"bank", row.bank},
                {"id", entry.is_object() && entry.contains("id") ? entry["id"] : json(nullptr)},
                {"errors", json::array()}};
    std::string error = row.error;
    if (error.empty() && entry.is_object() && entry.value("kind", "") == "coding" && ++coding > kMaxCodingProblemsPerImport) {
      error = "at most " + std::to_string(kMaxCodingProblemsPerImport) + " coding problems per import";
    }
    if (error.empty() && entry.is_object() && entry.contains("id") && entry["id"].is_string() &&
        !seen.insert(entry["id"].get<std::string>()).second) {
      error = "the id appears twice in this import";
    }
    json report;
    if (error.empty()) {
      auto record = checked(entry, row.bank, report);
      if (record.ok()) valid.push_back(std::move(record.value()));
      else error = record.error().message;
    }
    if (!report.is_null()) out["reference"] = {{"passed", report["passed"]}, {"total", report["total"]}};
    if (!error.empty()) {
      out["action"] = "invalid";
      out["errors"].push_back(error);
      ++invalid_rows;
    } else {
      bool exists = store_.authoring().find_authored(valid.back().id).ok();
      out["action"] = exists ? "update" : "create";
      ++(exists ? updating : creating);
    }
    out_rows.push_back(std::move(out));
  }
  bool save_now = commit && (invalid_rows == 0 || skip_invalid) && !valid.empty();
  if (save_now) {
    if (auto st = store_.authoring().save_authored(valid, actor, now_ms); !st.ok()) return st.error();
    for (const auto& r : valid) catalog_.set_question(r);
  }
  return json{{"committed", save_now},
              {"saved", save_now ? valid.size() : 0},
              {"rows", out_rows},
              {"counts", {{"create", creating}, {"update", updating}, {"invalid", invalid_rows}}}};
}

Result<ExportFile> QuestionBank::export_bank(const std::string& format, const store::BankQuery& query) {
  if (format != "json" && format != "csv") return invalid("'format' must be json or csv");
  store::BankQuery q = query;
  q.limit = store::kMaxBankPage;
  std::map<std::string, json> banks;
  std::string csv = csv_header();
  for (q.offset = 0;; q.offset += store::kMaxBankPage) {
    auto page = store_.authoring().list_bank(q);
    if (!page.ok()) return page.error();
    for (const auto& a : page->rows) {
      json entry = entry_of(a.question);
      if (format == "csv") csv += csv_line(a.question.bank, entry);
      else banks[a.question.bank].push_back(std::move(entry));
    }
    if (page->rows.size() < static_cast<std::size_t>(store::kMaxBankPage)) break;
  }
  if (format == "csv") return ExportFile{"text/csv; charset=utf-8", "questions.csv", std::move(csv)};
  json doc;
  if (banks.size() == 1) {
    doc = {{"bank", banks.begin()->first}, {"questions", banks.begin()->second}};
  } else {
    doc = {{"banks", json::array()}};
    for (auto& [name, questions] : banks) doc["banks"].push_back({{"bank", name}, {"questions", std::move(questions)}});
  }
  return ExportFile{"application/json", "questions.json", doc.dump(2)};
}

}  // namespace mockroom::authoring
