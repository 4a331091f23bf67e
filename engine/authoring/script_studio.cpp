#include "authoring/script_studio.h"

#include <regex>

#include "store/authoring_store.h"
#include "tools/validate.h"

namespace mockroom::authoring {

using nlohmann::json;

namespace {

const std::regex kFormatId("^[a-z0-9][a-z0-9_-]{0,63}$");

json problems_json(const std::vector<tools::Problem>& problems) {
  json out = json::array();
  for (const auto& p : problems) out.push_back({{"line", p.line > 0 ? json(p.line) : json(nullptr)}, {"message", p.message}});
  return out;
}

// The script's declared id, read without running it ("id = \"...\"" in interview{}).
std::string declared_id(const std::string& source) {
  static const std::regex id(R"(interview\s*\{[\s\S]*?\bid\s*=\s*["']([a-z0-9_-]+)["'])");
  std::smatch m;
  return std::regex_search(source, m, id) ? m[1].str() : "script";
}

// Holds one of the studio's workbench slots for as long as it lives.
class Slot {
 public:
  explicit Slot(std::counting_semaphore<kStudioRuns>& s) : s_(s), held_(s.try_acquire_for(kStudioWait)) {}
  ~Slot() {
    if (held_) s_.release();
  }
  bool held() const { return held_; }

 private:
  std::counting_semaphore<kStudioRuns>& s_;
  bool held_;
};

}  // namespace

ScriptStudio::ScriptStudio(std::string interviews_dir, store::Store& store, script::Catalog& catalog,
                           plugin::Registry& plugins)
    : interviews_dir_(std::move(interviews_dir)), store_(store), catalog_(catalog), plugins_(plugins) {}

Result<std::string> ScriptStudio::source_of(const json& body) const {
  if (!body.is_object() || !body.contains("source") || !body["source"].is_string()) {
    return invalid("field 'source' must be the script's text");
  }
  const std::string& source = body["source"].get_ref<const std::string&>();
  if (source.empty()) return invalid("field 'source' is empty");
  if (source.size() > kMaxStudioScriptBytes) return invalid("the script is larger than 256 KiB");
  return source;
}

Result<std::unique_ptr<tools::Workbench>> ScriptStudio::open_bench() {
  tools::WorkbenchOptions options;
  options.interviews_dir = interviews_dir_;
  options.registry = &plugins_;
  options.time_budget = kRehearsalBudget;
  auto questions = store_.authoring().coach_questions();
  if (!questions.ok()) return questions.error();
  options.questions = std::move(questions.value());
  auto rubrics = store_.authoring().latest_rubrics();
  if (!rubrics.ok()) return rubrics.error();
  for (const auto& r : *rubrics) options.rubrics[r.id] = json::parse(r.rubric_json, nullptr, false);
  return tools::Workbench::open(options);
}

Result<json> ScriptStudio::validate(const json& body) {
  auto source = source_of(body);
  if (!source.ok()) return source.error();
  Slot slot(runs_);
  if (!slot.held()) return unavailable("the script studio is busy; try again in a moment");
  auto bench = open_bench();
  if (!bench.ok()) return bench.error();
  std::string file = declared_id(*source) + ".lua";
  auto problems = tools::validate_source(**bench, *source, file);
  json out = {{"ok", problems.empty()}, {"problems", problems_json(problems)}, {"file", file}};
  if (const auto* f = (*bench)->catalog().format(declared_id(*source)); f && problems.empty()) {
    out["id"] = f->record.id;
    out["title"] = f->meta.value("title", "");
    out["version"] = f->record.version;
  }
  return out;
}

