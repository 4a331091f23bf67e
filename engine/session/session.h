// Session: one interview, as its event log plus (while active) the Lua VM running its
// script. Implements ScriptHost: live, each host call reaches plugins and the bank and
// is appended to the log; while rebuilding after a pause, eviction or crash, each call
// is answered from the log (deterministic replay) and compared with what was recorded.
//
// Not thread-safe: SessionManager holds the session's mutex around every call.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "plugin/registry.h"
#include "script/catalog.h"
#include "script/prompt_overrides.h"
#include "script/interview_vm.h"
#include "store/store.h"

namespace mockroom::session {

// What every session needs from the engine. Outlives all sessions.
struct PickInput;

struct Environment {
  store::Store& store;
  plugin::Registry& plugins;
  const script::Catalog& catalog;
  script::Limits limits;
  std::function<int64_t()> now_ms;  // wall clock, unix ms
  const script::PromptOverrides* prompts = nullptr;  // the formats' own prompts; may be null
};

// Knowledge entries retrieved for one turn's LLM calls, and the most text they may add.
constexpr int kKnowledgePerTurn = 3;
constexpr std::size_t kMaxKnowledgeCharsPerTurn = 4000;

// Limits on what a candidate may send.
constexpr std::size_t kMaxAnswerBytes = 64 * 1024;
constexpr int kMaxFollowupsPerQuestion = 2;
constexpr std::size_t kMaxCodeBytes = 64 * 1024;
// Code snapshots, runs and submissions one interview may record, each.
constexpr std::size_t kMaxExternalEventsPerType = 5000;
// Languages a candidate may write code in.
inline constexpr std::array<std::string_view, 3> kCodeLanguages = {"python", "cpp", "javascript"};

// Checks code sent with an answer: {"language": one of kCodeLanguages, "source": text}.
Status check_code(const nlohmann::json& code);

// What one step of the interview produced, for the API response and the WebSocket.
struct TurnOutput {
  std::vector<std::string> messages;        // interviewer text, in order
  std::optional<nlohmann::json> question;   // the next question, if one was asked
  std::string status;
  std::vector<nlohmann::json> frames;       // WebSocket frames to publish, in order
  // The interview finished without the script asking for its report: score it after
  // the reply (SessionManager does, off the turn's path) or when it is first read.
  bool report_due = false;
};

class Session final : public script::ScriptHost {
 public:
  Session(Environment& env, store::SessionRecord record);
  ~Session() override;

  std::mutex& mutex() { return mu_; }
  const store::SessionRecord& record() const { return record_; }

  // Runs the script up to its first question. Called once, for a new session.
  Result<TurnOutput> start();
  // Delivers the candidate's answer to the open question.
  // `code` is the candidate's code with it, if any: {"language", "source"}.
  // Where frames go that cannot wait for the turn's commit: the interviewer's tokens as
  // the LLM streams them. Set by the manager around a turn; empty: none are sent live.
  void set_live_publisher(std::function<void(const nlohmann::json&)> publish) { live_ = std::move(publish); }

  // `voice` describes a spoken answer ({durationS, stt, confidence?, audioId?, ...}); it is
  // recorded with the answer, and the transcript shows it.
  Result<TurnOutput> answer(const std::string& question_id, const std::string& text,
                            const std::optional<nlohmann::json>& code = std::nullopt,
                            const std::optional<nlohmann::json>& voice = std::nullopt);
  // Asks the LLM call in flight, if any, to stop (the candidate interrupted, the session
  // ends, the engine stops): the offline fallback finishes the turn. Safe from any thread,
  // without the session's mutex. The flag clears when the next answer starts.
  void cancel_llm() { cancel_.store(true, std::memory_order_relaxed); }
  Result<TurnOutput> pause();
  Result<TurnOutput> resume();
  // Ends early: records the end; the report covers what was answered (report_due).
  Result<TurnOutput> end();

  // Views built from the log.
  Result<nlohmann::json> view();        // status, current question, transcript, timer
  Result<nlohmann::json> report_view();  // the report, producing it if it is missing
  // For a finished interview whose log has no report attempt yet: produces, commits and
  // returns it (null when the scorer failed). Otherwise returns nullopt and does nothing.
  Result<std::optional<nlohmann::json>> produce_due_report();
  // The WebSocket frame announcing a report.
  static nlohmann::json report_frame(const nlohmann::json& report);
  // Facts from outside the script (code snapshots, runs, submissions), committed now.
  // Refused unless the interview is in progress.
  Status record_external(std::string_view type, const nlohmann::json& payload);
  // The open question as recorded (null when none is open).
  nlohmann::json open_question() const;
  // The bank question asked as `question_id` ("q3") or with that bank id in this session.
  Result<std::string> bank_id_of(const std::string& question_id);

  // Drops the VM and the cached log; the next call rebuilds both. Returns whether it did.
  bool evict();
  bool has_vm() const { return vm_ != nullptr; }
  void touch() { last_used_ms_ = env_.now_ms(); }
  int64_t last_used_ms() const { return last_used_ms_.load(std::memory_order_relaxed); }

