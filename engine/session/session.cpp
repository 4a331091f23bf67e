#include "session/session.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "session/events.h"
#include "session/question_picker.h"

namespace mockroom::session {

using nlohmann::json;
using script::Outcome;
using script::ScriptError;

namespace {

std::string str(std::string_view v) { return std::string(v); }

}  // namespace

Session::Session(Environment& env, store::SessionRecord record)
    : env_(env), record_(std::move(record)) {
  setup_ = json::parse(record_.setup_json, nullptr, false);
  format_ = env_.catalog.format(record_.format_id);
  if (!format_ || format_->record.version != record_.format_version) {
    // The session began with another version of its script: replay needs exactly that one.
    auto rec = env_.store.find_format(record_.format_id, record_.format_version);
    if (rec.ok()) {
      pinned_ = std::make_unique<script::FormatEntry>(
          script::FormatEntry{rec.value(), json::parse(rec->meta_json)});
      format_ = pinned_.get();
    } else {
      format_ = nullptr;
    }
  }
  current_question_ = json::parse(record_.current_json, nullptr, false);
  last_used_ms_ = env_.now_ms();
}

Session::~Session() = default;

Status Session::load_events() {
  if (events_loaded_) return {};
  auto events = env_.store.load_events(record_.id);
  if (!events.ok()) return events.error();
  events_ = std::move(events.value());
  events_loaded_ = true;
  return {};
}

bool Session::evict() {
  if (!vm_ && !events_loaded_) return false;
  vm_.reset();
  events_.clear();
  events_.shrink_to_fit();
  events_loaded_ = false;
  return true;
}

void Session::record(const std::string& type, json payload) {
  store::Event e;
  e.seq = static_cast<int64_t>(events_.size() + pending_.size() + 1);
  e.type = type;
  e.payload_json = ev::dump(payload);
  e.at_ms = env_.now_ms();
  pending_.push_back(std::move(e));
}

const store::Event* Session::replayed(const std::string& type) {
  if (!replaying_) return nullptr;
  while (replay_cursor_ < events_.size() && ev::is_external(events_[replay_cursor_].type)) {
    ++replay_cursor_;
  }
  if (replay_cursor_ >= events_.size()) {
    replaying_ = false;  // the log is exhausted: live from here on
    return nullptr;
  }
  const store::Event& e = events_[replay_cursor_];
  if (e.type != type) {
    throw ScriptError("script changed since this session started: event " +
                      std::to_string(e.seq) + " recorded '" + e.type +
                      "' where the script now calls '" + type + "'");
  }
  ++replay_cursor_;
  return &e;
}

Status Session::commit(const std::string& status) {
  store::SessionUpdate update{status, ev::dump(current_question_), std::nullopt, {}, env_.now_ms()};
  std::optional<int64_t> first_question_ms;
  for (const auto& e : pending_) {
    if (e.type == ev::kQuestion) {
      json q = json::parse(e.payload_json);
      // A main question from the bank (follow-ups and parts repeat their main's id).
      std::string bank_id = q.value("bankId", "");
      if (!bank_id.empty() && ev::main_bank_id(bank_id) == bank_id) {
        update.asked_question_ids.push_back(bank_id);
      }
      if (q.value("id", "") == ev::kFirstQuestionId) first_question_ms = e.at_ms;
    }
    if (e.type == ev::kReport) {
      json r = json::parse(e.payload_json).value("report", json(nullptr));
      if (r.is_object()) {
        update.summary_json = ev::dump(json{{"overallScore", r.value("overallScore", 0)},
                                            {"hireSignal", r.value("hireSignal", "")}});
      }
    }
  }
  update.funnel_events = funnel_steps(status, first_question_ms);
  auto st = env_.store.append_events(record_.id, pending_, update);
  if (!st.ok()) {
    // The log and memory disagree now; drop memory so the next call rebuilds from the log.
    pending_.clear();
    evict();
    return st;
  }
  for (auto& e : pending_) events_.push_back(std::move(e));
  pending_.clear();
  record_.status = status;
  record_.current_json = update.current_json;
  if (update.summary_json) record_.summary_json = *update.summary_json;
  return {};
}

// ---- the turn loop ----------------------------------------------------------------------

Result<TurnOutput> Session::start() {
  if (auto st = load_events(); !st.ok()) return st.error();
  if (auto st = rebuild(); !st.ok()) return st.error();
  script_now_ms_ = events_.empty() ? env_.now_ms() : events_.front().at_ms;
  return run_turn(std::nullopt);
}

Status Session::rebuild() {
  if (!format_) return internal("the script this interview began with is no longer available");
  if (auto st = load_events(); !st.ok()) return st;
  json ctx = json::object();
  for (const auto& e : events_) {
    if (e.type == ev::kCreated) ctx = json::parse(e.payload_json).value("ctx", json::object());
  }
  vm_.reset();
  asked_ = main_number_ = followups_for_main_ = planned_total_ = 0;
  section_ = {};
  script_now_ms_ = events_.empty() ? env_.now_ms() : events_.front().at_ms;
  current_question_ = nullptr;
  main_question_ = nullptr;
  followups_asked_.clear();
  auto vm = script::InterviewVm::create(format_->record, ctx, stable_hash(record_.id), *this, env_.limits);
  if (!vm.ok()) return vm.error();
  vm_ = std::move(vm.value());

  bool has_script_events = false;
  for (const auto& e : events_) has_script_events |= !ev::is_external(e.type);
  if (!has_script_events) return {};  // a new session: start() runs it live

  replaying_ = true;
  replay_cursor_ = 0;
  Outcome outcome = vm_->resume(std::nullopt);
  while (outcome.kind == Outcome::Kind::kAwaitingAnswer && replaying_) {
    while (replay_cursor_ < events_.size() && ev::is_external(events_[replay_cursor_].type)) {
      ++replay_cursor_;
    }
    if (replay_cursor_ >= events_.size()) break;
    const store::Event& e = events_[replay_cursor_];
    if (e.type != ev::kAnswer) {
      outcome.kind = Outcome::Kind::kFailed;
      outcome.error = "script changed since this session started: event " +
                      std::to_string(e.seq) + " recorded '" + e.type +
                      "' where the script now waits for an answer";
      break;
    }
    ++replay_cursor_;
    current_question_ = nullptr;
    script_now_ms_ = e.at_ms;
    outcome = vm_->resume(json::parse(e.payload_json).value("text", ""));
  }
  replaying_ = false;
  if (outcome.kind == Outcome::Kind::kFailed) {
    spdlog::error("session {}: replay failed: {}", record_.id, outcome.traceback);
    vm_.reset();
    pending_.clear();
    return internal("this interview cannot be resumed: " + outcome.error);
  }
  if (outcome.kind == Outcome::Kind::kFinished && record_.status == "in_progress") {
    // The process died after the last answer but before the end was committed.
    record(str(ev::kStatus), {{"status", "completed"}});
    return commit("completed");
  }
  // Host calls past the end of the log (a crash mid-turn) ran live: keep them.
  if (!pending_.empty()) return commit(record_.status);
  return {};
}

Status check_code(const json& code) {
  if (!code.is_object() || !code.contains("language") || !code["language"].is_string() ||
      !code.contains("source") || !code["source"].is_string()) {
    return invalid("code must be {\"language\": ..., \"source\": ...}");
  }
  const auto& language = code["language"].get_ref<const std::string&>();
  if (std::find(kCodeLanguages.begin(), kCodeLanguages.end(), language) == kCodeLanguages.end()) {
    return invalid("code language must be one of python, cpp, javascript");
  }
  if (code["source"].get_ref<const std::string&>().size() > kMaxCodeBytes) {
    return invalid("code is longer than " + std::to_string(kMaxCodeBytes / 1024) + " KiB");
  }
  if (code.size() > 2) return invalid("code has fields other than language and source");
  return {};
}

Result<TurnOutput> Session::answer(const std::string& question_id, const std::string& text,
                                   const std::optional<json>& code, const std::optional<json>& voice) {
  last_used_ms_ = env_.now_ms();
  if (record_.status == "paused") return conflict("the interview is paused; resume it to answer");
  if (record_.status != "in_progress") return conflict("the interview has finished (" + record_.status + ")");
  if (text.size() > kMaxAnswerBytes) {
    return invalid("answer is longer than " + std::to_string(kMaxAnswerBytes / 1024) + " KiB");
  }
  if (code) {
    if (auto st = check_code(*code); !st.ok()) return st.error();
  }
  if (!vm_) {
    if (auto st = rebuild(); !st.ok()) return st.error();
  }
  if (current_question_.is_null()) return conflict("no question is waiting for an answer");
  std::string open_id = current_question_.value("id", "");
  if (question_id != open_id) {
    return conflict("questionId '" + question_id + "' is not the open question ('" + open_id + "')");
  }
  json payload = {{"questionId", question_id}, {"text", text}};
  if (code) payload["code"] = *code;
  if (voice && voice->is_object()) payload["voice"] = *voice;
  record(str(ev::kAnswer), std::move(payload));
  script_now_ms_ = pending_.back().at_ms;
  // The answer commits with the rest of its turn, in one transaction, before the reply:
  // a crash mid-turn loses only a turn the candidate was never answered for (the client
  // still holds it and sends it again), and each turn writes its pages once, not twice.
  current_question_ = nullptr;
  cancel_.store(false, std::memory_order_relaxed);
  return run_turn(text);
}

Result<TurnOutput> Session::run_turn(const std::optional<std::string>& answer) {
  TurnOutput out;
  turn_ = &out;
  Outcome outcome = vm_->resume(answer);
  turn_ = nullptr;
  std::string status = "in_progress";
  if (outcome.kind == Outcome::Kind::kFinished) {
    status = "completed";
    current_question_ = nullptr;
    record(str(ev::kStatus), {{"status", status}});
    vm_.reset();  // a finished interview never runs again
  } else if (outcome.kind == Outcome::Kind::kFailed) {
    spdlog::error("session {}: {}", record_.id, outcome.traceback);
    status = "failed";
    current_question_ = nullptr;
    record(str(ev::kError), {{"message", outcome.error}});
    record(str(ev::kStatus), {{"status", status}});
    vm_.reset();
  }
  if (auto st = commit(status); !st.ok()) return st.error();
  out.report_due = status == "completed" && !logged_report();
  // A finished session keeps only its row in memory (its log too while a report is due).
  if (status != "in_progress" && !out.report_due) evict();
  if (status == "failed") return internal("the interview script failed: " + outcome.error);
  out.status = status;
  if (status != "in_progress") out.frames.push_back({{"type", "status"}, {"status", status}});
  return out;
}

Status Session::record_external(std::string_view type, const json& payload) {
  if (record_.status == "paused") return conflict("the interview is paused; resume it first");
  if (record_.status != "in_progress") return conflict("the interview has finished (" + record_.status + ")");
  if (auto st = load_events(); !st.ok()) return st;
  if (std::count_if(events_.begin(), events_.end(), [&](const store::Event& e) { return e.type == type; }) >=
      static_cast<long>(kMaxExternalEventsPerType)) {
    return conflict("this interview has reached its limit of " + std::string(type) + " events");
  }
  record(std::string(type), payload);
  return commit(record_.status);
}

json Session::open_question() const {
  return json::parse(record_.current_json, nullptr, false);
}

Status Session::set_status(const std::string& status, const std::string& reason) {
  record(str(ev::kStatus), {{"status", status}, {"reason", reason}});
  return commit(status);
}

Result<TurnOutput> Session::pause() {
  if (record_.status != "in_progress") return conflict("only an interview in progress can be paused");
  if (auto st = load_events(); !st.ok()) return st.error();
  if (auto st = set_status("paused", "candidate"); !st.ok()) return st.error();
  evict();  // a paused session needs no VM; replay rebuilds it on resume
  TurnOutput out;
  out.status = "paused";
  out.frames.push_back({{"type", "status"}, {"status", "paused"}});
  return out;
}

Result<TurnOutput> Session::resume() {
  if (record_.status != "paused") return conflict("only a paused interview can be resumed");
  if (auto st = load_events(); !st.ok()) return st.error();
  if (auto st = set_status("in_progress", "candidate"); !st.ok()) return st.error();
  TurnOutput out;
  out.status = "in_progress";
  out.frames.push_back({{"type", "status"}, {"status", "in_progress"}});
  if (!current_question_.is_null()) {
    out.question = current_question_;
    out.frames.push_back({{"type", "question"}, {"question", ev::public_question(current_question_)}});
  }
  return out;
}

Result<TurnOutput> Session::end() {
  if (record_.status != "in_progress" && record_.status != "paused") {
    return conflict("the interview has already finished (" + record_.status + ")");
  }
  if (auto st = load_events(); !st.ok()) return st.error();
  vm_.reset();
  current_question_ = nullptr;
  record(str(ev::kStatus), {{"status", "ended"}, {"reason", "ended early by the candidate"}});
  if (auto st = commit("ended"); !st.ok()) return st.error();
  TurnOutput out;
  out.report_due = true;
  out.status = "ended";
  out.frames.push_back({{"type", "status"}, {"status", "ended"}});
  return out;
}

// ---- ScriptHost ------------------------------------------------------------------------

void Session::publish_message(const std::string& text, bool streamed) {
  if (!turn_) return;
  turn_->messages.push_back(text);
  if (streamed) {
    turn_->frames.push_back({{"type", "message"}, {"role", "interviewer"}, {"text", text}});
    return;
  }
  // Stream the text a sentence at a time, then the whole message. Text from a provider
  // that does not stream arrives whole, so finer chunks would only cost frames.
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool sentence_end = (text[i] == '.' || text[i] == '?' || text[i] == '!') &&
                        (i + 1 == text.size() || text[i + 1] == ' ');
    if (sentence_end || i + 1 == text.size()) {
      turn_->frames.push_back({{"type", "token"}, {"text", text.substr(start, i + 1 - start)}});
      start = i + 1;
    }
  }
  turn_->frames.push_back({{"type", "message"}, {"role", "interviewer"}, {"text", text}});
}

