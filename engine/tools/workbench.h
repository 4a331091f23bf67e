// Workbench: a private, throwaway engine for the authoring tools (`mockroom validate`,
// `mockroom rehearse`) and the format tests: a temporary SQLite file seeded from an
// interviews/ folder, the plugins, and a simulated clock, so a coach can run a script
// against scripted answers without a server and see its time boxes at work.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/config.h"
#include "plugin/registry.h"
#include "script/catalog.h"
#include "session/session_manager.h"
#include "store/store.h"

namespace mockroom::tools {

struct WorkbenchOptions {
  std::string interviews_dir;
  std::string plugin_dir;  // empty: no plugins; follow-ups and reports take their fallbacks
  std::map<std::string, config::PluginChoice> plugins = config::Config{}.plugins;
  double minutes_per_answer = 2.0;  // simulated time the candidate spends on each answer
  // A running engine's providers to use instead of loading plugins (the console's studio):
  // when set, plugin_dir and plugins are ignored. Must outlive the workbench.
  plugin::Registry* registry = nullptr;
  // Coaches' questions and rubric versions to add to the bundled ones, so a script sees
  // the bank and rubrics the engine serves.
  std::vector<store::QuestionRecord> questions;
  std::map<std::string, nlohmann::json> rubrics;
  // Wall-clock time a rehearsal may take; 0 = no limit. Past it the rehearsal stops with an
  // error (a script that burns its instruction budget on every turn still ends).
  std::chrono::milliseconds time_budget{0};
};

// One scripted answer: text, and code for coding parts.
struct ScriptedAnswer {
  std::string text;
  std::optional<nlohmann::json> code;
};

struct Rehearsal {
  std::string session_id;
  std::string status;           // completed, ended, failed
  std::string error;            // the script's error when failed
  nlohmann::json questions;     // every question as recorded: number, totalQuestions, isFollowUp, step
  nlohmann::json transcript;    // GET /api/interviews/:id's transcript
  nlohmann::json report;        // null when none was produced
  int answers_given = 0;
};

constexpr int kMaxRehearsalTurns = 500;

class Workbench {
 public:
  static Result<std::unique_ptr<Workbench>> open(const WorkbenchOptions& options);
  ~Workbench();
  Workbench(const Workbench&) = delete;
  Workbench& operator=(const Workbench&) = delete;

  store::Store& store() { return *store_; }
  const script::Catalog& catalog() const { return catalog_; }
  // Loads a script file as the current version of its format id.
  Result<const script::FormatEntry*> add_script(const std::string& path);
  // The same for a script's text; `chunk_name` is "@name.lua" (errors read "name.lua:12: ...").
  Result<const script::FormatEntry*> add_source(const std::string& source, const std::string& chunk_name);
  // Runs `format_id` to the end, giving `answers` in order (starting over when the script
  // asks more questions than there are answers).
  Result<Rehearsal> rehearse(const std::string& format_id, const nlohmann::json& setup,
                             const std::vector<ScriptedAnswer>& answers);
  // The rehearsal candidate's resume profile (what formats tailor questions to).
  Status set_candidate_resume(const nlohmann::json& profile);
  const store::User& candidate() const { return candidate_; }
  session::SessionManager& sessions() { return *sessions_; }
  // Moves the simulated clock forward (for redo scheduling and time boxes).
  void advance_clock(int64_t ms) { clock_ms_ += ms; }
  int64_t now_ms() const { return clock_ms_; }

 private:
  explicit Workbench(const WorkbenchOptions& options);

  WorkbenchOptions options_;
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  plugin::Registry own_plugins_;
  plugin::Registry* plugins_ = &own_plugins_;  // own_plugins_ or options.registry
  script::Catalog catalog_;
  int64_t clock_ms_;
  std::unique_ptr<session::Environment> env_;
  std::unique_ptr<session::SessionManager> sessions_;
  store::User candidate_;
};

// Reads a script file (refusing missing, unreadable or oversized files).
Result<std::string> read_script(const std::string& path);
// Reads scripted answers: a JSON list of strings or {"text", "code"} objects, or an object
// {"setup": {...}, "answers": [...]}. Returns the answers and the setup (or {}).
Result<std::pair<std::vector<ScriptedAnswer>, nlohmann::json>> read_answers(const std::string& path);
// The same from a parsed document; errors start with `where`.
Result<std::pair<std::vector<ScriptedAnswer>, nlohmann::json>> parse_answers(nlohmann::json doc,
                                                                           const std::string& where);

}  // namespace mockroom::tools
