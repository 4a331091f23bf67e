#include "prompts.h"

#include <kainjow/mustache.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "default_prompts.h"

namespace mockroom::llm_openai {

namespace mustache = kainjow::mustache;

namespace {

using plugin_support::Parsed;

std::string check(const std::string& text, const std::string& where) {
  if (text.size() > kMaxPromptBytes) return where + " is larger than " + std::to_string(kMaxPromptBytes) + " bytes";
  mustache::mustache parsed{text};
  if (!parsed.is_valid()) return where + " is not valid Mustache: " + parsed.error_message();
  return "";
}

mustache::data to_data(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data out{mustache::data::type::object};
      for (const auto& [key, item] : value.items()) out.set(key, to_data(item));
      return out;
    }
    case nlohmann::json::value_t::array: {
      if (value.empty()) return mustache::data{false};
      mustache::data out{mustache::data::type::list};
      for (const auto& item : value) out.push_back(to_data(item));
      return out;
    }
    case nlohmann::json::value_t::string: {
      const auto& s = value.get_ref<const std::string&>();
      return s.empty() ? mustache::data{false} : mustache::data{s};
    }
    case nlohmann::json::value_t::boolean:
      return mustache::data{value.get<bool>()};
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
      return mustache::data{false};
    default:
      return mustache::data{value.dump()};
  }
}

}  // namespace

Parsed<std::string> load_prompt(const std::string& dir, std::string_view name, std::string_view fallback) {
  std::string text(fallback);
  if (!dir.empty()) {
    std::filesystem::path path = std::filesystem::path(dir) / (std::string(name) + ".mustache");
    std::ifstream in(path);
    if (!in) return Parsed<std::string>::failure("config.promptsDir: cannot read " + path.string());
    std::stringstream read;
    read << in.rdbuf();
    text = read.str();
  }
  if (std::string problem = check(text, "the " + std::string(name) + " prompt"); !problem.empty())
    return Parsed<std::string>::failure(problem);
  return {std::move(text), {}};
}

Parsed<Prompts> load_prompts(const std::string& dir) {
  Prompts p;
  for (auto [name, fallback, target] : {std::tuple{"persona", defaults::k_persona, &p.persona},
                                        {"followup", defaults::k_followup, &p.followup},
                                        {"acknowledge", defaults::k_acknowledge, &p.acknowledge}}) {
    Parsed<std::string> text = load_prompt(dir, name, fallback);
    if (!text.ok()) return Parsed<Prompts>::failure(text.error);
    *target = std::move(*text.value);
  }
  return {std::move(p), {}};
}

bool prompt_usable(const std::string& text) { return check(text, "prompt").empty(); }

std::string render_prompt(const std::string& text, const PromptValues& values) {
  return render_structured(text, nlohmann::json(values));
}

std::string render_structured(const std::string& text, const nlohmann::json& values) {
  mustache::mustache tmpl{text};
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  std::string out = tmpl.render(to_data(values.is_object() ? values : nlohmann::json::object()));
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace mockroom::llm_openai
