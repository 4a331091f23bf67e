#include "tools/workbench.h"

#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

#include "config/plugin_setup.h"
#include "store/authoring_store.h"
#include "util/crypto.h"

namespace mockroom::tools {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxScriptFileBytes = 256 * 1024;
constexpr std::size_t kMaxAnswersFileBytes = 4 * 1024 * 1024;

Result<std::string> read_whole(const std::string& path, std::size_t limit, const char* what) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return not_found(path + ": no such " + what);
  if (fs::file_size(path, ec) > limit) {
    return invalid(path + ": " + what + " is larger than " + std::to_string(limit / 1024) + " KiB");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return invalid(path + ": cannot read the " + what);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<ScriptedAnswer> parse_answer(const json& a, std::size_t index) {
  if (a.is_string()) return ScriptedAnswer{a.get<std::string>(), std::nullopt};
  if (a.is_object() && a.contains("text") && a["text"].is_string()) {
    ScriptedAnswer out{a["text"].get<std::string>(), std::nullopt};
    if (a.contains("code")) out.code = a["code"];
    return out;
  }
  return invalid("answers[" + std::to_string(index) + "] must be text or {\"text\": ..., \"code\": ...}");
}

}  // namespace

Result<std::string> read_script(const std::string& path) {
  return read_whole(path, kMaxScriptFileBytes, "script file");
}

Result<std::pair<std::vector<ScriptedAnswer>, json>> read_answers(const std::string& path) {
  auto text = read_whole(path, kMaxAnswersFileBytes, "answers file");
  if (!text.ok()) return text.error();
  json doc = json::parse(*text, nullptr, false);
  if (doc.is_discarded()) return invalid(path + ": not valid JSON");
  return parse_answers(std::move(doc), path);
}

Result<std::pair<std::vector<ScriptedAnswer>, json>> parse_answers(json doc, const std::string& where) {
  json setup = json::object();
  if (doc.is_object()) {
    setup = doc.value("setup", json::object());
    if (!setup.is_object()) return invalid(where + ": 'setup' must be an object");
    doc = doc.value("answers", json(nullptr));
  }
  if (!doc.is_array() || doc.empty()) return invalid(where + ": expected a non-empty list of answers");
  std::vector<ScriptedAnswer> answers;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    auto a = parse_answer(doc[i], i);
    if (!a.ok()) return invalid(where + ": " + a.error().message);
    answers.push_back(std::move(a.value()));
  }
  return std::make_pair(std::move(answers), setup);
}

Workbench::Workbench(const WorkbenchOptions& options)
    : options_(options),
      clock_ms_(std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch()).count()) {}

Workbench::~Workbench() {
  sessions_.reset();
  store_.reset();
  std::error_code ec;
  if (!dir_.empty()) fs::remove_all(dir_, ec);
}

Result<std::unique_ptr<Workbench>> Workbench::open(const WorkbenchOptions& options) {
  std::unique_ptr<Workbench> wb(new Workbench(options));
  wb->dir_ = fs::temp_directory_path() / ("mockroom-workbench-" + crypto::random_hex(8));
  std::error_code ec;
  fs::create_directories(wb->dir_, ec);
  if (ec) return internal("cannot create a temporary folder: " + ec.message());
  try {
    wb->store_ = store::open_sqlite_store((wb->dir_ / "workbench.db").string());
    if (options.registry) {
      wb->plugins_ = options.registry;
    } else if (!options.plugin_dir.empty()) {
      if (auto st = config::activate_plugins(wb->own_plugins_, options.plugin_dir, options.plugins); !st.ok()) {
        return st.error();
      }
    }
    // The engine's own questions and rubrics, before the catalog reads them with the files.
    if (!options.questions.empty()) {
      if (auto st = wb->store_->authoring().save_authored(options.questions, 0, 0); !st.ok()) return st.error();
    }
    for (const auto& [id, rubric] : options.rubrics) {
      if (auto v = wb->store_->authoring().save_rubric(id, rubric.dump(), 0, 0); !v.ok()) return v.error();
    }
    wb->catalog_.load(options.interviews_dir, *wb->store_);
  } catch (const std::exception& e) {
    return invalid(e.what());
  }
  auto* self = wb.get();
  wb->env_ = std::make_unique<session::Environment>(session::Environment{
      *wb->store_, *wb->plugins_, wb->catalog_, script::Limits{},
      [self] { return self->clock_ms_; }});
  wb->sessions_ = std::make_unique<session::SessionManager>(*wb->env_, session::ManagerOptions{});
  auto user = wb->store_->create_user("candidate@rehearsal.local", "Alex Rehearsal", "-",
                                      store::Role::kCandidate);
  if (!user.ok()) return user.error();
  wb->candidate_ = user.value();
  return wb;
}

Result<const script::FormatEntry*> Workbench::add_script(const std::string& path) {
  auto source = read_script(path);
  if (!source.ok()) return source.error();
  return add_source(*source, "@" + fs::path(path).filename().string());
}

Result<const script::FormatEntry*> Workbench::add_source(const std::string& source, const std::string& chunk_name) {
  return catalog_.add_format(source, chunk_name, *store_);
}

Status Workbench::set_candidate_resume(const json& profile) {
  return store_->save_resume({candidate_.id, "resume.txt", "text/plain", "", profile.dump(), 0});
}

Result<Rehearsal> Workbench::rehearse(const std::string& format_id, const json& setup,
                                      const std::vector<ScriptedAnswer>& answers) {
  if (answers.empty()) return invalid("rehearsal needs at least one answer");
  auto created = sessions_->create(candidate_, format_id, setup);
  if (!created.ok()) return created.error();
  Rehearsal out;
  out.session_id = (*created)["id"].get<std::string>();
  json question = (*created)["currentQuestion"];
  std::string status = (*created)["status"].get<std::string>();
  const auto started = std::chrono::steady_clock::now();
  while (status == "in_progress" && question.is_object() && out.answers_given < kMaxRehearsalTurns) {
    if (options_.time_budget.count() > 0 && std::chrono::steady_clock::now() - started > options_.time_budget) {
      out.error = "the rehearsal took longer than " + std::to_string(options_.time_budget.count() / 1000) +
                  " s and was stopped after " + std::to_string(out.answers_given) + " answers";
      break;
    }
    const ScriptedAnswer& a = answers[static_cast<std::size_t>(out.answers_given) % answers.size()];
    clock_ms_ += static_cast<int64_t>(options_.minutes_per_answer * 60'000);
    auto turn = sessions_->answer(candidate_.id, out.session_id, question["id"].get<std::string>(),
                                  a.text, a.code);
    ++out.answers_given;
    if (!turn.ok()) {
      out.error = turn.error().message;
      break;
    }
    question = (*turn)["nextQuestion"];
    status = (*turn)["status"].get<std::string>();
  }
  auto view = sessions_->view(candidate_.id, out.session_id);
  if (!view.ok()) return view.error();
  out.status = (*view)["status"].get<std::string>();
  if (out.status == "completed" || out.status == "ended") {
    (void)sessions_->report(candidate_.id, out.session_id);  // made now if still queued; errors show below
  }
  out.transcript = (*view)["transcript"];
  auto events = store_->load_events(out.session_id);
  if (!events.ok()) return events.error();
  out.questions = json::array();
  out.report = nullptr;
  for (const auto& e : *events) {
    json p = json::parse(e.payload_json);
    if (e.type == "question") out.questions.push_back(p);
    if (e.type == "report") out.report = p.value("report", json(nullptr));
    if (e.type == "error" && out.error.empty()) out.error = p.value("message", "");
  }
  return out;
}

}  // namespace mockroom::tools
