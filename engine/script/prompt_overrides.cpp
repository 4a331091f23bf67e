#include "script/prompt_overrides.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "script/catalog.h"
#include "script/knowledge.h"

namespace mockroom::script {

using nlohmann::json;
namespace fs = std::filesystem;

void PromptOverrides::load(const std::string& interviews_dir, store::Store& store, const Catalog& catalog) {
  std::map<std::string, Layers> loaded;
  std::size_t files = 0;
  const fs::path root = fs::path(interviews_dir) / "prompts";
  std::error_code ec;
  if (fs::is_directory(root, ec)) {
    for (const auto& dir : fs::directory_iterator(root)) {
      if (!dir.is_directory()) continue;
      std::string format_id = dir.path().filename().string();
      std::string where = "interviews/prompts/" + format_id;
      if (!catalog.format(format_id)) throw std::runtime_error(where + ": no format has the id '" + format_id + "'");
      for (const auto& file : fs::directory_iterator(dir.path())) {
        if (!file.is_regular_file() || file.path().extension() != ".mustache") continue;
        std::ifstream in(file.path(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        std::string name = file.path().stem().string();
        if (auto st = check_prompt(name, text.str()); !st.ok()) {
          throw std::runtime_error(where + "/" + file.path().filename().string() + ": " + st.error().message);
        }
        loaded[format_id].files[name] = text.str();
        ++files;
      }
    }
  }
  auto coach = store.list_prompt_overrides();
  if (!coach.ok()) throw std::runtime_error("cannot read the prompt overrides: " + coach.error().message);
  for (auto& o : *coach) {
    if (!catalog.format(o.format_id)) continue;  // a format since removed: kept, unused
    loaded[o.format_id].coach[o.name] = std::move(o);
  }
  std::unique_lock lock(mu_);
  by_format_ = std::move(loaded);
  if (files || !coach->empty()) spdlog::info("prompts: {} format files, {} coach overrides", files, coach->size());
}

json PromptOverrides::for_format(const std::string& format_id) const {
  json out = json::object();
  std::shared_lock lock(mu_);
  auto it = by_format_.find(format_id);
  if (it == by_format_.end()) return out;
  for (const auto& [name, text] : it->second.files) out[name] = text;
  for (const auto& [name, o] : it->second.coach) out[name] = o.text;
  return out;
}

json PromptOverrides::describe(const std::string& format_id) const {
  json out = json::array();
  std::shared_lock lock(mu_);
  auto it = by_format_.find(format_id);
  for (std::string_view name : kPromptNames) {
    json item = {{"name", name}, {"origin", "default"}};
    if (it != by_format_.end()) {
      const Layers& l = it->second;
      if (auto c = l.coach.find(std::string(name)); c != l.coach.end()) {
        item = {{"name", name}, {"origin", "coach"}, {"template", c->second.text},
                {"updatedBy", c->second.updated_by}, {"updatedAt", c->second.updated_at}};
      } else if (auto f = l.files.find(std::string(name)); f != l.files.end()) {
        item = {{"name", name}, {"origin", "file"}, {"template", f->second}};
      }
    }
    out.push_back(std::move(item));
  }
  return out;
}

Status PromptOverrides::set(store::Store& store, const std::string& format_id, const std::string& name,
                            const std::string& text, int64_t user_id, int64_t now_ms) {
  if (auto st = check_prompt(name, text); !st.ok()) return st;
  store::PromptOverride o{format_id, name, text, user_id, now_ms};
  if (auto st = store.save_prompt_override(o); !st.ok()) return st;
  std::unique_lock lock(mu_);
  by_format_[format_id].coach[name] = std::move(o);
  return {};
}

Status PromptOverrides::remove(store::Store& store, const std::string& format_id, const std::string& name) {
  if (auto st = store.delete_prompt_override(format_id, name); !st.ok()) return st;
  std::unique_lock lock(mu_);
  if (auto it = by_format_.find(format_id); it != by_format_.end()) it->second.coach.erase(name);
  return {};
}

}  // namespace mockroom::script
