// AuthoringStore: what coaches author beside the bundled files: questions they create,
// edit or retire, rubric versions, and published format versions. Reached through
// Store::authoring(); implementations are thread-safe.
//
// A question a coach saved is theirs from then on ("coach" origin): seeding the bundled
// banks at start-up no longer overwrites it. Retiring keeps the row (sessions that asked it
// still replay and score) but takes it out of picks and searches.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/result.h"

namespace mockroom::store {

inline constexpr int kMaxBankPage = 200;

// A bank row as coaches see it: the question, hidden part included, and who owns it.
struct AuthoredQuestion {
  QuestionRecord question;
  std::string origin = "bundled";  // bundled | coach
  bool retired = false;
  int64_t updated_by = 0;
  int64_t updated_at = 0;  // unix ms; 0 for a bundled question never edited
};

enum class RetiredFilter { kActive, kRetired, kAll };

struct BankQuery {
  std::string text;        // words (FTS5, every word as a prefix); "" = no search
  std::string kind, bank, tag, difficulty, level, origin;  // "" = any
  RetiredFilter retired = RetiredFilter::kActive;
  int limit = 50;          // 1..kMaxBankPage
  int offset = 0;
};

struct BankPage {
  std::vector<AuthoredQuestion> rows;  // by relevance when searching, else by bank and id
  int64_t total = 0;
};

struct RubricVersion {
  std::string id;
  int version = 0;  // 1, 2, ... per rubric id
  std::string rubric_json;
  int64_t created_by = 0;
  int64_t created_at = 0;  // unix ms
};

// A format version a coach made current.
struct Publication {
  std::string format_id;
  std::string version;
  int64_t published_by = 0;
  int64_t published_at = 0;  // unix ms
};

class AuthoringStore {
 public:
  virtual ~AuthoringStore() = default;

  // Questions.
  virtual Result<BankPage> list_bank(const BankQuery& query) = 0;
  virtual Result<AuthoredQuestion> find_authored(const std::string& id) = 0;
  // Creates or replaces each question as the coach's, in one transaction (indexed for search).
  virtual Status save_authored(const std::vector<QuestionRecord>& questions, int64_t by, int64_t at_ms) = 0;
  virtual Status set_retired(const std::string& id, bool retired, int64_t by, int64_t at_ms) = 0;  // 404 if none
  // Every coach-owned question (the catalog's scoring references at start-up).
  virtual Result<std::vector<QuestionRecord>> coach_questions() = 0;
  virtual Result<std::vector<std::string>> bank_names() = 0;

  // Rubric versions: saving returns the new version number.
  virtual Result<int> save_rubric(const std::string& id, const std::string& rubric_json, int64_t by, int64_t at_ms) = 0;
  virtual Result<std::vector<RubricVersion>> rubric_history(const std::string& id) = 0;  // newest first
  virtual Result<std::vector<RubricVersion>> latest_rubrics() = 0;                       // one per id

  // Format publications.
  virtual Status save_publication(const Publication& publication) = 0;
  virtual Result<std::vector<Publication>> latest_publications() = 0;  // one per format id
  virtual Result<std::vector<Publication>> publication_history(const std::string& format_id) = 0;  // newest first
};

}  // namespace mockroom::store
