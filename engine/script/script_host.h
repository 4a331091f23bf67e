// ScriptHost: what an interview script's host functions (say, ask, followup, bank.pick,
// section, report, ...) do. The session layer implements it: live, each call reaches the
// plugins and the store and is recorded in the event log; during replay, each call is
// answered from the log instead. The VM calls it on the thread that resumes the script.
// A method throws ScriptError to stop the script with that message at the calling line.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace mockroom::script {

class ScriptError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ScriptHost {
 public:
  virtual ~ScriptHost() = default;

  virtual void say(const std::string& text) = 0;
  // The question about to be put to the candidate (normalised: id, text, concepts, hints,
  // followup flag). The script then yields until the answer arrives.
  virtual void ask(const nlohmann::json& question) = 0;
  // A follow-up question (with "followup": true) or null when none is warranted.
  virtual nlohmann::json followup(const nlohmann::json& question, const std::string& answer) = 0;
  // A short acknowledgement of the answer, already said to the candidate.
  virtual std::string acknowledge(const std::string& answer) = 0;
  virtual nlohmann::json bank_get(const std::string& id) = 0;   // question or null
  virtual nlohmann::json bank_pick(const nlohmann::json& filter) = 0;  // array of questions
  virtual void section(const std::string& name, double minutes) = 0;
  // {elapsed, remaining, total[, section, sectionRemaining]} in minutes of active time.
  virtual nlohmann::json timer() = 0;
  // Declares how many main questions the interview will ask, for "Question 3 of 8".
  virtual void plan(int total_questions) = 0;
  virtual nlohmann::json report() = 0;
};

}  // namespace mockroom::script
