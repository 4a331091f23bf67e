// Catalog: the interview content an engine serves — format scripts (current version of
// each), rubrics and question banks — loaded from the interviews/ folder at start-up.
// Each format version is saved to the store, so a session can always be replayed with
// the script it began with. Read-only after load(); safe to share between threads.
#pragma once

#include <map>
#include <set>
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
  // `store` and makes it the current version of its id. Not thread-safe: for start-up and
  // for tools that own their catalog.
  Result<const FormatEntry*> add_format(const std::string& source, const std::string& chunk_name,
                                        store::Store& store);

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
  // The shared prelude every format runs on top of.
  const Libs& libs() const { return libs_; }

 private:
  Libs libs_;
  std::map<std::string, FormatEntry> formats_;
  std::map<std::string, nlohmann::json> rubrics_;
  std::map<std::string, nlohmann::json> references_;  // bank question id -> scoring_reference()
};

// Parses one bank file ({"bank", "questions":[...]}) into records, validating each entry.
Result<std::vector<store::QuestionRecord>> parse_bank(const nlohmann::json& bank,
                                                      const std::string& file);

}  // namespace mockroom::script
