#include "speech/voice_channel.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

#include "speech_support/wav.h"

namespace mockroom::speech {

using nlohmann::json;

namespace {

// Hands-free: audio kept from before speech was detected, so the first syllable is heard.
constexpr std::size_t kPrerollBytes = kBytesPerSecond * 3 / 10;  // 300 ms

const char* mode_name(VoiceChannel::Mode m) {
  return m == VoiceChannel::Mode::kHandsFree ? "hands_free" : "push_to_talk";
}

std::string trimmed(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// The words of a question an STT provider may be biased toward: its concepts.
json vocabulary_of(const json& question) {
  json out = json::array();
  if (question.contains("concepts") && question["concepts"].is_array()) {
    for (const json& c : question["concepts"]) {
      if (c.is_string()) out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::shared_ptr<VoiceChannel> VoiceChannel::create(const VoiceContext& context, int64_t user_id, std::string session_id,
                                                   std::shared_ptr<api::SocketSink> sink) {
  return std::shared_ptr<VoiceChannel>(new VoiceChannel(context, user_id, std::move(session_id), std::move(sink)));
}

VoiceChannel::VoiceChannel(const VoiceContext& context, int64_t user_id, std::string session_id,
                           std::shared_ptr<api::SocketSink> sink)
    : context_(context), user_id_(user_id), session_id_(std::move(session_id)), sink_(std::move(sink)),
      speaker_(Speaker::create(context.registry, sink_)), turn_(context.options) {
  std::weak_ptr<api::SocketSink> weak = sink_;
  queue_ = util::SerialQueue::create(
      "voice " + session_id_,
      [weak](util::SerialQueue::Task task) {
        if (auto s = weak.lock()) s->run_on_worker(std::move(task));
      },
      kMaxQueuedAudioTasks);
}

// ---- entry points (any thread, quick) ------------------------------------------------------

bool VoiceChannel::post(util::SerialQueue::Task task) {
  if (queue_->post(std::move(task))) return true;
  if (!overflow_reported_.exchange(true)) {
    send_error(ErrorCode::kUnavailable, "audio arrives faster than the server can listen; some was dropped");
  }
  return false;
}

bool VoiceChannel::on_message(const json& message) {
  const std::string type = message.value("type", "");
  auto self = shared_from_this();
  if (type == "voice") {
    post([self, message] { self->configure(message); });
  } else if (type == "audio_start") {
    post([self, message] { self->start(message); });
  } else if (type == "audio_end" || type == "audio_cancel") {
    post([self, submit = type == "audio_end"] { self->stop_mic(submit); });
  } else {
    return false;
  }
  return true;
}

void VoiceChannel::on_audio(std::string_view bytes) {
  if (closed_) return;
  post([self = shared_from_this(), frame = std::string(bytes)] { self->audio(frame); });
}

void VoiceChannel::on_published(const std::vector<json>& frames) {
  if (!speaker_->enabled()) return;
  for (const json& f : frames) {
    const std::string type = f.value("type", "");
    if (type == "message" && f.value("role", "") == "interviewer" && f["text"].is_string()) {
      speaker_->say(f["text"].get<std::string>(), Speaker::Kind::kMessage);
    } else if (type == "question" && f["question"].is_object() && f["question"]["text"].is_string()) {
      speaker_->say(f["question"]["text"].get<std::string>(), Speaker::Kind::kQuestion,
                    f["question"].value("id", ""));
    }
  }
}

void VoiceChannel::stop_speaking(const std::string& reason) { speaker_->interrupt(reason); }

void VoiceChannel::close() {
  closed_ = true;
  speaker_->close();
  queue_->post([self = shared_from_this()] { self->drop_utterance(); });
}

// ---- frames out ----------------------------------------------------------------------------

void VoiceChannel::send(const json& frame) {
  if (!closed_) sink_->send_text(frame.dump(-1, ' ', false, json::error_handler_t::replace));
}

void VoiceChannel::send_error(ErrorCode code, const std::string& message) {
  send({{"type", "error"}, {"about", "audio"}, {"error", {{"code", error_code_name(code)}, {"message", message}}}});
}

void VoiceChannel::send_state(const char* state) {
  send({{"type", "voice_state"}, {"state", state}, {"mode", mode_name(mode_)}});
}

// ---- the queue ---------------------------------------------------------------------------

void VoiceChannel::configure(const json& message) {
  if (message.contains("output") && !message["output"].is_boolean()) {
    return send_error(ErrorCode::kInvalidArgument, "voice.output must be true or false");
  }
  bool output = message.value("output", speaker_->enabled());
  if (output && !context_.registry.has_provider(MR_KIND_TTS)) {
    send_error(ErrorCode::kUnavailable, "no text-to-speech provider is active; the interviewer is shown as text");
    output = false;
  }
  bool was = speaker_->enabled();
  speaker_->set_enabled(output);
  send({{"type", "voice"}, {"output", output}, {"sampleRate", kSampleRate}, {"format", kAudioFormat},
        {"input", context_.registry.has_provider(MR_KIND_STT)}, {"maxAnswerSeconds", context_.options.max_answer_seconds}});
  if (output && !was) {  // the question waiting for an answer is read out too
    auto open = context_.sessions.open_question(user_id_, session_id_);
    if (open.ok() && (*open)["question"].is_object()) {
      const json& q = (*open)["question"];
      speaker_->say(q.value("text", ""), Speaker::Kind::kQuestion, q.value("id", ""));
    }
  }
}

void VoiceChannel::start(const json& message) {
  if (mic_open_) {
    return send_error(ErrorCode::kConflict, "the microphone is already open; send audio_end (or audio_cancel) first");
  }
  if (!message.contains("sampleRate") || !message["sampleRate"].is_number_integer() ||
      message["sampleRate"].get<int64_t>() != kSampleRate) {
    std::string got = message.contains("sampleRate") ? message["sampleRate"].dump() : "none";
    return send_error(ErrorCode::kInvalidArgument, "audio must be 16 kHz mono PCM16: audio_start needs \"sampleRate\": " +
                                                       std::to_string(kSampleRate) + " (got " + got + ")");
  }
  if (message.contains("format") && message["format"] != kAudioFormat) {
    return send_error(ErrorCode::kInvalidArgument, std::string("audio format must be \"") + kAudioFormat + "\"");
  }
  if (message.contains("channels") && message["channels"] != 1) {
    return send_error(ErrorCode::kInvalidArgument, "audio must have one channel (mono)");
  }
  std::string mode = message.value("mode", "push_to_talk");
  if (mode != "push_to_talk" && mode != "hands_free") {
    return send_error(ErrorCode::kInvalidArgument, "mode must be \"push_to_talk\" or \"hands_free\"");
  }
  if (!context_.registry.has_provider(MR_KIND_STT)) {
    return send_error(ErrorCode::kUnavailable, "no speech-to-text provider is active; please type your answer");
  }
  mode_ = mode == "hands_free" ? Mode::kHandsFree : Mode::kPushToTalk;
  mic_open_ = true;
  stray_audio_reported_ = false;
  overflow_reported_ = false;
  turn_.reset();
  partial_frame_.clear();
  preroll_.clear();
  if (mode_ == Mode::kPushToTalk) {
    // Pressing the button is barging in.
    if (context_.options.barge_in && speaker_->interrupt("barge_in")) context_.sessions.interrupt(user_id_, session_id_);
    if (!open_utterance()) {
      mic_open_ = false;
      return send_state("idle");
    }
  }
  send_state("listening");
}

void VoiceChannel::audio(const std::string& bytes) {
  if (!mic_open_) {
    if (!stray_audio_reported_) {
      stray_audio_reported_ = true;
      send_error(ErrorCode::kConflict, "audio arrived without a successful audio_start; it is ignored");
    }
    return;
  }
  if (bytes.size() > kMaxAudioFrameBytes) {
    return send_error(ErrorCode::kPayloadTooLarge, "an audio frame may hold at most " +
                                                       std::to_string(kMaxAudioFrameBytes) + " bytes (2 s); it was dropped");
  }
  if (bytes.size() % 2 != 0) {
    return send_error(ErrorCode::kInvalidArgument,
                      "audio frames must hold whole 16-bit samples (an even number of bytes); the frame was dropped");
  }
  std::vector<int16_t> samples = audio::samples_of(bytes);
  partial_frame_.insert(partial_frame_.end(), samples.begin(), samples.end());
  std::size_t whole = partial_frame_.size() / kVadFrameSamples * kVadFrameSamples;
  for (std::size_t at = 0; at < whole; at += kVadFrameSamples) {
    const int16_t* frame = partial_frame_.data() + at;
    std::string frame_bytes = audio::bytes_of(frame, kVadFrameSamples);
    if (stt_) {
      stt_pending_ += frame_bytes;
      utterance_samples_ += kVadFrameSamples;
    } else if (mode_ == Mode::kHandsFree) {  // kept in case speech starts here
      preroll_ += frame_bytes;
      if (preroll_.size() > kPrerollBytes) preroll_.erase(0, preroll_.size() - kPrerollBytes);
    }
    process_frame(frame);  // may begin (with the preroll) or end the utterance
    if (stt_ && utterance_samples_ >= int64_t{context_.options.max_answer_seconds} * kSampleRate) {
      send_error(ErrorCode::kPayloadTooLarge, "a spoken answer may last " +
                                                  std::to_string(context_.options.max_answer_seconds) +
                                                  " s; what you said until then is taken as your answer");
      finish_utterance("limit");
    }
  }
  partial_frame_.erase(partial_frame_.begin(), partial_frame_.begin() + static_cast<std::ptrdiff_t>(whole));
  feed_stt();
}

void VoiceChannel::process_frame(const int16_t* samples) {
  VoiceActivity::Frame f = vad_.classify(samples);
  for (TurnTaker::Event e : turn_.frame(f.speech, kVadFrameMs)) on_turn_event(e);
}

void VoiceChannel::on_turn_event(TurnTaker::Event event) {
  const VoiceOptions& o = context_.options;
  switch (event) {
    case TurnTaker::Event::kSpeechStart:
      if (mode_ == Mode::kHandsFree && !stt_ && !processing_) open_utterance();
      send_state("hearing");
      break;
    case TurnTaker::Event::kBargeIn:
      if (o.barge_in && speaker_->interrupt("barge_in")) context_.sessions.interrupt(user_id_, session_id_);
      break;
    case TurnTaker::Event::kPause: send_state("pause"); break;
    case TurnTaker::Event::kThinkingPause: send_state("thinking_pause"); break;
    case TurnTaker::Event::kResume: send_state("hearing"); break;
    case TurnTaker::Event::kBackchannel:
      if (o.backchannel && !o.backchannel_phrases.empty()) {
        speaker_->say(o.backchannel_phrases[static_cast<std::size_t>(utterances_) % o.backchannel_phrases.size()],
                      Speaker::Kind::kBackchannel);
      }
      break;
    case TurnTaker::Event::kEndOfTurn:
      if (mode_ == Mode::kHandsFree && stt_) {
        finish_utterance("end_of_turn");
        turn_.reset();
        send_state("listening");
      }
      break;
  }
}

bool VoiceChannel::open_utterance() {
  auto open = context_.sessions.open_question(user_id_, session_id_);
  if (!open.ok()) {
    send_error(open.error().code, open.error().message);
    return false;
  }
  if ((*open)["status"] != "in_progress" || !(*open)["question"].is_object()) {
    send_error(ErrorCode::kConflict, "no question is waiting for an answer (the interview is " +
                                         (*open)["status"].get<std::string>() + ")");
    return false;
  }
  question_ = (*open)["question"];
  json request = {{"sampleRate", kSampleRate}, {"prompt", question_.value("text", "")},
                  {"vocabulary", vocabulary_of(question_)}};
  auto stream = context_.registry.stt_stream(request);
  if (!stream.ok()) {
    send_error(ErrorCode::kUnavailable, "speech recognition is unavailable (" + stream.error().message +
                                            "); please type your answer");
    return false;
  }
  stt_ = std::move(stream.value());
  stt_pending_ = std::exchange(preroll_, std::string());  // hands-free: the moments before speech
  utterance_samples_ = static_cast<int64_t>(stt_pending_.size() / 2);
  last_partial_.clear();
  ++utterances_;
  return true;
}

void VoiceChannel::feed_stt() {
  if (!stt_ || stt_pending_.empty()) return;
  auto partial = stt_->feed(std::exchange(stt_pending_, std::string()));
  if (!partial || *partial == last_partial_) return;
  last_partial_ = *partial;
  turn_.thinking(ends_with_phrase(last_partial_, context_.options.thinking_phrases));
  send({{"type", "transcript"}, {"final", false}, {"text", last_partial_}, {"utterance", utterances_}});
}

void VoiceChannel::drop_utterance() {
  stt_.reset();
  stt_pending_.clear();
  preroll_.clear();
}

void VoiceChannel::finish_utterance(const std::string& reason) {
  if (!stt_) return;
  feed_stt();
  std::unique_ptr<plugin::SttStream> stream = std::move(stt_);
  const double seconds = static_cast<double>(stream->audio().size()) / kBytesPerSecond;
  if (stream->audio().empty()) {
    return send_error(ErrorCode::kInvalidArgument, "no audio was received for this answer");
  }
  if (seconds * 1000 < kMinAnswerMs) {
    return send_error(ErrorCode::kInvalidArgument, "the spoken answer was too short (" +
                                                       std::to_string(static_cast<int>(seconds * 1000)) +
                                                       " ms); hold the button while you speak");
  }
  if (!turn_.heard_speech()) {
    return send_error(ErrorCode::kInvalidArgument,
                      "no speech was heard in the audio; check the microphone (audio must be 16 kHz mono PCM16)");
  }
  send_state("processing");
  auto result = stream->finish();
  if (!result.ok()) {
    return send_error(result.error().code == ErrorCode::kInvalidArgument ? ErrorCode::kInvalidArgument
                                                                        : ErrorCode::kUnavailable,
                      "speech recognition failed (" + result.error().message + "); please try again or type your answer");
  }
  std::string text = trimmed(result->value("text", ""));
  if (text.empty()) {
    return send_error(ErrorCode::kInvalidArgument, "no words could be made out; please try again or type your answer");
  }
  json voice = {{"durationS", std::round(seconds * 1000) / 1000}, {"stt", result->value("provider", "")},
                {"mode", mode_name(mode_)}, {"ended", reason}};
  if (result->contains("confidence")) voice["confidence"] = (*result)["confidence"];
  if (result->contains("fallback")) voice["fallbackFrom"] = (*result)["fallback"].value("from", "");
  json transcript = {{"type", "transcript"}, {"final", true}, {"text", text}, {"utterance", utterances_},
                     {"questionId", question_.value("id", "")}, {"durationS", voice["durationS"]},
                     {"provider", voice["stt"]}};
  if (voice.contains("confidence")) transcript["confidence"] = voice["confidence"];
  if (context_.audio.enabled()) {
    auto saved = context_.audio.save(session_id_, stream->audio(), kSampleRate);
    if (saved.ok()) {
      voice["audioId"] = *saved;
      transcript["audio"] = {{"id", *saved}, {"url", audio_url(session_id_, *saved)}};
    } else {
      spdlog::warn("session {}: the answer's audio was not stored: {}", session_id_, saved.error().message);
    }
  }
  send(transcript);
  submit(question_.value("id", ""), text, std::move(voice));
}

void VoiceChannel::submit(const std::string& question_id, const std::string& text, json voice) {
  processing_ = true;
  sink_->run_on_worker([self = shared_from_this(), question_id, text, voice = std::move(voice)] {
    auto result = self->context_.sessions.answer(self->user_id_, self->session_id_, question_id, text, std::nullopt, voice);
    if (!result.ok()) self->send_error(result.error().code, "your spoken answer was not taken: " + result.error().message);
    self->queue_->post([self] {
      self->processing_ = false;
      self->send_state(self->mic_open_ ? "listening" : "idle");  // push-to-talk: the answer is in
    });
  });
}

void VoiceChannel::stop_mic(bool submit) {
  if (!mic_open_) {
    if (submit) send_error(ErrorCode::kConflict, "audio_end without audio_start");
    return;
  }
  mic_open_ = false;
  if (stt_ && !partial_frame_.empty()) stt_pending_ += audio::bytes_of(partial_frame_.data(), partial_frame_.size());
  partial_frame_.clear();
  if (stt_ && submit && (mode_ == Mode::kPushToTalk || turn_.heard_speech())) {
    finish_utterance("audio_end");
  } else {
    drop_utterance();
  }
  if (!processing_) send_state("idle");
}

}  // namespace mockroom::speech