Result<json> ScriptStudio::rehearse(const json& body) {
  auto source = source_of(body);
  if (!source.ok()) return source.error();
  for (const auto& [key, value] : body.items()) {
    if (key != "source" && key != "answers" && key != "setup") return invalid("unknown field '" + key + "'");
  }
  json doc = {{"answers", body.value("answers", json(nullptr))}, {"setup", body.value("setup", json::object())}};
  auto answers = tools::parse_answers(doc, "rehearsal");
  if (!answers.ok()) return answers.error();
  if (answers->first.size() > kMaxRehearsalAnswers) return invalid("at most " + std::to_string(kMaxRehearsalAnswers) + " answers");
  Slot slot(runs_);
  if (!slot.held()) return unavailable("the script studio is busy; try again in a moment");
  auto bench = open_bench();
  if (!bench.ok()) return bench.error();
  std::string file = declared_id(*source) + ".lua";
  auto added = (*bench)->add_source(*source, "@" + file);
  if (!added.ok()) {
    return json{{"ok", false}, {"status", "invalid"}, {"problems", problems_json({tools::parse_problem(added.error().message, file)})}};
  }
  auto run = (*bench)->rehearse((*added)->record.id, answers->second, answers->first);
  if (!run.ok()) {
    return json{{"ok", false}, {"status", "invalid"}, {"problems", problems_json({tools::parse_problem(run.error().message, file)})}};
  }
  bool ok = run->status == "completed" || run->status == "ended";
  json problems = json::array();
  if (!run->error.empty()) problems = problems_json({tools::parse_problem(run->error, file)});
  return json{{"ok", ok && run->error.empty()},
              {"status", run->status},
              {"error", run->error},
              {"problems", problems},
              {"answersGiven", run->answers_given},
              {"questions", run->questions},
              {"transcript", run->transcript},
              {"report", run->report}};
}

Result<json> ScriptStudio::publish(const json& body, int64_t actor, int64_t now_ms) {
  if (!body.is_object() || !body.contains("id") || !body["id"].is_string()) return invalid("field 'id' must name the format");
  for (const auto& [key, value] : body.items()) {
    if (key != "id" && key != "source") return invalid("unknown field '" + key + "'; send {id, source}");
  }
  const std::string id = body["id"].get<std::string>();
  if (!std::regex_match(id, kFormatId)) return invalid("a format id uses a-z, 0-9, '_' and '-' (at most 64 characters)");
  auto checked = validate(body);
  if (!checked.ok()) return checked.error();
  if (!(*checked)["ok"].get<bool>()) {
    std::string first = (*checked)["problems"].empty() ? "the script is not ready" : (*checked)["problems"][0].value("message", "");
    return Error{ErrorCode::kInvalidArgument, "the script has problems; the first: " + first};
  }
  if ((*checked)["id"] != id) {
    return invalid("the script declares id '" + (*checked)["id"].get<std::string>() + "', not '" + id + "'");
  }
  const auto* previous = catalog_.format(id);
  std::string previous_version = previous ? previous->record.version : "";
  auto added = catalog_.add_format(*source_of(body), "@" + id + ".lua", store_);
  if (!added.ok()) return added.error();
  const std::string version = (*added)->record.version;
  if (auto st = store_.authoring().save_publication({id, version, actor, now_ms}); !st.ok()) return st.error();
  return json{{"id", id},
              {"version", version},
              {"title", (*added)->meta.value("title", "")},
              {"previousVersion", previous_version.empty() ? json(nullptr) : json(previous_version)},
              {"unchanged", previous_version == version},
              {"publishedAt", now_ms}};
}

Result<json> ScriptStudio::list() {
  auto published = store_.authoring().latest_publications();
  if (!published.ok()) return published.error();
  json out = json::array();
  for (const auto* f : catalog_.formats()) {
    json row = {{"id", f->record.id}, {"title", f->meta.value("title", "")}, {"kind", f->meta.value("kind", "")},
                {"version", f->record.version}, {"origin", "bundled"}, {"publishedBy", nullptr}, {"publishedAt", nullptr}};
    for (const auto& p : *published) {
      if (p.format_id == f->record.id && p.version == f->record.version) {
        row["origin"] = "coach";
        row["publishedBy"] = p.published_by;
        row["publishedAt"] = p.published_at;
      }
    }
    out.push_back(std::move(row));
  }
  return json{{"formats", out}};
}

Result<json> ScriptStudio::get(const std::string& id) {
  const auto* f = catalog_.format(id);
  if (!f) return not_found("no format '" + id + "'");
  auto history = store_.authoring().publication_history(id);
  if (!history.ok()) return history.error();
  json versions = json::array();
  for (const auto& p : *history) {
    versions.push_back({{"version", p.version}, {"publishedBy", p.published_by}, {"publishedAt", p.published_at}});
  }
  bool coach = !history->empty() && history->front().version == f->record.version;
  return json{{"id", id}, {"title", f->meta.value("title", "")}, {"version", f->record.version},
              {"source", f->record.source}, {"meta", f->meta}, {"origin", coach ? "coach" : "bundled"},
              {"history", versions}};
}

}  // namespace mockroom::authoring
