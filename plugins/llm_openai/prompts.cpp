#include "prompts.h"

#include <kainjow/mustache.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "default_prompts.h"

namespace mockroom::llm_openai {

namespace mustache = kainjow::mustache;

namespace {

std::string check(const std::string& text, const std::string& where) {
  if (text.size() > kMaxPromptBytes) return where + " is larger than " + std::to_string(kMaxPromptBytes) + " bytes";
  mustache::mustache parsed{text};
  if (!parsed.is_valid()) return where + " is not valid Mustache: " + parsed.error_message();
  return "";
}

}  // namespace

plugin_support::Parsed<Prompts> load_prompts(const std::string& dir) {
  Prompts p{defaults::k_persona, defaults::k_followup, defaults::k_acknowledge};
  if (!dir.empty()) {
    for (auto [name, target] : {std::pair{"persona", &p.persona}, {"followup", &p.followup}, {"acknowledge", &p.acknowledge}}) {
      std::filesystem::path path = std::filesystem::path(dir) / (std::string(name) + ".mustache");
      std::ifstream in(path);
      if (!in) return plugin_support::Parsed<Prompts>::failure("config.promptsDir: cannot read " + path.string());
      std::stringstream text;
      text << in.rdbuf();
      *target = text.str();
    }
  }
  for (auto [name, text] : {std::pair{"persona", &p.persona}, {"followup", &p.followup}, {"acknowledge", &p.acknowledge}}) {
    if (std::string problem = check(*text, std::string("the ") + name + " prompt"); !problem.empty())
      return plugin_support::Parsed<Prompts>::failure(problem);
  }
  return {std::move(p), {}};
}

bool prompt_usable(const std::string& text) { return check(text, "prompt").empty(); }

std::string render_prompt(const std::string& text, const PromptValues& values) {
  mustache::mustache tmpl{text};
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  mustache::data data{mustache::data::type::object};
  for (const auto& [key, value] : values) {
    if (value.empty()) data.set(key, mustache::data{false});
    else data.set(key, value);
  }
  std::string out = tmpl.render(data);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace mockroom::llm_openai
