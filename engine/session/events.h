// Names of session event types and small helpers shared by the session files.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace mockroom::session::ev {

// Facts produced by the script's host calls, replayed in order.
inline constexpr std::string_view kSay = "say";
inline constexpr std::string_view kQuestion = "question";
inline constexpr std::string_view kAnswer = "answer";
inline constexpr std::string_view kFollowup = "followup";
inline constexpr std::string_view kAck = "ack";
inline constexpr std::string_view kBankGet = "bank_get";
inline constexpr std::string_view kBankPick = "bank_pick";
inline constexpr std::string_view kSection = "section";
inline constexpr std::string_view kReport = "report";
// Facts from outside the script, skipped by replay.
inline constexpr std::string_view kCreated = "created";
inline constexpr std::string_view kStatus = "status";
inline constexpr std::string_view kError = "error";
inline constexpr std::string_view kCodeSnapshot = "code_snapshot";  // the editor's contents
inline constexpr std::string_view kCodeRun = "code_run";            // "Run" with custom input
inline constexpr std::string_view kCodeSubmit = "code_submit";      // "Submit": hidden tests

// Session question ids count ask() calls ("q1", "q2", ...): the first one asked is "q1".
inline constexpr std::string_view kFirstQuestionId = "q1";

inline bool is_external(std::string_view type) {
  return type == kCreated || type == kStatus || type == kError || type == kCodeSnapshot ||
         type == kCodeRun || type == kCodeSubmit;
}

// The bank question a recorded question came from: a follow-up or a later part
// ("id#step") names its main question; questions the script wrote itself ("adhoc-...")
// or the candidate's own ("own-...") have none (""). Used for history and redo.
inline std::string main_bank_id(std::string_view recorded) {
  std::string_view id = recorded.substr(0, recorded.find('#'));
  if (id.starts_with("adhoc-") || id.starts_with("own-")) return {};
  return std::string(id);
}

// Serialises for storage; invalid UTF-8 from a script is replaced rather than thrown on.
inline std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The public view of a question: what clients see. Never the hidden tests, the reference
// solution, reference answer points or a case's facts.
inline nlohmann::json public_question(const nlohmann::json& q) {
  if (q.is_null()) return nullptr;
  nlohmann::json out = {{"id", q.value("id", "")},
                        {"text", q.value("text", "")},
                        {"number", q.value("number", 0)},
                        {"totalQuestions", q.value("totalQuestions", 0)},
                        {"isFollowUp", q.value("isFollowUp", false)}};
  if (q.contains("kind") && q["kind"].is_string()) out["kind"] = q["kind"];
  if (q.contains("step") && q["step"].is_string()) out["step"] = q["step"];
  if (q.contains("statement") && q["statement"].is_string()) {
    nlohmann::json problem = {{"title", q.value("title", "")}, {"statement", q["statement"]}};
    for (const char* key : {"examples", "starter"}) {
      if (q.contains(key)) problem[key] = q[key];
    }
    out["problem"] = std::move(problem);
  }
  return out;
}

}  // namespace mockroom::session::ev
