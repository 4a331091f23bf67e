#include "session/code_service.h"

#include <algorithm>
#include <chrono>

#include "session/events.h"
#include "session/session.h"

namespace mockroom::session {

using nlohmann::json;

namespace {

constexpr int kAccepted = 3, kTimeLimit = 5, kCompileError = 6, kMemoryLimit = 15;
constexpr std::size_t kFeedbackCompilerChars = 200;

// {language, code} from a request body, checked like an answer's code.
Result<json> code_of(const json& body) {
  if (!body.is_object() || !body.contains("code") || !body["code"].is_string()) {
    return invalid("'code' must be the program text");
  }
  json code = {{"language", body.value("language", json(nullptr))}, {"source", body["code"]}};
  if (auto st = check_code(code); !st.ok()) return st.error();
  return code;
}

// A coding problem in any of its parts, or a follow-up about one (of the problem's kind,
// its bank id naming the problem).
bool is_coding(const json& open) { return open.is_object() && open.value("kind", "") == "coding"; }

std::string base_id(const json& open) { return ev::main_bank_id(open.value("bankId", "")); }

json public_test(std::size_t index, const json& result, const json& test) {
  const json status = result.value("status", json::object());
  return {{"index", index + 1},
          {"passed", status.value("id", 0) == kAccepted},
          {"status", status},
          {"time", result.value("time", json(nullptr))},
          {"memory", result.value("memory", json(nullptr))},
          {"large", test.value("large", false)}};
}

}  // namespace

std::string submission_feedback(const json& verdict, const json& results, const json& tests,
                                const std::string& compile_output) {
  if (verdict.value("id", 0) == kCompileError) {
    std::string first = compile_output.substr(0, compile_output.find('\n'));
    if (first.size() > kFeedbackCompilerChars) first = first.substr(0, kFeedbackCompilerChars) + "...";
    return "It doesn't compile yet. The compiler says: " + first;
  }
  std::size_t total = results.size(), failed = 0, first_fail = total, smallest = 0;
  for (std::size_t i = 0; i < total; ++i) {
    if (results[i]["status"].value("id", 0) != kAccepted && failed++ == 0) first_fail = i;
    if (tests[i].value("input", "").size() < tests[smallest].value("input", "").size()) smallest = i;
  }
  if (failed == 0) return "All " + std::to_string(total) + " hidden tests pass. Nice work.";
  int status = results[first_fail]["status"].value("id", 0);
  if (status == kTimeLimit && tests[first_fail].value("large", false)) {
    return "Your solution handles the small cases, but it is too slow on the large inputs. "
           "Can you find an approach with a better time complexity?";
  }
  if (status == kTimeLimit) return "One test ran out of time. Is there an input that keeps your loop from finishing?";
  if (status == kMemoryLimit) return "One test ran out of memory. What are you storing that grows with the input?";
  if (status >= 7 && status <= 12) {
    return "Your code crashes on one of the hidden cases (" +
           results[first_fail]["status"].value("description", "runtime error") +
           "). What input could make it fail, for example an empty list or a single element?";
  }
  if (first_fail == smallest) {
    return "What happens when the input is as small as it can be, like an empty list or a single element?";
  }
  return std::to_string(failed) + " of " + std::to_string(total) +
         " hidden tests fail. Which edge cases haven't you covered yet: duplicates, negative numbers, "
         "or the largest values?";
}

CodeService::CodeService(SessionManager& sessions, const plugin::Registry& plugins, store::Store& store)
    : sessions_(sessions), plugins_(plugins), store_(store) {}

template <typename F>
Result<json> CodeService::with_slot(const std::string& id, F&& fn) {
  // An interview runs one program at a time; operators' direct runs (id "") are not tied
  // to a session.
  if (!id.empty()) {
    std::lock_guard lock(running_mu_);
    if (!running_.insert(id).second) return conflict("your previous run is still going; wait for its result");
  }
  auto release = [&] {
    if (id.empty()) return;
    std::lock_guard lock(running_mu_);
    running_.erase(id);
  };
  if (!slots_.try_acquire_for(std::chrono::seconds(kRunQueueWaitSeconds))) {
    release();
    return unavailable("the code runner is busy; try again in a moment");
  }
  auto result = fn();
  slots_.release();
  release();
  return result;
}

Result<json> CodeService::snapshot(int64_t user_id, const std::string& id, const json& body) {
  auto code = code_of(body);
  if (!code.ok()) return code.error();
  return sessions_.record_external(user_id, id, ev::kCodeSnapshot, *code);
}

Result<json> CodeService::run(int64_t user_id, const std::string& id, const json& body) {
  auto code = code_of(body);
  if (!code.ok()) return code.error();
  std::string stdin_text;
  if (body.contains("stdin")) {
    if (!body["stdin"].is_string()) return invalid("'stdin' must be text");
    stdin_text = body["stdin"].get<std::string>();
    if (stdin_text.size() > kMaxStdinBytes) return invalid("'stdin' is longer than 64 KiB");
  }
  auto open = sessions_.open_question(user_id, id);
  if (!open.ok()) return open.error();
  if ((*open)["status"] != "in_progress") return conflict("code runs while the interview is in progress");
  auto result = with_slot(id, [&] {
    return plugins_.runner_execute({{"language", (*code)["language"]}, {"source", (*code)["source"]},
                                    {"stdin", stdin_text}});
  });
  if (!result.ok()) return result.error();
  json recorded = {{"code", *code}, {"stdin", stdin_text}, {"status", (*result)["status"]},
                   {"time", result->value("time", json(nullptr))}};
  auto st = sessions_.record_external(user_id, id, ev::kCodeRun, recorded,
                                      {{{"type", "code_result"}, {"kind", "run"}, {"result", *result}}});
  if (!st.ok()) return st.error();
  return result;
}

Result<json> CodeService::hidden_problem(const json& open) {
  if (!is_coding(open) || base_id(open).empty()) return conflict("the open question is not a coding problem");
  auto hidden = store_.find_question_hidden(base_id(open));
  if (!hidden.ok()) {
    if (hidden.error().code == ErrorCode::kNotFound) return conflict("the open question is not a coding problem");
    return hidden.error();
  }
  json parsed = json::parse(*hidden, nullptr, false);
  if (!parsed.is_object() || !parsed["tests"].is_array() || parsed["tests"].empty()) {
    return internal("the problem " + base_id(open) + " has no hidden tests");
  }
  return parsed;
}

json CodeService::reference_times(const std::string& problem_id, const json& hidden) {
  {
    std::lock_guard lock(reference_mu_);
    if (auto it = reference_times_.find(problem_id); it != reference_times_.end()) return it->second;
  }
  json times = json::array();
  const json& reference = hidden.value("reference", json::object());
  json batch = json::array();
  std::vector<std::size_t> indices;
  const json& tests = hidden["tests"];
  for (std::size_t i = 0; i < tests.size(); ++i) {
    if (!tests[i].value("large", false)) continue;
    batch.push_back({{"stdin", tests[i].value("input", "")}, {"expected_output", tests[i].value("output", "")}});
    indices.push_back(i);
  }
  if (batch.empty() || !reference.is_object() || !reference.contains("source")) return times;
  auto ran = with_slot("", [&] {
    return plugins_.runner_execute_batch({{"language", reference.value("language", "")},
                                          {"source", reference["source"]}, {"tests", batch}});
  });
  // A reference that fails here (runner down or busy) is tried again on the next submit.
  if (!ran.ok()) return times;
  json results = ran->value("results", json::array());
  if (!results.is_array() || results.size() != batch.size()) return times;
  for (std::size_t k = 0; k < results.size(); ++k) {
    const json& r = results[k];
    if (r.value("status", json::object()).value("id", 0) != kAccepted || !r.contains("time")) return json::array();
    times.push_back({{"index", indices[k] + 1}, {"time", r["time"]}});
  }
  std::lock_guard lock(reference_mu_);
  reference_times_[problem_id] = times;
  return times;
}

Result<json> CodeService::submit(int64_t user_id, const std::string& id, const json& body) {
  auto code = code_of(body);
  if (!code.ok()) return code.error();
  auto open = sessions_.open_question(user_id, id);
  if (!open.ok()) return open.error();
  if ((*open)["status"] != "in_progress") return conflict("code is submitted while the interview is in progress");
  auto hidden = hidden_problem((*open)["question"]);
  if (!hidden.ok()) return hidden.error();
  const json* tests = &(*hidden)["tests"];
  json batch = json::array();
  for (const auto& t : *tests) batch.push_back({{"stdin", t.value("input", "")}, {"expected_output", t.value("output", "")}});
  auto ran = with_slot(id, [&] {
    return plugins_.runner_execute_batch({{"language", (*code)["language"]}, {"source", (*code)["source"]},
                                          {"tests", batch}});
  });
  if (!ran.ok()) return ran.error();
  json compile = ran->value("compile", json(nullptr));
  json results = ran->value("results", json::array());
  if (!results.is_array() || (compile.is_null() && results.size() != tests->size())) {
    return unavailable("the code runner returned " + std::to_string(results.size()) + " results for " +
                       std::to_string(tests->size()) + " tests");
  }
  json verdict = {{"id", kAccepted}, {"description", "Accepted"}};
  json per_test = json::array();
  int passed = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    per_test.push_back(public_test(i, results[i], (*tests)[i]));
    if (per_test.back()["passed"]) ++passed;
    else if (verdict["id"] == kAccepted) verdict = results[i].value("status", verdict);
  }
  std::string compile_output;
  if (compile.is_object() && compile.value("status", json::object()).value("id", 0) == kCompileError) {
    verdict = compile["status"];
    compile_output = compile.value("compile_output", "");
  }
  std::string feedback = submission_feedback(verdict, results, *tests, compile_output);
  json out = {{"verdict", verdict}, {"passed", passed}, {"total", tests->size()}, {"tests", per_test},
              {"compileOutput", compile_output}, {"feedback", feedback},
              {"questionId", (*open)["question"].value("id", "")}};
  json recorded = out;
  recorded["code"] = *code;
  // For the scorer's efficiency criterion; never shown to the candidate.
  if (compile_output.empty()) recorded["referenceTimes"] = reference_times(base_id((*open)["question"]), *hidden);
  auto st = sessions_.record_external(
      user_id, id, ev::kCodeSubmit, recorded,
      {{{"type", "code_result"}, {"kind", "submit"}, {"result", out}},
       {{"type", "message"}, {"role", "interviewer"}, {"text", feedback}}});
  if (!st.ok()) return st.error();
  return out;
}

