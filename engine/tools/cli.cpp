#include "tools/cli.h"

#include <spdlog/spdlog.h>

#include <iomanip>
#include <ostream>

#include "tools/validate.h"
#include "tools/workbench.h"

namespace mockroom::tools {

namespace {

using nlohmann::json;

Result<std::unique_ptr<Workbench>> open_bench(const config::Config& cfg, double minutes_per_answer) {
  spdlog::set_level(spdlog::level::warn);  // the tools print their own output
  WorkbenchOptions options;
  options.interviews_dir = cfg.interviews_dir;
  options.plugin_dir = cfg.plugin_dir;
  options.plugins = cfg.plugins;
  options.plugins.erase("stt");  // scripts are tried in text: no speech providers to load
  options.plugins.erase("tts");
  options.minutes_per_answer = minutes_per_answer;
  return Workbench::open(options);
}

std::string progress_label(const json& q) {
  std::string label = "Question " + std::to_string(q.value("number", 0)) + " of " +
                      std::to_string(q.value("totalQuestions", 0));
  if (q.value("isFollowUp", false)) label += ", follow-up";
  if (q.contains("step")) label += ", " + q["step"].get<std::string>();
  return label;
}

void print_transcript(const Rehearsal& r, std::ostream& out) {
  std::map<std::string, json> by_id;
  for (const auto& q : r.questions) by_id[q.value("id", "")] = q;
  for (const auto& t : r.transcript) {
    std::string text = t.value("text", "");
    if (t.value("role", "") == "candidate") {
      out << "  Candidate: " << text << "\n";
      if (t.contains("code")) out << "  (code in " << t["code"].value("language", "?") << ")\n";
    } else if (t.value("kind", "") == "question") {
      out << "\nInterviewer [" << progress_label(by_id[t.value("questionId", "")]) << "]: " << text << "\n";
    } else {
      out << "\nInterviewer: " << text << "\n";
    }
  }
}

void print_report(const json& report, std::ostream& out) {
  if (!report.is_object()) {
    out << "\nNo report was produced (is a scorer plugin configured?)\n";
    return;
  }
  out << "\n=== Report ===\nOverall " << report.value("overallScore", 0) << "/100 - "
      << report.value("hireSignal", "") << "\n";
  for (const auto& c : report.value("categories", json::array())) {
    out << "  " << std::left << std::setw(20) << c.value("name", "");
    if (c.value("assessed", false)) out << c.value("score", 0) << "\n";
    else out << "not assessed in this format\n";
  }
  for (const char* key : {"strengths", "improvements"}) {
    for (const auto& s : report.value(key, json::array())) {
      out << (std::string(key) == "strengths" ? "  + " : "  - ")
          << (s.is_string() ? s.get<std::string>() : s.value("text", s.dump())) << "\n";
    }
  }
  if (report.contains("summary")) out << "Summary: " << report["summary"].get<std::string>() << "\n";
  if (report.contains("nextStep")) out << "Next step: " << report["nextStep"].dump() << "\n";
}

}  // namespace

int run_validate(const config::Config& cfg, const CliOptions& options, std::ostream& out,
                 std::ostream& err) {
  auto bench = open_bench(cfg, options.minutes_per_answer);
  if (!bench.ok()) {
    err << "cannot load " << cfg.interviews_dir << ": " << bench.error().message << "\n";
    return 2;
  }
  auto problems = validate_script(**bench, options.script_path);
  if (problems.empty()) {
    out << options.script_path << ": ok\n";
    return 0;
  }
  err << format_problems(problems);
  return 1;
}

int run_rehearse(const config::Config& cfg, const CliOptions& options, std::ostream& out,
                 std::ostream& err) {
  auto answers = read_answers(options.answers_path);
  if (!answers.ok()) {
    err << answers.error().message << "\n";
    return 2;
  }
  json setup = answers->second;
  if (!options.setup_json.empty()) {
    setup = json::parse(options.setup_json, nullptr, false);
    if (!setup.is_object()) {
      err << "--setup must be a JSON object, e.g. '{\"questionCount\": 5}'\n";
      return 2;
    }
  }
  auto bench = open_bench(cfg, options.minutes_per_answer);
  if (!bench.ok()) {
    err << "cannot load " << cfg.interviews_dir << ": " << bench.error().message << "\n";
    return 2;
  }
  auto format = (*bench)->add_script(options.script_path);
  if (!format.ok()) {
    err << format_problems({parse_problem(format.error().message, options.script_path)});
    return 1;
  }
  auto run = (*bench)->rehearse((*format)->record.id, setup, answers->first);
  if (!run.ok()) {
    err << run.error().message << "\n";
    return 1;
  }
  if (options.json_output) {
    out << json{{"status", run->status}, {"error", run->error}, {"questions", run->questions},
                {"transcript", run->transcript}, {"report", run->report}}.dump(2) << "\n";
  } else {
    out << "Rehearsing " << (*format)->meta.value("title", "") << " (" << (*format)->record.id
        << ", version " << (*format)->record.version << ")\n";
    print_transcript(*run, out);
    print_report(run->report, out);
    if (run->answers_given > static_cast<int>(answers->first.size())) {
      out << "\n(" << answers->first.size() << " answers were given for " << run->answers_given
          << " questions; they were reused in order)\n";
    }
  }
  if (run->status == "failed") {
    err << format_problems({parse_problem(run->error, options.script_path)});
    return 1;
  }
  return 0;
}

}  // namespace mockroom::tools
