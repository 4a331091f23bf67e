// The WebSocket side of an interview: /ws/interviews/:id (?token=..., a Bearer header or
// the session cookie). On open the client
// gets the session's status and open question; afterwards every frame the session
// publishes (from this socket, another socket, or REST) reaches it. Client messages:
// answer, code (an editor snapshot), pause, resume, end, ping, interrupt; and for voice
// (speech::VoiceChannel) voice, audio_start, audio_end, audio_cancel and binary PCM frames.
#include <spdlog/spdlog.h>

#include "api/api.h"
#include "session/events.h"
#include "speech/voice_channel.h"

namespace mockroom::api {

using nlohmann::json;

namespace {

json error_frame(const Error& e) {
  return {{"type", "error"}, {"error", {{"code", error_code_name(e.code)}, {"message", e.message}}}};
}

// The largest frame on_urgent looks at; an interrupt and the voice messages are tiny.
constexpr std::size_t kMaxUrgentFrameBytes = 1024;

class InterviewSocket final : public SocketHandler {
 public:
  InterviewSocket(session::SessionManager& sessions, session::CodeService& code, int64_t user_id, std::string id,
                  std::shared_ptr<SocketSink> sink, uint64_t token, std::shared_ptr<speech::VoiceChannel> voice)
      : sessions_(sessions), code_(code), user_id_(user_id), id_(std::move(id)), sink_(std::move(sink)), token_(token),
        voice_(std::move(voice)) {}

  void on_text(std::string_view frame) override {
    json msg = json::parse(frame, nullptr, false);
    if (!msg.is_object() || !msg.contains("type") || !msg["type"].is_string()) {
      send(error_frame(invalid("messages are JSON objects with a string 'type'")));
      return;
    }
    const std::string type = msg["type"].get<std::string>();
    Result<json> result = invalid("unknown message type '" + type + "'");
    if (type == "answer") {
      auto qid = string_field(msg, "questionId");
      auto text = string_field(msg, "answer", /*allow_empty=*/true);
      if (!qid.ok()) result = qid.error();
      else if (!text.ok()) result = text.error();
      else result = sessions_.answer(user_id_, id_, *qid, *text, optional_code(msg));
    } else if (type == "code") {  // an editor snapshot: {"type":"code","language","code"}
      result = code_.snapshot(user_id_, id_, msg);
    } else if (type == "pause") {
      result = sessions_.pause(user_id_, id_);
    } else if (type == "resume") {
      result = sessions_.resume(user_id_, id_);
    } else if (type == "end") {
      result = sessions_.end(user_id_, id_);
    } else if (type == "ping") {
      send({{"type", "pong"}});
      return;
    }
    // Successful results arrive as published frames; only failures need a reply here.
    if (!result.ok()) send(error_frame(result.error()));
  }

  // {"type":"interrupt"}: stops the reply being written. Cheap: it only finds the session
  // in memory and raises its cancel flag. The voice messages are taken here too, so they
  // stay in order with the audio frames (which never wait behind a running on_text). Only
  // small frames that mention one of these words are parsed.
  bool on_urgent(std::string_view frame) override {
    if (frame.size() > kMaxUrgentFrameBytes) return false;
    if (frame.find("interrupt") == std::string_view::npos && frame.find("audio_") == std::string_view::npos &&
        frame.find("voice") == std::string_view::npos) {
      return false;
    }
    json msg = json::parse(frame, nullptr, false);
    if (!msg.is_object() || !msg.contains("type") || !msg["type"].is_string()) return false;
    if (msg["type"] != "interrupt") return voice_->on_message(msg);
    auto done = sessions_.interrupt(user_id_, id_);
    if (!done.ok()) send(error_frame(done.error()));
    return true;
  }

  bool on_binary(std::string_view frame) override {
    voice_->on_audio(frame);
    return true;
  }

  void on_close() override {
    sessions_.unsubscribe(id_, token_);
    voice_->close();
  }

 private:
  void send(const json& frame) { sink_->send_text(frame.dump(-1, ' ', false, json::error_handler_t::replace)); }

  session::SessionManager& sessions_;
  session::CodeService& code_;
  int64_t user_id_;
  std::string id_;
  std::shared_ptr<SocketSink> sink_;
  uint64_t token_;
  std::shared_ptr<speech::VoiceChannel> voice_;
};

}  // namespace

std::unique_ptr<SocketHandler> Api::accept_socket(const HttpRequest& upgrade,
                                                  std::shared_ptr<SocketSink> sink,
                                                  HttpResponse& refusal) {
  const std::string prefix = "/ws/interviews/";
  if (upgrade.path.rfind(prefix, 0) != 0 || upgrade.path.size() == prefix.size() ||
      upgrade.path.find('/', prefix.size()) != std::string::npos) {
    refusal = error_response(not_found("no such WebSocket endpoint: " + upgrade.path));
    return nullptr;
  }
  std::string id = upgrade.path.substr(prefix.size());
  auto user = socket_caller(upgrade);
  if (!user.ok()) {
    refusal = error_response(user.error());
    return nullptr;
  }
  auto view = sessions_.view(user->id, id);
  if (!view.ok()) {
    refusal = error_response(view.error());
    return nullptr;
  }
  std::weak_ptr<SocketSink> weak = sink;
  auto voice = speech::VoiceChannel::create(speech::VoiceContext{plugins_, sessions_, audio_, voice_options_}, user->id,
                                            id, sink);
  std::weak_ptr<speech::VoiceChannel> weak_voice = voice;
  auto token_id = sessions_.subscribe(user->id, id, [weak, weak_voice](const std::vector<json>& frames) {
    auto s = weak.lock();
    if (!s) return;
    std::vector<std::string> texts;
    texts.reserve(frames.size());
    for (const auto& f : frames) texts.push_back(f.dump(-1, ' ', false, json::error_handler_t::replace));
    s->send_texts(std::move(texts));
    // After the text: the interviewer's audio follows the words it speaks.
    if (auto v = weak_voice.lock()) v->on_published(frames);  // queues speech: returns at once
  });
  if (!token_id.ok()) {
    refusal = error_response(token_id.error());
    return nullptr;
  }
  sink->send_text(json{{"type", "status"}, {"status", (*view)["status"]}}.dump());
  if (!(*view)["currentQuestion"].is_null()) {
    sink->send_text(json{{"type", "question"}, {"question", (*view)["currentQuestion"]}}.dump());
  }
  return std::make_unique<InterviewSocket>(sessions_, code_, user->id, id, std::move(sink), *token_id, std::move(voice));
}

}  // namespace mockroom::api
