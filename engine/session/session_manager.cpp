#include "session/session_manager.h"

#include <spdlog/spdlog.h>

#include "script/format.h"
#include "session/events.h"
#include "util/crypto.h"

namespace mockroom::session {

using nlohmann::json;

SessionManager::SessionManager(Environment& env, ManagerOptions options)
    : env_(env), options_(options),
      reports_("mockroom-report", options.max_queued_reports, options.report_nice) {
  sweeper_ = std::thread([this] {
    std::unique_lock lock(sweep_mu_);
    auto period = std::chrono::seconds(std::max(1, options_.idle_evict_seconds / 4));
    while (!sweep_cv_.wait_for(lock, period, [this] { return stopping_; })) {
      lock.unlock();
      std::size_t n = evict_idle();
      if (n) spdlog::debug("evicted {} idle sessions", n);
      lock.lock();
    }
  });
}

SessionManager::~SessionManager() {
  {
    std::lock_guard lock(sweep_mu_);
    stopping_ = true;
  }
  sweep_cv_.notify_all();
  sweeper_.join();
}

Result<std::shared_ptr<Session>> SessionManager::get(int64_t user_id, const std::string& id) {
  {
    std::lock_guard lock(mu_);
    auto it = sessions_.find(id);
    if (it != sessions_.end()) {
      if (it->second->record().user_id != user_id) return not_found("interview not found");
      return it->second;
    }
  }
  auto rec = env_.store.find_session(id);
  if (!rec.ok()) return rec.error();
  if (rec->user_id != user_id) return not_found("interview not found");
  auto session = std::make_shared<Session>(env_, std::move(rec.value()));
  std::lock_guard lock(mu_);
  auto [it, inserted] = sessions_.emplace(id, session);
  return it->second;  // another thread may have loaded it first: use that one
}

template <typename F>
Result<json> SessionManager::with_session(int64_t user_id, const std::string& id, F&& body) {
  auto session = get(user_id, id);
  if (!session.ok()) return session.error();
  std::lock_guard lock((*session)->mutex());
  (*session)->touch();
  return body(**session);
}

json SessionManager::turn_json(const TurnOutput& out) const {
  std::string feedback;
  for (const auto& m : out.messages) feedback += (feedback.empty() ? "" : " ") + m;
  return {{"feedback", feedback},
          {"messages", out.messages},
          {"nextQuestion", out.question ? ev::public_question(*out.question) : json(nullptr)},
          {"status", out.status}};
}

Result<json> SessionManager::create(const store::User& user, const std::string& format_id,
                                    const json& setup_request, const json& extra_ctx) {
  const script::FormatEntry* format = env_.catalog.format(format_id);
  if (!format) return not_found("unknown interview format '" + format_id + "'");
  auto setup = script::resolve_setup(format->meta, setup_request);
  if (!setup.ok()) return setup.error();

  store::SessionRecord rec;
  rec.id = crypto::new_id();
  rec.user_id = user.id;
  rec.format_id = format_id;
  rec.format_version = format->record.version;
  rec.setup_json = ev::dump(*setup);
  rec.status = "in_progress";
  rec.current_json = "null";
  rec.summary_json = "null";
  rec.created_at = rec.updated_at = env_.now_ms();
  json ctx = *setup;
  ctx["format"] = format_id;
  ctx["candidate"] = {{"name", user.name}};
  ctx["codeRunner"] = env_.plugins.active(MR_KIND_RUNNER) != nullptr;  // can Run and Submit
  if (auto resume = env_.store.find_resume(user.id); resume.ok()) {
    ctx["candidate"]["resume"] = json::parse(resume->profile_json, nullptr, false);
  } else if (resume.error().code != ErrorCode::kNotFound) {
    return resume.error();
  }
  if (extra_ctx.is_object()) ctx.update(extra_ctx);
  store::Event created{1, std::string(ev::kCreated),
                       ev::dump({{"ctx", ctx}, {"formatVersion", rec.format_version}}), rec.created_at};
  if (auto st = env_.store.create_session(rec, {created}); !st.ok()) return st.error();

  auto session = std::make_shared<Session>(env_, rec);
  {
    std::lock_guard lock(mu_);
    sessions_[rec.id] = session;
  }
  std::lock_guard lock(session->mutex());
  auto out = session->start();
  if (!out.ok()) return out.error();
  json result = turn_json(*out);
  return json{{"id", rec.id},
              {"format", format_id},
              {"status", out->status},
              {"setup", *setup},
              {"messages", out->messages},
              {"currentQuestion", result["nextQuestion"]}};
}

Result<json> SessionManager::answer(int64_t user_id, const std::string& id,
                                    const std::string& question_id, const std::string& text,
                                    const std::optional<json>& code, const std::optional<json>& voice) {
  std::vector<json> frames;
  bool report_due = false;
  auto result = with_session(user_id, id, [&](Session& s) -> Result<json> {
    publish(id, {{"type", "thinking"}, {"elapsedMs", 0}});  // the caller owns the session
    // A slow reply (an LLM that takes its time) gets a second "thinking".
    auto again = alarms_.set(options_.thinking_again, [this, id] {
      publish(id, {{"type", "thinking"}, {"elapsedMs", options_.thinking_again.count()}});
    });
    s.set_live_publisher([this, id](const json& frame) { publish(id, frame); });
    auto out = s.answer(question_id, text, code, voice);
    s.set_live_publisher({});
    alarms_.cancel(again);
    if (!out.ok()) return out.error();
    frames = std::move(out->frames);
    report_due = out->report_due;
    return turn_json(*out);
  });
  publish_all(id, frames);
  if (report_due) schedule_report(user_id, id);
  return result;
}

void SessionManager::schedule_report(int64_t user_id, const std::string& id) {
  bool queued = reports_.post([this, user_id, id] {
    std::optional<json> report;
    auto made = with_session(user_id, id, [&](Session& s) -> Result<json> {
      auto due = s.produce_due_report();
      if (!due.ok()) return due.error();
      report = std::move(due.value());
      return json(nullptr);
    });
    if (!made.ok()) {
      spdlog::warn("session {}: background report failed: {}", id, made.error().message);
    } else if (report && report->is_object()) {
      publish(id, Session::report_frame(*report));
    }
  });
  if (!queued) spdlog::debug("session {}: report queue full; it is made when first read", id);
}

Result<json> SessionManager::status_call(int64_t user_id, const std::string& id,
                                         Result<TurnOutput> (Session::*method)()) {
  std::vector<json> frames;
  bool report_due = false;
  auto result = with_session(user_id, id, [&](Session& s) -> Result<json> {
    auto out = (s.*method)();
    if (!out.ok()) return out.error();
    frames = std::move(out->frames);
    report_due = out->report_due;
    return json{{"status", out->status},
                {"currentQuestion", out->question ? ev::public_question(*out->question) : json(nullptr)}};
  });
  publish_all(id, frames);
  if (report_due) schedule_report(user_id, id);
  return result;
}

Result<json> SessionManager::pause(int64_t user_id, const std::string& id) {
  return status_call(user_id, id, &Session::pause);
}
Result<json> SessionManager::resume(int64_t user_id, const std::string& id) {
  return status_call(user_id, id, &Session::resume);
}
Result<json> SessionManager::end(int64_t user_id, const std::string& id) {
  // Before taking the session's lock: a turn waiting on a slow model finishes now.
  if (auto s = get(user_id, id); s.ok()) (*s)->cancel_llm();
  return status_call(user_id, id, &Session::end);
}

Result<json> SessionManager::interrupt(int64_t user_id, const std::string& id) {
  // Only a session in memory can have a reply in flight, so the store is never read.
  // Another user's session is left alone with the same answer, so nothing is learnt.
  std::lock_guard lock(mu_);
  auto it = sessions_.find(id);
  if (it != sessions_.end() && it->second->record().user_id == user_id) it->second->cancel_llm();
  return json{{"interrupted", true}};
}

void SessionManager::cancel_all() {
  std::lock_guard lock(mu_);
  for (const auto& [id, s] : sessions_) s->cancel_llm();
}

Result<json> SessionManager::view(int64_t user_id, const std::string& id) {
  return with_session(user_id, id, [](Session& s) { return s.view(); });
}

Result<json> SessionManager::report(int64_t user_id, const std::string& id) {
  return with_session(user_id, id, [](Session& s) { return s.report_view(); });
}

Result<json> SessionManager::schedule_redo(int64_t user_id, const std::string& id,
                                           const std::string& question_id, int days) {
  if (days < 1 || days > kMaxRedoDays) {
    return invalid("'days' must be between 1 and " + std::to_string(kMaxRedoDays));
  }
  return with_session(user_id, id, [&](Session& s) -> Result<json> {
    auto bank_id = s.bank_id_of(question_id);
    if (!bank_id.ok()) return bank_id.error();
    int64_t at = env_.now_ms() + static_cast<int64_t>(days) * 24 * 60 * 60 * 1000;
    if (auto st = env_.store.schedule_redo(user_id, *bank_id, at); !st.ok()) return st.error();
    return json{{"questionId", question_id}, {"bankId", *bank_id}, {"redoAt", at}, {"days", days}};
  });
}

Result<json> SessionManager::open_question(int64_t user_id, const std::string& id) {
  return with_session(user_id, id, [](Session& s) -> Result<json> {
    return json{{"status", s.record().status}, {"question", s.open_question()},
                {"format", s.record().format_id}};
  });
}

Result<json> SessionManager::record_external(int64_t user_id, const std::string& id,
                                             std::string_view type, const json& payload,
                                             const std::vector<json>& frames) {
  auto result = with_session(user_id, id, [&](Session& s) -> Result<json> {
    if (auto st = s.record_external(type, payload); !st.ok()) return st.error();
    return json{{"recorded", std::string(type)}};
  });
  if (result.ok() && !frames.empty()) publish_all(id, frames);
  return result;
}

Result<json> SessionManager::history(int64_t user_id) {
  auto rows = env_.store.list_sessions(user_id, options_.history_limit);
  if (!rows.ok()) return rows.error();
  json out = json::array();
  for (const auto& r : *rows) {
    const auto* format = env_.catalog.format(r.format_id);
    out.push_back({{"id", r.id},
                   {"format", r.format_id},
                   {"formatTitle", format ? format->meta.value("title", r.format_id) : r.format_id},
                   {"status", r.status},
                   {"setup", json::parse(r.setup_json, nullptr, false)},
                   {"summary", json::parse(r.summary_json, nullptr, false)},
                   {"createdAt", r.created_at},
                   {"updatedAt", r.updated_at}});
  }
  return json{{"interviews", out}};
}

Result<uint64_t> SessionManager::subscribe(int64_t user_id, const std::string& id, Listener listener) {
  auto session = get(user_id, id);
  if (!session.ok()) return session.error();
  std::lock_guard lock(listeners_mu_);
  uint64_t token = next_token_++;
  listeners_[id].emplace_back(token, std::move(listener));
  return token;
}

void SessionManager::unsubscribe(const std::string& id, uint64_t token) {
  std::lock_guard lock(listeners_mu_);
  auto it = listeners_.find(id);
  if (it == listeners_.end()) return;
  std::erase_if(it->second, [&](const auto& l) { return l.first == token; });
  if (it->second.empty()) listeners_.erase(it);
}

void SessionManager::publish(const std::string& id, const json& frame) { publish_all(id, {frame}); }

void SessionManager::publish_all(const std::string& id, const std::vector<json>& frames) {
  if (frames.empty()) return;
  std::vector<Listener> targets;
  {
    std::lock_guard lock(listeners_mu_);
    auto it = listeners_.find(id);
    if (it == listeners_.end()) return;
    for (const auto& [token, l] : it->second) targets.push_back(l);
  }
  for (const auto& l : targets) l(frames);
}

std::size_t SessionManager::evict_idle() {
  int64_t cutoff = env_.now_ms() - int64_t{options_.idle_evict_seconds} * 1000;
  std::size_t evicted = 0;
  std::lock_guard lock(mu_);
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    // Idle and held by nobody else (no call in flight): drop it; its log stays in the store.
    if (it->second->last_used_ms() < cutoff && it->second.use_count() == 1) {
      it = sessions_.erase(it);
      ++evicted;
    } else {
      ++it;
    }
  }
  return evicted;
}

std::size_t SessionManager::live_vms() const {
  std::lock_guard lock(mu_);
  std::size_t n = 0;
  for (const auto& [id, s] : sessions_) n += s->has_vm() ? 1 : 0;
  return n;
}

}  // namespace mockroom::session
