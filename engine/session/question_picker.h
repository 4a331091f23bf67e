// Chooses bank questions for a session: follows the script's filter, covers several
// competencies, and avoids what this candidate saw recently, except questions whose
// scheduled redo is due (spaced repetition), which come first.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"

namespace mockroom::session {

// A question seen within this window counts as recent and is only reused when nothing
// fresher matches the filter.
constexpr int64_t kRecentQuestionWindowMs = 30LL * 24 * 60 * 60 * 1000;

struct PickInput {
  std::vector<store::QuestionRecord> rows;  // matching the filter, not yet excluded
  std::vector<store::QuestionSeen> history;  // the candidate's
  std::vector<std::string> exclude;          // never pick these (asked in this session, ...)
  int64_t now_ms = 0;
  uint64_t seed = 0;                         // same seed, same order
  int count = 1;
};

// How many rows are fresh: due for a redo or not seen within the recent window.
int fresh_count(const PickInput& in);
// Up to `count` questions in the order they should be asked.
std::vector<store::QuestionRecord> pick_questions(const PickInput& in);

// FNV-1a: a stable hash for seeds (std::hash may differ between builds).
uint64_t stable_hash(std::string_view text);

}  // namespace mockroom::session