Result<json> CodeService::check_reference(const json& reference, const json& tests) {
  if (!reference.is_object() || !reference.contains("source") || !reference["source"].is_string()) {
    return invalid("the reference solution must be {\"language\", \"source\"}");
  }
  json code = {{"language", reference.value("language", json(nullptr))}, {"source", reference["source"]}};
  if (auto st = check_code(code); !st.ok()) return invalid("reference: " + st.error().message);
  if (!tests.is_array() || tests.empty()) return invalid("a coding problem needs hidden tests");
  json batch = json::array();
  for (const auto& t : tests) batch.push_back({{"stdin", t.value("input", "")}, {"expected_output", t.value("output", "")}});
  auto ran = with_slot("", [&] {
    return plugins_.runner_execute_batch({{"language", code["language"]}, {"source", code["source"]}, {"tests", batch}});
  });
  if (!ran.ok()) return ran.error();
  json compile = ran->value("compile", json(nullptr));
  json results = ran->value("results", json::array());
  json out = {{"passed", 0}, {"total", tests.size()}, {"tests", json::array()}, {"compileOutput", ""}};
  if (compile.is_object() && compile.value("status", json::object()).value("id", 0) == kCompileError) {
    out["compileOutput"] = compile.value("compile_output", "");
    return out;
  }
  if (!results.is_array() || results.size() != tests.size()) {
    return unavailable("the code runner returned " + std::to_string(results.size()) + " results for " +
                       std::to_string(tests.size()) + " tests");
  }
  int passed = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    json row = public_test(i, results[i], tests[i]);
    if (row["passed"]) ++passed;
    else if (results[i].contains("stdout") && results[i]["stdout"].is_string())  // the coach's own test: shown
      row["stdout"] = results[i]["stdout"].get<std::string>().substr(0, 200);
    out["tests"].push_back(std::move(row));
  }
  out["passed"] = passed;
  return out;
}

Result<json> CodeService::execute(const json& request) {
  if (!request.is_object()) return invalid("the request must be a JSON object");
  return with_slot("", [&] { return plugins_.runner_execute(request); });
}

}  // namespace mockroom::session