void Session::say(const std::string& text) {
  if (auto* e = replayed(str(ev::kSay))) {
    if (json::parse(e->payload_json).value("text", "") != text) {
      throw ScriptError("script changed since this session started: say() text differs at event " +
                        std::to_string(e->seq));
    }
    return;
  }
  record(str(ev::kSay), {{"text", text}});
  publish_message(text);
}

int Session::total_questions() const {
  int total = planned_total_;
  if (total == 0 && setup_.is_object() && setup_.contains("questionCount") && setup_["questionCount"].is_number_integer()) {
    total = setup_["questionCount"].get<int>();
  }
  return std::max(total, main_number_);
}

void Session::ask(const json& question) {
  bool is_followup = question.value("followup", false);
  // A later part of the same main question (a system design phase, a case's analysis):
  // same number, and the follow-up cap still counts from the main question.
  bool continues = !is_followup && question.value("continues", false) && main_number_ > 0;
  if (is_followup) {
    ++followups_for_main_;
    followups_asked_.push_back(question.value("text", ""));
  } else if (continues) {  // remembered like a follow-up, so probes do not repeat it
    main_question_ = question;
    followups_asked_.push_back(question.value("text", ""));
  } else {
    ++main_number_;
    followups_for_main_ = 0;
    followups_asked_.clear();
    main_question_ = question;
  }
  ++asked_;
  json q = question;
  q.erase("followup");
  q.erase("continues");
  q["bankId"] = question.value("id", "");
  q["id"] = "q" + std::to_string(asked_);
  q["number"] = main_number_;
  q["totalQuestions"] = total_questions();
  q["isFollowUp"] = is_followup;
  if (auto* e = replayed(str(ev::kQuestion))) {
    json recorded = json::parse(e->payload_json);
    if (recorded.value("text", "") != q.value("text", "")) {
      throw ScriptError("script changed since this session started: question " +
                        std::to_string(asked_) + " differs from the recorded one");
    }
    current_question_ = std::move(recorded);
    return;
  }
  current_question_ = q;
  record(str(ev::kQuestion), q);
  if (turn_) {
    turn_->question = q;
    turn_->frames.push_back({{"type", "question"}, {"question", ev::public_question(q)}});
  }
}

