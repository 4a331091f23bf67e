// The interviewer's prompts: Mustache templates (templates/prompts/: persona, followup,
// acknowledge) rendered with kainjow::mustache. The bundled files are compiled in as the
// defaults; config "promptsDir" names a folder whose files replace them, so operators and
// coaches can reword the interviewer without rebuilding. Values are inserted as they are
// (no HTML escaping). Immutable once loaded; safe from any thread.
#pragma once

#include <map>
#include <string>

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

using PromptValues = std::map<std::string, std::string>;
// `text` rendered with `values`; an empty value counts as absent for {{#name}} sections.
std::string render_prompt(const std::string& text, const PromptValues& values);

}  // namespace mockroom::llm_openai
