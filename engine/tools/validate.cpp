#include "tools/validate.h"

#include <filesystem>
#include <regex>

namespace mockroom::tools {

namespace {

using nlohmann::json;

// Answers for the dry run: long enough to draw follow-ups, with some code for coding parts.
const std::vector<ScriptedAnswer>& sample_answers() {
  static const std::vector<ScriptedAnswer> answers = {
      {"In my last role I owned the migration of our billing service to a new queue. I mapped "
       "the risks, wrote a rollback plan, and moved traffic in stages; latency fell by 30 percent "
       "and we had no incidents. I learned to agree on success metrics before starting.",
       std::nullopt},
      {"I would start by clarifying the inputs and constraints, then use a hash map to get linear "
       "time, and test the empty input, duplicates and the largest case.",
       json{{"language", "python"}, {"source", "import sys\nprint(sys.stdin.read())\n"}}},
  };
  return answers;
}

int line_of(const std::string& source, std::size_t offset) {
  return 1 + static_cast<int>(std::count(source.begin(), source.begin() + static_cast<long>(offset), '\n'));
}

// bank.get("id") must name a bank question; bank.pick{kind = "k"} a kind the bank has.
void check_references(Workbench& bench, const std::string& source, const std::string& file,
                      std::vector<Problem>& out) {
  static const std::regex get_call(R"(bank\.get\s*\(?\s*["']([^"']+)["'])");
  for (auto it = std::sregex_iterator(source.begin(), source.end(), get_call); it != std::sregex_iterator(); ++it) {
    if (!bench.store().find_question((*it)[1]).ok()) {
      out.push_back({file, line_of(source, static_cast<std::size_t>(it->position())),
                     "bank.get: no question with id '" + (*it)[1].str() + "' in interviews/banks/"});
    }
  }
  // bank.pick{...}, pick(ctx, {...}) and a round's pick = {...}.
  static const std::regex pick_kind(
      R"(pick\s*(?:\(\s*ctx\s*,\s*)?=?\s*\{[^}]*?kind\s*=\s*["']([a-z_]+)["'])");
  for (auto it = std::sregex_iterator(source.begin(), source.end(), pick_kind); it != std::sregex_iterator(); ++it) {
    std::string kind = (*it)[1];
    if (kind == "own") continue;
    auto count = bench.store().count_questions(kind);
    if (count.ok() && *count == 0) {
      out.push_back({file, line_of(source, static_cast<std::size_t>(it->position(1))),
                     "bank.pick: no bank questions of kind '" + kind + "'"});
    }
  }
}

}  // namespace

Problem parse_problem(const std::string& error, const std::string& fallback_file) {
  // The first "file.lua:LINE: message" in the text, wherever the engine wrapped it.
  static const std::regex located(R"(([^:\s]+\.lua):(\d+):\s*([\s\S]*)$)");
  std::smatch m;
  if (std::regex_search(error, m, located)) return {m[1], std::stoi(m[2]), m[3]};
  return {fallback_file, 0, error};
}

std::vector<Problem> validate_script(Workbench& bench, const std::string& path) {
  auto source = read_script(path);
  if (!source.ok()) return {{path, 0, source.error().message}};
  return validate_source(bench, *source, std::filesystem::path(path).filename().string());
}

std::vector<Problem> validate_source(Workbench& bench, const std::string& source, const std::string& file) {
  auto added = bench.add_source(source, "@" + file);
  if (!added.ok()) return {parse_problem(added.error().message, file)};
  std::vector<Problem> problems;
  check_references(bench, source, file, problems);
  if (!problems.empty()) return problems;
  auto run = bench.rehearse((*added)->record.id, json::object(), sample_answers());
  if (!run.ok()) return {parse_problem(run.error().message, file)};
  if (run->status == "failed") problems.push_back(parse_problem(run->error, file));
  else if (run->status != "completed") problems.push_back({file, 0, "the dry run did not finish: " + run->error});
  return problems;
}

std::string format_problems(const std::vector<Problem>& problems) {
  std::string out;
  for (const auto& p : problems) {
    out += p.file;
    if (p.line > 0) out += ":" + std::to_string(p.line);
    out += ": " + p.message + "\n";
  }
  return out;
}

}  // namespace mockroom::tools
