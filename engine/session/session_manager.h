// SessionManager: the engine's live sessions and the only way to reach them. Loads a
// session from the store on first use (any engine can resume any session from its log),
// serialises calls per session, publishes each turn's frames to WebSocket subscribers
// after the turn is committed, and drops idle sessions' VMs to keep memory flat.
// Thread-safe; no session lock is ever held while taking the map lock.
#pragma once

#include <condition_variable>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "session/session.h"
#include "util/alarm_clock.h"
#include "util/background_worker.h"

namespace mockroom::session {

// Receives the frames of one step of a session (a turn, a status change) in order.
using Listener = std::function<void(const std::vector<nlohmann::json>& frames)>;

constexpr int kDefaultRedoDays = 2;
constexpr int kMaxRedoDays = 90;
// A turn still running after this is told "thinking" again.
inline constexpr std::chrono::seconds kThinkingAgain{3};

struct ManagerOptions {
  int idle_evict_seconds = 300;  // drop an idle session's VM after this long
  int history_limit = 200;       // sessions listed by GET /api/interviews
  // Finished interviews waiting to be scored in the background; past this, a report is
  // made when it is first read instead.
  std::size_t max_queued_reports = 10000;
  int report_nice = 10;  // added to the scoring thread's nice value: turns come first
  std::chrono::milliseconds thinking_again = kThinkingAgain;
};

class SessionManager {
 public:
  SessionManager(Environment& env, ManagerOptions options);
  ~SessionManager();

  // Creates a session of `format_id` for `user` with a validated setup and runs it to
  // its first question. Returns {id, status, currentQuestion, messages}.
  // `extra_ctx` is merged into the script's ctx (e.g. {"package": {...}}).
  Result<nlohmann::json> create(const store::User& user, const std::string& format_id,
                                const nlohmann::json& setup_request,
                                const nlohmann::json& extra_ctx = nlohmann::json::object());
  Result<nlohmann::json> answer(int64_t user_id, const std::string& id,
                                const std::string& question_id, const std::string& text,
                                const std::optional<nlohmann::json>& code = std::nullopt,
                                const std::optional<nlohmann::json>& voice = std::nullopt);
  Result<nlohmann::json> pause(int64_t user_id, const std::string& id);
  Result<nlohmann::json> resume(int64_t user_id, const std::string& id);
  // Ends the interview; an LLM reply still being written is cut short first.
  Result<nlohmann::json> end(int64_t user_id, const std::string& id);
  // The candidate interrupted: the LLM reply being written, if any, stops, and the offline
  // interviewer finishes the turn. Does not wait for the turn and never reads the store,
  // so it is safe on an IO thread. Returns {interrupted: true}.
  Result<nlohmann::json> interrupt(int64_t user_id, const std::string& id);
  // Engine shutdown: every LLM call in flight stops, so turns finish quickly.
  void cancel_all();
  Result<nlohmann::json> view(int64_t user_id, const std::string& id);
  Result<nlohmann::json> report(int64_t user_id, const std::string& id);
  Result<nlohmann::json> history(int64_t user_id);
  // Schedules the bank question behind `question_id` (a session question id like "q3", or
  // its bank id) to come back in `days` days; returns {questionId, bankId, redoAt}.
  Result<nlohmann::json> schedule_redo(int64_t user_id, const std::string& id,
                                       const std::string& question_id, int days);

  // For work done outside the session's lock (running code): the open question and
  // status, then recording what came of it (and publishing `frames`).
  Result<nlohmann::json> open_question(int64_t user_id, const std::string& id);
  Result<nlohmann::json> record_external(int64_t user_id, const std::string& id,
                                         std::string_view type, const nlohmann::json& payload,
                                         const std::vector<nlohmann::json>& frames = {});

  // Frames for `id` go to `listener` until unsubscribe(token). The listener is called
  // from whichever thread ran the turn and must not block or call back into the manager.
  Result<uint64_t> subscribe(int64_t user_id, const std::string& id, Listener listener);
  void unsubscribe(const std::string& id, uint64_t token);
  // Publishes a frame outside a turn (e.g. "thinking").
  void publish(const std::string& id, const nlohmann::json& frame);

  // Waits until every report queued so far has been made (tests).
  void drain_reports() { reports_.drain(); }

  // Drops VMs idle for longer than the option; returns how many. Runs periodically.
  std::size_t evict_idle();
  std::size_t live_vms() const;

 private:
  // The session if it exists and belongs to user_id; otherwise not found (never 403, so
  // nobody can learn which ids exist).
  Result<std::shared_ptr<Session>> get(int64_t user_id, const std::string& id);
  template <typename F>
  Result<nlohmann::json> with_session(int64_t user_id, const std::string& id, F&& body);
  Result<nlohmann::json> status_call(int64_t user_id, const std::string& id,
                                     Result<TurnOutput> (Session::*method)());
  nlohmann::json turn_json(const TurnOutput& out) const;
  void publish_all(const std::string& id, const std::vector<nlohmann::json>& frames);
  // Scores a finished interview on the background worker, then publishes its report frame.
  void schedule_report(int64_t user_id, const std::string& id);

  Environment& env_;
  ManagerOptions options_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<Session>> sessions_;
  std::mutex listeners_mu_;
  std::unordered_map<std::string, std::vector<std::pair<uint64_t, Listener>>> listeners_;
  uint64_t next_token_ = 1;

  std::mutex sweep_mu_;
  std::condition_variable sweep_cv_;
  bool stopping_ = false;
  std::thread sweeper_;
  util::AlarmClock alarms_{"mr-thinking"};  // the "still thinking" frame of a slow turn
  util::BackgroundWorker reports_;  // last: its tasks use everything above
};

}  // namespace mockroom::session
