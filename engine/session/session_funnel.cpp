// Session: which funnel steps a commit reaches. The steps ride on the commit that makes
// them true, so every path records them the same way: session_start with the commit that
// asks the first question; session_complete with the commit after which a completed
// interview has its report, whether the report came in the final turn, from the
// background scorer or on first read. The store keeps the first of each type per session.
#include <algorithm>
#include <optional>

#include "analytics/funnel.h"
#include "session/events.h"
#include "session/session.h"

namespace mockroom::session {

using nlohmann::json;

namespace {

bool is_completed_status(const store::Event& e) {
  return e.type == ev::kStatus && json::parse(e.payload_json).value("status", "") == "completed";
}

// When the interview became completed: its last "completed" status event.
std::optional<int64_t> completed_at(const std::vector<store::Event>& pending,
                                    const std::vector<store::Event>& committed) {
  for (const auto* events : {&pending, &committed}) {
    for (auto it = events->rbegin(); it != events->rend(); ++it) {
      if (is_completed_status(*it)) return it->at_ms;
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<store::FunnelEvent> Session::funnel_steps(const std::string& status,
                                                      std::optional<int64_t> first_question_ms) const {
  std::vector<store::FunnelEvent> steps;
  int64_t now = env_.now_ms();
  if (first_question_ms) {
    steps.push_back(analytics::funnel_event(analytics::kSessionStart, record_,
                                            analytics::model_version(env_.plugins), *first_question_ms, now));
  }
  if (status != "completed") return steps;
  // Only a commit that brings the report or the completion can complete the session, so
  // other commits need not look for the report.
  bool brings_it = std::any_of(pending_.begin(), pending_.end(), [](const store::Event& e) {
    return e.type == ev::kReport || is_completed_status(e);
  });
  if (!brings_it) return steps;
  auto report = logged_report();
  if (!report || !report->is_object()) return steps;  // not delivered (yet): no step
  steps.push_back(analytics::funnel_event(analytics::kSessionComplete, record_,
                                          analytics::model_version(env_.plugins),
                                          completed_at(pending_, events_).value_or(now), now));
  return steps;
}

}  // namespace mockroom::session