json Session::interview_context() const {
  json out = {{"format", record_.format_id}};
  if (!setup_.is_object()) return out;
  for (auto [from, to] : {std::pair{"role", "role"}, {"roleLevel", "level"}, {"company", "company"}}) {
    if (setup_.contains(from) && setup_[from].is_string()) out[to] = setup_[from];
  }
  return out;
}

void Session::note_provider(const json& reply, json& payload) {
  // The event log says which model produced the turn and when the fallback answered.
  if (reply.contains("model") && reply["model"].is_string()) payload["model"] = reply["model"];
  if (reply.contains("usage") && reply["usage"].is_object()) payload["usage"] = reply["usage"];
  if (reply.contains("fallback") && reply["fallback"].is_object()) {
    payload["fallback"] = true;
    payload["fallbackFrom"] = reply["fallback"].value("from", "");
    payload["error"] = reply["fallback"].value("error", "");
    if (reply["fallback"].value("cancelled", false)) payload["cancelled"] = true;
    spdlog::warn("session {}: {} answered for {}: {}", record_.id, reply["fallback"].value("to", ""),
                 reply["fallback"].value("from", ""), reply["fallback"].value("error", ""));
  }
}

void Session::ground(json& request, json& payload, const std::string& answer) {
  const plugin::LlmProfile profile = env_.plugins.llm_profile();
  if (profile.prompts && env_.prompts) {
    json prompts = env_.prompts->for_format(record_.format_id);
    if (!prompts.empty()) request["prompts"] = std::move(prompts);
  }
  if (!profile.knowledge) return;
  const std::string question_id = main_question_.value("id", "");
  std::string key = question_id + '\n' + answer;
  if (retrieved_.key != key) {
    retrieved_ = Retrieved{key};
    store::KnowledgeQuery q;
    q.text = main_question_.value("text", "") + "\n" + answer;
    if (q.text.size() > store::kMaxKnowledgeQueryChars) q.text.resize(store::kMaxKnowledgeQueryChars);
    q.format = record_.format_id;
    if (setup_.is_object() && setup_.contains("company") && setup_["company"].is_string() && setup_["company"] != "none") {
      q.company = setup_["company"].get<std::string>();
    }
    q.question_id = question_id;
    q.limit = kKnowledgePerTurn;
    auto hits = env_.store.search_knowledge(q);
    if (!hits.ok()) {
      spdlog::warn("session {}: knowledge search failed, the turn goes on without it: {}", record_.id,
                   hits.error().message);
    } else {
      std::size_t chars = 0;
      for (const auto& h : *hits) {
        if (chars + h.text.size() > kMaxKnowledgeCharsPerTurn) break;
        chars += h.text.size();
        retrieved_.knowledge.push_back({{"id", h.id}, {"kind", h.kind}, {"title", h.title}, {"text", h.text}});
        retrieved_.sources.push_back({{"id", h.id}, {"kind", h.kind}, {"title", h.title}});
      }
    }
  }
  if (retrieved_.knowledge.empty()) return;
  request["knowledge"] = retrieved_.knowledge;
  payload["sources"] = retrieved_.sources;
}

