// Every bundled format, rehearsed end to end through the real session layer and plugins:
// a full interview, follow-ups capped at two, progress numbers right, a report produced.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "tools/validate.h"
#include "tools/workbench.h"

namespace mockroom::tools {
namespace {

using nlohmann::json;

const std::vector<std::string> kBundled = {"behavioral",   "technical",    "coding",
                                           "system_design", "case_study",  "mixed",
                                           "amazon_style", "google_style", "meta_style",
                                           "startup_style"};

std::unique_ptr<Workbench> bench(double minutes_per_answer = 0.5) {
  WorkbenchOptions o;
  o.interviews_dir = std::string(MOCKROOM_SOURCE_DIR) + "/interviews";
  o.plugin_dir = MOCKROOM_PLUGIN_DIR;
  o.minutes_per_answer = minutes_per_answer;
  auto wb = Workbench::open(o);
  REQUIRE_MESSAGE(wb.ok(), (wb.ok() ? "" : wb.error().message));
  return std::move(wb.value());
}

std::vector<ScriptedAnswer> answers() {
  return {{"At my last company our checkout service kept timing out during sales. I owned the fix: I "
           "profiled it, found a lock held across a network call, and moved the call out. Timeouts "
           "fell by 90 percent and revenue during the next sale rose 12 percent.", std::nullopt},
          {"I would clarify the input size first, then use a hash map for O(n) time and O(n) space, "
           "and test empty input, duplicates and the largest case.",
           json{{"language", "python"}, {"source", "print(input())\n"}}}};
}

// Checks the progress numbers and the follow-up cap over the recorded questions.
void check_progress(const json& questions, bool finished_plan) {
  REQUIRE(questions.size() > 0);
  int last_main = 0;
  std::map<int, int> followups;
  std::set<std::string> mains;
  for (const auto& q : questions) {
    int number = q["number"].get<int>();
    CHECK(number >= 1);
    CHECK(number <= q["totalQuestions"].get<int>());
    if (q["isFollowUp"].get<bool>()) {
      CHECK(number == last_main);
      ++followups[number];
    } else if (number != last_main) {
      CHECK(number == last_main + 1);  // no gaps, no going back
      last_main = number;
      CHECK(mains.insert(q["bankId"].get<std::string>()).second);  // never the same question twice
    }
  }
  for (const auto& [number, n] : followups) CHECK(n <= 2);
  if (finished_plan) CHECK(last_main == questions.back()["totalQuestions"].get<int>());
}

// The report's structure, which the web client, the export and progress rely on.
void check_report(const json& r) {
  REQUIRE(r.is_object());
  CHECK(r["overallScore"].is_number_integer());
  CHECK(r["overallScore"].get<int>() >= 0);
  CHECK(r["overallScore"].get<int>() <= 100);
  const std::set<std::string> signals = {"Strong Hire", "Hire", "Lean No Hire", "No Hire"};
  CHECK(signals.count(r["hireSignal"].get<std::string>()) == 1);
  REQUIRE(r["categories"].size() >= 4);
  const char* fixed[] = {"Communication", "Problem Solving", "Algorithm Reasoning", "Coding"};
  for (std::size_t i = 0; i < r["categories"].size(); ++i) {
    const json& c = r["categories"][i];
    CAPTURE(c["name"]);
    if (i < 4) CHECK(c["name"] == fixed[i]);
    else CHECK(c["extra"] == true);  // the format's own categories follow the four
    CHECK_FALSE(c["explanation"].get<std::string>().empty());
    if (c["assessed"] == true) {
      CHECK(c["score"].is_number_integer());
      CHECK(c["examples"].size() >= 1);  // at least one quoted example
      for (const json& e : c["examples"]) CHECK_FALSE(e["quote"].get<std::string>().empty());
    } else {
      CHECK(c["score"].is_null());
    }
  }
  for (const char* key : {"strengths", "improvements", "notes", "answers"}) CHECK(r[key].is_array());
  for (const json& n : r["notes"]) {
    CHECK(n["atSeconds"].is_number());
    CHECK_FALSE(n["text"].get<std::string>().empty());
  }
  CHECK_FALSE(r["summary"].get<std::string>().empty());
  CHECK_FALSE(r["nextStep"].get<std::string>().empty());
}

}  // namespace

TEST_CASE("every bundled format runs end to end with a report") {
  auto wb = bench();
  for (const auto& id : kBundled) {
    CAPTURE(id);
    auto run = wb->rehearse(id, json::object(), answers());
    REQUIRE_MESSAGE(run.ok(), (run.ok() ? "" : run.error().message));
    CHECK_MESSAGE(run->status == "completed", run->error);
    check_progress(run->questions, /*finished_plan=*/true);
    check_report(run->report);
  }
}

TEST_CASE("formats serve their setup options and honour them") {
  auto wb = bench();
  const auto* technical = wb->catalog().format("technical");
  REQUIRE(technical);
  const json& opts = technical->meta["options"];
  CHECK(opts["technologies"]["multiple"] == true);
  CHECK(opts["minutes"]["choices"] == json::array({30, 45, 60}));
  auto run = wb->rehearse("technical", {{"technologies", {"sql"}}, {"questionCount", 3}}, answers());
  REQUIRE(run.ok());
  int mains = 0;
  for (const auto& q : run->questions) {
    if (q["isFollowUp"].get<bool>()) continue;
    ++mains;
    CHECK(q["competency"] == "sql");
    CHECK(q["totalQuestions"] == 3);
  }
  CHECK(mains == 3);
  CHECK_FALSE(wb->rehearse("technical", {{"technologies", {"cobol"}}}, answers()).ok());
  CHECK_FALSE(wb->rehearse("technical", {{"technologies", json::array()}}, answers()).ok());
  CHECK_FALSE(wb->rehearse("technical", {{"role", std::string(500, 'x')}}, answers()).ok());
}

TEST_CASE("coding problems reach the candidate without hidden tests or the reference") {
  auto wb = bench();
  auto run = wb->rehearse("coding", {{"questionCount", 2}}, answers());
  REQUIRE(run.ok());
  int problems = 0;
  for (const auto& q : run->questions) {
    CHECK_FALSE(q.contains("tests"));
    CHECK_FALSE(q.contains("reference"));
    if (q.value("step", "") == "approach") {
      ++problems;
      CHECK(q["statement"].is_string());
      CHECK(q["starter"].contains("python"));
    }
  }
  CHECK(problems == 2);
  auto hidden = wb->store().find_question_hidden(run->questions[0]["bankId"].get<std::string>());
  REQUIRE(hidden.ok());
  CHECK(json::parse(*hidden)["tests"].size() >= 8);
  bool code_recorded = false;
  for (const auto& t : run->transcript) code_recorded |= t.contains("code");
  CHECK(code_recorded);
}

TEST_CASE("the interviewer wraps up when the time box runs out") {
  auto wb = bench(/*minutes_per_answer=*/9);
  auto run = wb->rehearse("behavioral", {{"questionCount", 10}, {"minutes", 30}}, answers());
  REQUIRE(run.ok());
  CHECK(run->status == "completed");
  int mains = 0;
  for (const auto& q : run->questions) mains += !q["isFollowUp"].get<bool>();
  CHECK(mains < 10);
  check_progress(run->questions, /*finished_plan=*/false);
  REQUIRE(run->report.is_object());
}

TEST_CASE("a resume tailors the behavioral interview") {
  auto wb = bench();
  REQUIRE(wb->set_candidate_resume({{"roles", {{{"title", "Data Engineer"}, {"company", "Northwind"},
                                                {"startYear", 2020}, {"endYear", nullptr}}}},
                                    {"technologies", {"Python", "Spark"}}}).ok());
  auto run = wb->rehearse("behavioral", json::object(), answers());
  REQUIRE(run.ok());
  bool tailored = false;
  for (const auto& q : run->questions) {
    tailored |= q["text"].get<std::string>().find("worked as Data Engineer at Northwind") != std::string::npos;
  }
  CHECK(tailored);
}

TEST_CASE("the candidate's own questions are asked when chosen") {
  auto wb = bench();
  REQUIRE(wb->store().add_user_questions(wb->candidate().id, {{0, 0, "Why should we hire you for the platform team?", "", 0}}).ok());
  auto run = wb->rehearse("behavioral", {{"ownQuestions", true}}, answers());
  REQUIRE(run.ok());
  bool asked = false;
  for (const auto& q : run->questions) asked |= q["text"] == "Why should we hire you for the platform team?";
  CHECK(asked);
}

TEST_CASE("recent questions are not repeated; a due redo comes back first") {
  auto wb = bench();
  auto first = wb->rehearse("technical", {{"technologies", {"sql"}}, {"questionCount", 5}}, answers());
  REQUIRE(first.ok());
  std::set<std::string> seen;
  for (const auto& q : first->questions) {
    if (!q["isFollowUp"].get<bool>()) seen.insert(q["bankId"].get<std::string>());
  }
  auto second = wb->rehearse("technical", {{"technologies", {"sql"}}, {"questionCount", 5}}, answers());
  REQUIRE(second.ok());
  for (const auto& q : second->questions) {
    if (!q["isFollowUp"].get<bool>()) CHECK_FALSE(seen.count(q["bankId"].get<std::string>()));
  }
  std::string redo = *seen.begin();
  auto scheduled = wb->sessions().schedule_redo(wb->candidate().id, first->session_id, redo, 2);
  REQUIRE_MESSAGE(scheduled.ok(), (scheduled.ok() ? "" : scheduled.error().message));
  auto early = wb->rehearse("technical", {{"technologies", {"sql"}}, {"questionCount", 3}}, answers());
  REQUIRE(early.ok());
  CHECK(early->questions[0]["bankId"] != redo);  // not due yet
  wb->advance_clock(3LL * 24 * 60 * 60 * 1000);
  // Reports schedule redos of weak answers too (spaced repetition); whichever are due now
  // come back first, the candidate's own among them.
  auto history = wb->store().question_history(wb->candidate().id);
  REQUIRE(history.ok());
  std::set<std::string> due_now;
  for (const auto& h : *history)
    if (h.redo_at_ms && *h.redo_at_ms <= wb->now_ms()) due_now.insert(h.question_id);
  CHECK(due_now.count(redo) == 1);
  auto due = wb->rehearse("technical", {{"technologies", {"sql"}}, {"questionCount", 3}}, answers());
  REQUIRE(due.ok());
  CHECK(due_now.count(due->questions[0]["bankId"].get<std::string>()) == 1);
}

TEST_CASE("validate rejects broken scripts with line numbers") {
  auto wb = bench();
  auto dir = std::filesystem::temp_directory_path() / "mockroom-validate-test";
  std::filesystem::create_directories(dir);
  auto check = [&](const std::string& name, const std::string& body, int line, const std::string& words) {
    auto path = dir / name;
    std::ofstream(path) << body;
    auto problems = validate_script(*wb, path.string());
    REQUIRE_MESSAGE(problems.size() == 1, format_problems(problems));
    CHECK_MESSAGE(problems[0].line == line, format_problems(problems));
    CHECK_MESSAGE(problems[0].message.find(words) != std::string::npos, format_problems(problems));
  };
  const std::string head = "interview { id = 't1', title = 'T', kind = 'behavioral', rubric = 'behavioral' }\n";
  check("syntax.lua", head + "function run(ctx)\n  say('hi'\nend\n", 4, "expected");
  check("bank.lua", head + "function run(ctx)\n  local q = bank.get('no-such-question')\n  discuss(q)\n  return report()\nend\n",
        3, "no-such-question");
  check("runtime.lua", head + "function run(ctx)\n  say('hello')\n  undefined_helper()\nend\n", 4, "undefined_helper");
  check("rubric.lua", "interview { id = 't2', title = 'T', kind = 'behavioral', rubric = 'nope' }\nfunction run() end\n",
        0, "rubric 'nope'");
  check("kind.lua", head + "function run(ctx)\n  local qs = bank.pick { kind = 'poetry', count = 2 }\n  return report()\nend\n",
        3, "kind 'poetry'");
  auto good = dir / "good.lua";
  std::ofstream(good) << head << "function run(ctx)\n  discuss(bank.get('tell-me-about-yourself'))\n  return close()\nend\n";
  CHECK(validate_script(*wb, good.string()).empty());
  std::filesystem::remove_all(dir);
}

}  // namespace mockroom::tools
