// QuestionBank: coaches' work on the question bank: list, search (FTS5) and filter every
// question, create, edit, retire and restore them, and import or export whole banks as JSON
// or CSV with a preview and per-row errors. Every question is checked as a bank entry
// (authoring/question_check.h); a coding problem is saved only once its reference solution
// passes all its hidden tests on the code runner. Saved questions are the coach's: seeding
// the bundled files never overwrites them, and the catalog scores answers with them at once.
// Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "script/catalog.h"
#include "session/code_service.h"
#include "store/authoring_store.h"
#include "store/store.h"

namespace mockroom::authoring {

// Coding problems whose reference is run in one import (each runs every hidden test).
inline constexpr int kMaxCodingProblemsPerImport = 20;

struct ExportFile {
  std::string content_type;
  std::string filename;
  std::string body;
};

class QuestionBank {
 public:
  QuestionBank(store::Store& store, script::Catalog& catalog, session::CodeService& code);

  // {questions: [{id, bank, kind, text, competency, difficulty, levels, industries, tags,
  //   origin, retired, updatedBy, updatedAt}], total, banks}
  Result<nlohmann::json> list(const store::BankQuery& query);
  // {bank, origin, retired, updatedBy, updatedAt, question: the whole entry}
  Result<nlohmann::json> get(const std::string& id);
  // {bank, question} -> the saved question (as get); a conflict if the id is taken.
  Result<nlohmann::json> create(const nlohmann::json& body, int64_t actor, int64_t now_ms);
  // {bank?, question} -> the saved question; not found for an unknown id.
  Result<nlohmann::json> update(const std::string& id, const nlohmann::json& body, int64_t actor, int64_t now_ms);
  Result<nlohmann::json> set_retired(const std::string& id, bool retired, int64_t actor, int64_t now_ms);

  // {format: json|csv, content: "<the file>", bank?: default bank, commit?: false,
  //  skipInvalid?: false} -> {committed, rows: [{row, id, bank, action: create|update|invalid,
  //  errors, reference?}], counts: {create, update, invalid}}. Without commit nothing is
  //  saved (the preview); a commit with invalid rows saves nothing unless skipInvalid.
  Result<nlohmann::json> import(const nlohmann::json& body, int64_t actor, int64_t now_ms);
  // Every question matching `query` as a bank JSON file or a CSV file.
  Result<ExportFile> export_bank(const std::string& format, const store::BankQuery& query);

 private:
  // The record of `entry`, with its reference run when it is a coding problem; `report`
  // gets the runner's per-test result.
  Result<store::QuestionRecord> checked(const nlohmann::json& entry, const std::string& bank, nlohmann::json& report);
  Result<nlohmann::json> save(const store::QuestionRecord& record, int64_t actor, int64_t now_ms);

  store::Store& store_;
  script::Catalog& catalog_;
  session::CodeService& code_;
};

}  // namespace mockroom::authoring