json Session::followup(const json& question, const std::string& answer) {
  if (followups_for_main_ >= kMaxFollowupsPerQuestion) return nullptr;  // the cap holds for every script
  if (auto* e = replayed(str(ev::kFollowup))) return json::parse(e->payload_json)["result"];
  json base = main_question_.is_object() ? main_question_ : question;
  json request = {{"question", {{"id", base.value("id", "")},
                                {"text", base.value("text", "")},
                                {"concepts", base.value("concepts", json::array())},
                                {"hints", base.value("hints", json::array())}}},
                  {"answer", answer},
                  {"followupsSoFar", followups_for_main_},
                  {"history", followups_asked_},
                  {"maxFollowups", kMaxFollowupsPerQuestion},
                  {"interview", interview_context()}};
  json result = nullptr;
  json payload;
  json grounding = json::object();
  ground(request, grounding, answer);
  auto reply = env_.plugins.llm_followup(request, &cancel_);
  if (reply.ok() && (*reply)["followup"].is_object() && (*reply)["followup"]["text"].is_string() &&
      !(*reply)["followup"]["text"].get<std::string>().empty()) {
    result = {{"text", (*reply)["followup"]["text"]},
              {"followup", true},
              {"id", base.value("id", "") + "#followup"},
              {"concepts", base.value("concepts", json::array())},
              {"hints", base.value("hints", json::array())},
              {"about", (*reply)["followup"].value("concepts", json::array())}};
    payload = {{"result", result}, {"reason", reply->value("reason", "")}};
  } else if (reply.ok()) {
    payload = {{"result", nullptr}, {"reason", reply->value("reason", "not warranted")}};
  }
  if (reply.ok()) {
    note_provider(*reply, payload);
  } else {
    spdlog::warn("session {}: follow-up provider failed, moving on: {}", record_.id, reply.error().message);
    payload = {{"result", nullptr}, {"fallback", true}, {"error", reply.error().message}};
  }
  payload.update(grounding);
  record(str(ev::kFollowup), payload);
  return result;
}

