// The interviewer's knowledge base files (interviews/knowledge/*.json) and the per-format
// prompt overrides (interviews/prompts/<format>/<name>.mustache): parsing and validation.
// The catalog loads both at start-up; a broken file is a start-up error naming the file,
// the entry and what is wrong.
#pragma once

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"
#include "util/result.h"

namespace mockroom::script {

inline constexpr std::size_t kMaxKnowledgeIdChars = 80;
inline constexpr std::size_t kMaxKnowledgeTitleChars = 120;
inline constexpr std::size_t kMaxKnowledgeBodyChars = 2000;
inline constexpr std::size_t kMaxKnowledgeListItems = 32;
// The kinds of entry, as the issue names them.
inline constexpr std::string_view kKnowledgeKinds[] = {"style_guide", "alternative_solution",
                                                       "company_values", "rubric_note"};

// One file: {"entries": [{id, kind, title, text, formats?, companies?, questions?, tags?}]}.
Result<std::vector<store::KnowledgeEntry>> parse_knowledge(const nlohmann::json& file_json,
                                                           const std::string& file);

// Reads every interviews/knowledge/*.json under `interviews_dir`, checks each entry, that
// its formats and questions exist and that ids are unique across files, and replaces the
// store's bundled entries with them. Returns how many there are. Throws
// std::runtime_error naming the file and the entry.
std::size_t load_knowledge(const std::string& interviews_dir, store::Store& store,
                           const std::function<bool(const std::string&)>& is_format,
                           const std::function<bool(const std::string&)>& is_question);

// The templates a format may override, and the largest template accepted.
inline constexpr std::string_view kPromptNames[] = {"persona", "followup", "acknowledge"};
inline constexpr std::size_t kMaxPromptBytes = 16 * 1024;

// Checks one prompt template: a known name, within the size limit, valid Mustache.
Status check_prompt(std::string_view name, const std::string& text);

}  // namespace mockroom::script
