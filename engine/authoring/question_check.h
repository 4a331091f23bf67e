// Checking one bank question a coach wrote (in the console or an import) before it is
// saved: the bank entry format of interviews/banks (README "Banks and rubrics") with the
// fields and values the engine understands, and the conversions between an entry and the
// store's record (whose hidden tests and reference solution are kept apart).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "store/store.h"
#include "util/result.h"

namespace mockroom::authoring {

inline constexpr std::size_t kMaxQuestionTextChars = 2000;
inline constexpr std::size_t kMaxQuestionBytes = 1024 * 1024;  // a coding problem with large tests

// Checks `entry` as a question of bank `bank` and returns its record. The error names the
// field ("'difficulty' must be easy, medium or hard").
Result<store::QuestionRecord> check_question(const nlohmann::json& entry, const std::string& bank);

// The whole entry of a record, hidden tests and reference included (for coaches only).
nlohmann::json entry_of(const store::QuestionRecord& record);

}  // namespace mockroom::authoring
