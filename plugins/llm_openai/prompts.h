// The interviewer's prompts: Mustache templates (templates/prompts/: persona, followup,
// acknowledge) rendered with kainjow::mustache. The bundled files are compiled in as the
// defaults; config "promptsDir" names a folder whose files replace them, so operators and
// coaches can reword the interviewer without rebuilding. Values are inserted as they are
// (no HTML escaping). Immutable once loaded; safe from any thread.
//
// load_prompt and render_structured serve any plugin with a prompt template of
// its own (scoring_llm's judge).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "json_fields.h"

namespace mockroom::llm_openai {

inline constexpr size_t kMaxPromptBytes = 64 * 1024;

struct Prompts {
  std::string persona;
  std::string followup;
  std::string acknowledge;
};

// The compiled-in defaults, or the three files of `dir` (each must exist and parse).
plugin_support::Parsed<Prompts> load_prompts(const std::string& dir);

// Whether `text` can serve as a prompt: within kMaxPromptBytes and valid Mustache. A
// format's override that is not falls back to the instance's own prompt.
bool prompt_usable(const std::string& text);

// One template: `dir`/`name`.mustache when `dir` is not empty, else `fallback`; refused when
// it cannot be read, is too large or is not valid Mustache.
plugin_support::Parsed<std::string> load_prompt(const std::string& dir, std::string_view name,
                                                std::string_view fallback);

using PromptValues = std::map<std::string, std::string>;
// `text` rendered with `values`; an empty value counts as absent for {{#name}} sections.
std::string render_prompt(const std::string& text, const PromptValues& values);
// render_prompt with structured values: objects and arrays become Mustache objects and lists
// ({{#items}}...{{/items}}), numbers their JSON text; empty strings, empty lists, null and
// false count as absent.
std::string render_structured(const std::string& text, const nlohmann::json& values);

}  // namespace mockroom::llm_openai