  // ScriptHost.
  void say(const std::string& text) override;
  void ask(const nlohmann::json& question) override;
  nlohmann::json followup(const nlohmann::json& question, const std::string& answer) override;
  std::string acknowledge(const std::string& answer) override;
  nlohmann::json bank_get(const std::string& id) override;
  nlohmann::json bank_pick(const nlohmann::json& filter) override;
  void section(const std::string& name, double minutes) override;
  nlohmann::json timer() override;
  void plan(int total_questions) override;
  nlohmann::json report() override;

 private:
  Status load_events();
  // Rebuilds the VM by replaying the log; afterwards the session is live again.
  Status rebuild();
  Result<TurnOutput> run_turn(const std::optional<std::string>& answer);
  // Records an event: buffered and committed by commit(); during replay, checked.
  void record(const std::string& type, nlohmann::json payload);
  // During replay: the next recorded script event, checked to be of `type`; nullptr
  // once the log is exhausted (the session is live from then on).
  const store::Event* replayed(const std::string& type);
  Status commit(const std::string& status);
  // The funnel steps the commit in preparation reaches (session_funnel.cpp):
  // `first_question_ms` is set when it records the session's first question.
  std::vector<store::FunnelEvent> funnel_steps(const std::string& status,
                                               std::optional<int64_t> first_question_ms) const;
  Status set_status(const std::string& status, const std::string& reason);
  void fill_rows(store::QuestionFilter filter, PickInput& in);
  std::vector<nlohmann::json> pick_own(int count, const std::vector<std::string>& exclude);
  nlohmann::json produce_report();
  // The report of the last attempt in the log: the report, null if it failed, nullopt
  // if there was none.
  std::optional<nlohmann::json> logged_report() const;
  nlohmann::json score_request() const;
  // {format, role, level, company} from the setup, for the LLM interviewer's persona.
  nlohmann::json interview_context() const;
  // Copies an LLM reply's model, token usage and fallback into its event's payload.
  void note_provider(const nlohmann::json& reply, nlohmann::json& payload);
  // Adds to an LLM request what grounds it: the format's prompt overrides, and the
  // knowledge retrieved for this answer (searched once per answer, shared by the turn's
  // calls), whose sources go into the event's payload. Only what the provider uses.
  void ground(nlohmann::json& request, nlohmann::json& payload, const std::string& answer);
  // Token usage and calls of the session's LLM work: the turns' events and an LLM judge's
  // report (scoring_llm). {calls, promptTokens, completionTokens, totalTokens, fallbacks, models}.
  nlohmann::json llm_usage() const;
  // The scorer-only fields of bank question `bank_id` (referencePoints, synonyms,
  // referenceAnswer), which never reach the script or the client; {} when it has none.
  nlohmann::json scoring_reference(const std::string& bank_id) const;
  // Practice recommendations for a fresh report: each main bank question below the
  // strong bar, with a redo date by spaced repetition (scheduled in the store, so the
  // picker honours it) and related questions from the same bank and competency.
  nlohmann::json practice_plan(const nlohmann::json& report) const;
  // `streamed`: its tokens went out live already, so only the whole message follows.
  void publish_message(const std::string& text, bool streamed = false);
  int total_questions() const;
  double total_minutes() const;
  // Active (not paused) time between two instants, from the log's status events.
  int64_t active_ms(int64_t from_ms, int64_t to_ms) const;

  Environment& env_;
  store::SessionRecord record_;
  nlohmann::json setup_;
  const script::FormatEntry* format_ = nullptr;  // the catalog's, or pinned_ below
  std::unique_ptr<script::FormatEntry> pinned_;  // an older version this session began with

  std::mutex mu_;
  std::unique_ptr<script::InterviewVm> vm_;
  std::vector<store::Event> events_;  // the committed log, loaded lazily
  bool events_loaded_ = false;
  std::vector<store::Event> pending_;  // recorded this turn, not yet committed
  std::size_t replay_cursor_ = 0;
  bool replaying_ = false;
  TurnOutput* turn_ = nullptr;  // collects output while a turn runs

  // Interview position, rebuilt by replay.
  int asked_ = 0;             // ask() calls so far
  int main_number_ = 0;       // main (non-follow-up) questions so far
  int followups_for_main_ = 0;
  nlohmann::json current_question_;  // null when none is open
  nlohmann::json main_question_;     // the main question the current thread is about
  std::vector<std::string> followups_asked_;  // follow-up texts asked about main_question_
  int planned_total_ = 0;     // main questions the script planned (plan()), 0 = setup's count
  // The script's clock: the time of the input it is handling (the start, or the answer),
  // taken from the log so that replay sees the same times.
  int64_t script_now_ms_ = 0;
  struct Section {
    std::string name;
    double minutes = 0;
    int64_t started_ms = 0;
  } section_;
  std::atomic<int64_t> last_used_ms_{0};  // read by the sweeper without the lock
  std::function<void(const nlohmann::json&)> live_;
  std::atomic<bool> cancel_{false};
  struct Retrieved {
    std::string key;  // the question and answer it was retrieved for
    nlohmann::json knowledge = nlohmann::json::array();  // [{id, kind, title, text}]
    nlohmann::json sources = nlohmann::json::array();    // [{id, kind, title}]
  } retrieved_;
};

}  // namespace mockroom::session
