#include "speech/speaker.h"

#include <spdlog/spdlog.h>

#include "speech/sentences.h"
#include "speech/voice_options.h"

namespace mockroom::speech {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

// Audio is sent in frames of at least this much (but the first piece at once), so a TTS
// engine that hands over tiny chunks does not turn into thousands of frames.
constexpr std::size_t kMinOutputFrameBytes = kBytesPerSecond / 20;  // 50 ms

json error_frame(const std::string& code, const std::string& message) {
  return {{"type", "error"}, {"about", "audio"}, {"error", {{"code", code}, {"message", message}}}};
}

}  // namespace

const char* kind_name(Speaker::Kind kind) {
  switch (kind) {
    case Speaker::Kind::kMessage: return "message";
    case Speaker::Kind::kQuestion: return "question";
    case Speaker::Kind::kBackchannel: return "backchannel";
  }
  return "message";
}

std::shared_ptr<Speaker> Speaker::create(const plugin::Registry& registry, std::shared_ptr<api::SocketSink> sink) {
  return std::shared_ptr<Speaker>(new Speaker(registry, std::move(sink)));
}

void Speaker::send(const json& frame) { sink_->send_text(frame.dump(-1, ' ', false, json::error_handler_t::replace)); }

void Speaker::set_enabled(bool on) {
  enabled_ = on;
  if (!on) interrupt("voice_off");
}

void Speaker::say(std::string text, Kind kind, std::string question_id) {
  if (!enabled_ || text.find_first_not_of(" \t\r\n") == std::string::npos) return;
  std::lock_guard lock(mu_);
  if (closed_) return;
  if (kind == Kind::kBackchannel && (busy_ || !queue_.empty() || Clock::now() < playing_until_)) return;
  if (queue_.size() >= kMaxQueuedSpeech) {
    send(error_frame("unavailable", "too much interviewer speech is waiting; this message is shown as text only"));
    return;
  }
  queue_.push_back({"a" + std::to_string(next_id_++), std::move(text), kind, std::move(question_id)});
  start_next();
}

void Speaker::start_next() {
  if (busy_ || closed_ || queue_.empty()) return;
  busy_ = true;
  Item item = std::move(queue_.front());
  queue_.pop_front();
  current_id_ = item.id;
  cancel_ = false;
  sink_->run_on_worker([self = shared_from_this(), item = std::move(item)] {
    self->speak(item);
    std::lock_guard lock(self->mu_);
    self->busy_ = false;
    self->current_id_.clear();
    self->start_next();
  });
}

void Speaker::speak(const Item& item) {
  json start = {{"type", "audio_start"}, {"id", item.id}, {"role", "interviewer"}, {"kind", kind_name(item.kind)},
                {"text", item.text}, {"sampleRate", kSampleRate}, {"format", kAudioFormat}};
  if (!item.question_id.empty()) start["questionId"] = item.question_id;
  send(start);
  std::string pending;
  std::size_t samples = 0;
  bool first = true;
  Clock::time_point started{};
  auto flush = [&](bool all) {
    while (!pending.empty() && (all || first || pending.size() >= kMinOutputFrameBytes)) {
      std::size_t n = std::min(pending.size(), kOutputFrameBytes);
      n -= n % 2;
      if (n == 0) break;
      if (first) started = Clock::now();
      first = false;
      sink_->send_binary(pending.substr(0, n));
      pending.erase(0, n);
      samples += n / 2;
      std::lock_guard lock(mu_);
      playing_until_ = started + std::chrono::milliseconds(samples * 1000 / kSampleRate);
    }
  };
  std::string error;
  for (const std::string& piece : speech_pieces(item.text)) {
    if (cancel_) break;
    json request = {{"text", piece}, {"sampleRate", kSampleRate}};
    auto result = registry_.tts_synthesize(
        request,
        [&](std::string_view bytes) {
          pending.append(bytes.data(), bytes.size());
          flush(false);
        },
        &cancel_);
    if (!result.ok()) {
      if (!cancel_) error = result.error().message;
      break;
    }
  }
  if (!cancel_) flush(true);
  bool interrupted = cancel_.load();
  json end = {{"type", "audio_end"}, {"id", item.id}, {"samples", samples}, {"interrupted", interrupted}};
  if (!error.empty()) {
    end["error"] = error;
    std::lock_guard lock(mu_);
    if (!reported_unavailable_) {
      reported_unavailable_ = true;
      send(error_frame("unavailable", "the interviewer's voice failed (" + error + "); the text is shown instead"));
    }
  }
  send(end);
}

bool Speaker::interrupt(const std::string& reason) {
  std::lock_guard lock(mu_);
  bool active = busy_ || !queue_.empty() || Clock::now() < playing_until_;
  std::string id = current_id_;
  queue_.clear();
  cancel_ = true;
  playing_until_ = {};
  if (active && !closed_) {
    json stop = {{"type", "audio_stop"}, {"reason", reason}};
    if (!id.empty()) stop["id"] = id;
    send(stop);
  }
  return active;
}

bool Speaker::playing() const {
  std::lock_guard lock(mu_);
  return busy_ || !queue_.empty() || Clock::now() < playing_until_;
}

void Speaker::close() {
  std::lock_guard lock(mu_);
  closed_ = true;
  queue_.clear();
  cancel_ = true;
}

}  // namespace mockroom::speech
