// SQL for SqliteStore's areas beyond sessions, as free functions over one connection.
// SqliteStore picks the connection (writer or reader), holds its lock and turns
// exceptions into Result errors; these functions only run SQL.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/db.h"
#include "store/store.h"

namespace mockroom::store::sql {

// Question bank (sqlite_bank.cpp).
// kBundled: the start-up seeding from interviews/banks, which leaves coach-owned rows as the
// coach left them; kCoachEdit: a coach's save, which overwrites.
enum class Seeding { kBundled, kCoachEdit };
void upsert_questions(Db& db, const std::vector<QuestionRecord>& questions, Seeding seeding = Seeding::kBundled);
// Turns what a person typed into an FTS5 query: every word must occur, as a prefix ("" when
// there is no word). Words are quoted, so FTS5 operators in the input are plain text.
std::string fts_query(const std::string& typed);
Result<QuestionRecord> find_question(Db& db, const std::string& id);
Result<std::string> find_question_hidden(Db& db, const std::string& id);
// Every question not retired, ordered by id (for the in-memory bank).
std::vector<QuestionRecord> all_questions(Db& db);
// The rows of `all` (ordered by id) that match `filter`, as find_questions would return.
std::vector<QuestionRecord> filter_questions(const std::vector<QuestionRecord>& all,
                                             const QuestionFilter& filter);
int64_t count_questions(Db& db, const std::string& kind);
Result<std::vector<QuestionRecord>> search_questions(Db& db, const QuestionSearch& search);
// Records that the session's candidate was asked these bank questions (clears any redo).
void record_asked(Db& db, const std::string& session_id, const std::vector<std::string>& ids,
                  int64_t at_ms);
std::vector<QuestionSeen> question_history(Db& db, int64_t user_id);
Status schedule_redo(Db& db, int64_t user_id, const std::string& question_id, int64_t redo_at_ms);
std::vector<UserQuestion> add_user_questions(Db& db, int64_t user_id,
                                            const std::vector<UserQuestion>& questions);
std::vector<UserQuestion> list_user_questions(Db& db, int64_t user_id);

// Resumes and packages (sqlite_candidate.cpp).
void save_resume(Db& db, const ResumeRecord& resume);
Result<ResumeRecord> find_resume(Db& db, int64_t user_id);
void create_package(Db& db, const PackageRecord& package);
Result<PackageRecord> find_package(Db& db, const std::string& id);
std::vector<PackageRecord> list_packages(Db& db, int64_t user_id);
Status update_package_plan(Db& db, const std::string& id, const std::string& plan_json);

// Tokens and onboarding (sqlite_account.cpp).
void delete_token(Db& db, const std::string& token_hash);
AccountProfile find_account_profile(Db& db, int64_t user_id);
void save_profile(Db& db, int64_t user_id, const std::string& profile_json, int64_t at);
void save_walkthrough(Db& db, int64_t user_id, const std::string& outcome, int step, int64_t at);

// Funnel events and ratings (sqlite_analytics.cpp).
void record_funnel_events(Db& db, const std::vector<FunnelEvent>& events);
std::vector<FunnelEvent> list_funnel_events(Db& db, const std::string& session_id);
Status save_rating(Db& db, const Rating& rating);
Result<Rating> find_rating(Db& db, const std::string& session_id);

// The interviewer's knowledge base and prompt overrides (sqlite_knowledge.cpp).
//
// How many knowledge entries contain each word, remembered between searches, which rank
// on the rarest words of an answer. The entries change only when replace_knowledge runs,
// after which the owner calls clear(). Thread-safe; counts on the connection it is given.
class KnowledgeTermCounts {
 public:
  int64_t entries_with(Db& db, const std::string& word);
  int64_t entries(Db& db);
  void clear();

 private:
  std::mutex mu_;
  uint64_t generation_ = 0;  // a count begun before a clear() is not kept
  std::unordered_map<std::string, int64_t> counts_;
  int64_t entries_ = -1;  // -1: not counted yet
};

void replace_knowledge(Db& db, const std::string& origin, const std::vector<KnowledgeEntry>& entries);
Result<std::vector<KnowledgeEntry>> search_knowledge(Db& db, KnowledgeTermCounts& counts,
                                                    const KnowledgeQuery& query);
std::vector<PromptOverride> list_prompt_overrides(Db& db);
void save_prompt_override(Db& db, const PromptOverride& o);
Status delete_prompt_override(Db& db, const std::string& format_id, const std::string& name);

}  // namespace mockroom::store::sql