std::string Session::acknowledge(const std::string& answer) {
  if (auto* e = replayed(str(ev::kAck))) return json::parse(e->payload_json).value("text", "");
  json request = {{"answer", answer},
                  {"question", {{"text", main_question_.value("text", "")}}},
                  {"questionNumber", main_number_},
                  {"totalQuestions", total_questions()},
                  {"turn", asked_},
                  {"interview", interview_context()}};
  std::string text;
  json payload;
  json grounding = json::object();
  ground(request, grounding, answer);
  // Tokens reach the candidate as the provider streams them; the whole message (which a
  // client shows in their place) follows with the turn's commit.
  bool streamed = false;
  auto on_chunk = [&](std::string_view piece) {
    if (!live_ || !turn_) return;
    live_({{"type", "token"}, {"text", std::string(piece)}});
    streamed = true;
  };
  auto reply = env_.plugins.llm_acknowledge(request, on_chunk, &cancel_);
  if (reply.ok() && (*reply)["text"].is_string() && !(*reply)["text"].get<std::string>().empty() &&
      (*reply)["text"].get<std::string>().size() <= script::kMaxSayBytes) {
    text = (*reply)["text"].get<std::string>();
    payload = {{"text", text}};
    note_provider(*reply, payload);
  } else {
    text = "Okay, let's continue.";
    payload = {{"text", text}, {"fallback", true},
               {"error", reply.ok() ? "malformed reply" : reply.error().message}};
  }
  payload.update(grounding);
  record(str(ev::kAck), payload);
  publish_message(text, streamed);
  return text;
}

}  // namespace mockroom::session
