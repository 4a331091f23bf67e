// Funnel events and session ratings in SQLite.
#include "store/sqlite_queries.h"

namespace mockroom::store::sql {

void record_funnel_events(Db& db, const std::vector<FunnelEvent>& events) {
  if (events.empty()) return;
  // OR IGNORE: a step already recorded for the session stays as first recorded (the
  // unique index on (session_id, type) makes "once per session" hold on every path).
  auto stmt = db.prepare(
      "INSERT OR IGNORE INTO funnel_events(type, user_id, session_id, model_version, "
      "session_duration_seconds, at_ms) VALUES(?,?,?,?,?,?)");
  for (const auto& e : events) {
    stmt.reset();
    stmt.bind(1, e.type).bind(2, e.user_id).bind(3, e.session_id).bind(4, e.model_version)
        .bind(5, e.session_duration_seconds).bind(6, e.at_ms);
    stmt.run();
  }
}

std::vector<FunnelEvent> list_funnel_events(Db& db, const std::string& session_id) {
  auto stmt = db.prepare(
      "SELECT type, user_id, session_id, model_version, session_duration_seconds, at_ms "
      "FROM funnel_events WHERE session_id = ? ORDER BY id");
  stmt.bind(1, session_id);
  std::vector<FunnelEvent> out;
  while (stmt.step()) {
    out.push_back({stmt.text(0), stmt.int64(1), stmt.text(2), stmt.text(3), stmt.int64(4), stmt.int64(5)});
  }
  return out;
}

Status save_rating(Db& db, const Rating& r) {
  auto stmt = db.prepare(
      "INSERT INTO ratings(session_id, user_id, model_version, realism, ease_of_use, "
      "feedback_helpfulness, overall_satisfaction, comment, rated_at_ms) "
      "VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT(session_id) DO NOTHING");
  stmt.bind(1, r.session_id).bind(2, r.user_id).bind(3, r.model_version)
      .bind(4, int64_t{r.realism}).bind(5, int64_t{r.ease_of_use})
      .bind(6, int64_t{r.feedback_helpfulness}).bind(7, int64_t{r.overall_satisfaction})
      .bind(8, r.comment).bind(9, r.rated_at_ms);
  stmt.run();
  if (db.changes() == 0) return conflict("this interview is already rated; a session is rated once");
  return {};
}

Result<Rating> find_rating(Db& db, const std::string& session_id) {
  auto stmt = db.prepare(
      "SELECT session_id, user_id, model_version, realism, ease_of_use, feedback_helpfulness, "
      "overall_satisfaction, comment, rated_at_ms FROM ratings WHERE session_id = ?");
  stmt.bind(1, session_id);
  if (!stmt.step()) return not_found("this interview has not been rated yet");
  return Rating{stmt.text(0),
                stmt.int64(1),
                stmt.text(2),
                static_cast<int>(stmt.int64(3)),
                static_cast<int>(stmt.int64(4)),
                static_cast<int>(stmt.int64(5)),
                static_cast<int>(stmt.int64(6)),
                stmt.text(7),
                stmt.int64(8)};
}

}  // namespace mockroom::store::sql
