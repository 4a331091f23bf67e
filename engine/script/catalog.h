// Catalog: the interview content an engine serves — format scripts (current version of
// each), rubrics and question banks — loaded from the interviews/ folder at start-up, then
// changed by coaches while the engine runs (a published format version, a rubric edit, a
// question written in the console). Each format version is saved to the store, so a session
// can always be replayed with the script it began with.
//
// Thread-safe. Pointers it hands out stay valid for the catalog's lifetime: an entry that
// is replaced is kept (unused) rather than freed, so a session or a report being made
// keeps reading what it was given.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <shared_mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "script/format.h"
#include "store/store.h"
#include "util/result.h"

namespace mockroom::script {

struct FormatEntry {
  store::FormatRecord record;
  nlohmann::json meta;
};

class Catalog {
 public:
  // Loads interviews/lib/*.lua (the prelude), interviews/*.lua, interviews/rubrics/*.json
  // and interviews/banks/*.json from
  // `dir`, saving formats and seeding questions into `store`. A broken format or bank
  // is a start-up error naming the file and what is wrong.
  void load(const std::string& dir, store::Store& store);

  // Inspects a format script against the prelude and the rubrics, saves its version to
  // `store` and makes it the current version of its id.
  Result<const FormatEntry*> add_format(const std::string& source, const std::string& chunk_name,
                                        store::Store& store);
  // Makes a version already in `store` the current one of its id (a coach's publication).
  Result<const FormatEntry*> use_version(const std::string& id, const std::string& version, store::Store& store);
  // Replaces (or adds) rubric `id`; the caller has validated it.
  void set_rubric(const std::string& id, nlohmann::json rubric);
  std::vector<std::string> rubric_ids() const;
  // The scoring reference of a question a coach added or changed (see scoring_reference()).
  void set_question(const store::QuestionRecord& question);

  const FormatEntry* format(const std::string& id) const;
  std::vector<const FormatEntry*> formats() const;
  const nlohmann::json* rubric(const std::string& id) const;
  // What the scorer judges a bundled bank question against, kept in memory so that
  // scoring (on a low-priority thread) never waits on the store for it:
  // {referencePoints?, synonyms?, referenceAnswer?, complexity?, kind, competency, bank};
  // null for a question the bundled banks do not hold.
  const nlohmann::json* scoring_reference(const std::string& question_id) const;
  // Up to `limit` other bundled questions of the same bank, kind and competency as
  // `question_id`, not in `exclude`: {id, text}, in id order.
  std::vector<nlohmann::json> related_questions(const std::string& question_id, std::size_t limit,
                                                const std::set<std::string>& exclude) const;
  // The shared prelude every format runs on top of (fixed after load()).
  const Libs& libs() const { return libs_; }

 private:
  void load_coach_content(store::Store& store);
  // Keeps a replaced entry alive (see the class comment). Caller holds mu_ exclusively.
  template <typename T>
  void retire(std::shared_ptr<const T> old) {
    if (old) retired_.push_back(std::move(old));
  }

  Libs libs_;
  mutable std::shared_mutex mu_;
  std::map<std::string, std::shared_ptr<const FormatEntry>> formats_;
  std::map<std::string, std::shared_ptr<const nlohmann::json>> rubrics_;
  // bank question id -> scoring_reference()
  std::map<std::string, std::shared_ptr<const nlohmann::json>> references_;
  std::vector<std::shared_ptr<const void>> retired_;
};

// Parses one bank file ({"bank", "questions":[...]}) into records, validating each entry.
Result<std::vector<store::QuestionRecord>> parse_bank(const nlohmann::json& bank,
                                                      const std::string& file);

}  // namespace mockroom::script
