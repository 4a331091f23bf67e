// VoiceChannel: spoken answers and the interviewer's voice on one interview WebSocket
// (README "Voice over the WebSocket" is the protocol). The socket hands it the voice
// messages (voice, audio_start, audio_end, audio_cancel) and every binary frame, on its IO
// strand, in arrival order; the channel queues them and works through them one at a time
// on the server's worker pool:
//
//  - audio_start opens the microphone in push-to-talk (the utterance is the answer) or
//    hands-free mode (voice activity finds where answers start and end, with a thinking
//    pause allowance); PCM frames feed the STT provider, partial transcripts go back;
//  - the end of an utterance gets the final transcript, stores the audio (when retention
//    is on) and submits the transcript as the answer to the open question, off the queue,
//    so listening goes on while the turn runs;
//  - the candidate's speech stops the interviewer's audio (barge-in) and cuts short an
//    LLM reply being written; long answers get an occasional "mhm" at a pause;
//  - bad audio (wrong rate, empty, too long, not speech) gets an error frame; the socket
//    and the interview go on, and text answers work throughout.
//
// Held by shared_ptr (queued tasks hold it). Public methods are thread-safe and quick.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "api/http_types.h"
#include "plugin/registry.h"
#include "session/session_manager.h"
#include "speech/audio_store.h"
#include "speech/speaker.h"
#include "speech/turn_taker.h"
#include "speech/vad.h"
#include "speech/voice_options.h"
#include "util/serial_queue.h"

namespace mockroom::speech {

// What every channel shares; outlives them all.
struct VoiceContext {
  const plugin::Registry& registry;
  session::SessionManager& sessions;
  AudioStore& audio;
  const VoiceOptions& options;
};

class VoiceChannel : public std::enable_shared_from_this<VoiceChannel> {
 public:
  enum class Mode { kPushToTalk, kHandsFree };

  static std::shared_ptr<VoiceChannel> create(const VoiceContext& context, int64_t user_id, std::string session_id,
                                              std::shared_ptr<api::SocketSink> sink);

  // A text frame's parsed message: true when it was a voice message (now queued).
  bool on_message(const nlohmann::json& message);
  // A binary frame: PCM audio of the utterance in progress.
  void on_audio(std::string_view bytes);
  // Frames the session published (a turn's messages and questions): spoken when the
  // client asked for the interviewer's voice. Must not block (called by the publisher).
  void on_published(const std::vector<nlohmann::json>& frames);
  // The socket is gone.
  void close();

 private:
  VoiceChannel(const VoiceContext& context, int64_t user_id, std::string session_id,
               std::shared_ptr<api::SocketSink> sink);

  // ---- on the channel's queue, one at a time
  void configure(const nlohmann::json& message);
  void start(const nlohmann::json& message);
  void audio(const std::string& bytes);
  void stop_mic(bool submit);
  void process_frame(const int16_t* samples);
  void on_turn_event(TurnTaker::Event event);
  bool open_utterance();
  // Ends the utterance: final transcript, stored audio, the answer. `reason` says why.
  void finish_utterance(const std::string& reason);
  void drop_utterance();
  void submit(const std::string& question_id, const std::string& text, nlohmann::json voice);
  // Hands the audio waiting in stt_pending_ to the STT stream; sends a new partial.
  void feed_stt();

  void send(const nlohmann::json& frame);
  void send_error(ErrorCode code, const std::string& message);
  void send_state(const char* state);
  bool post(util::SerialQueue::Task task);

  const VoiceContext context_;
  const int64_t user_id_;
  const std::string session_id_;
  const std::shared_ptr<api::SocketSink> sink_;
  const std::shared_ptr<Speaker> speaker_;
  std::shared_ptr<util::SerialQueue> queue_;
  std::atomic<bool> closed_{false};
  std::atomic<bool> overflow_reported_{false};

  // Queue state (touched only by queued tasks).
  bool mic_open_ = false;
  Mode mode_ = Mode::kPushToTalk;
  bool stray_audio_reported_ = false;  // audio without audio_start, said once
  bool processing_ = false;            // an answer's turn is running
  VoiceActivity vad_;
  TurnTaker turn_;
  std::vector<int16_t> partial_frame_;  // samples short of a whole VAD frame
  std::string preroll_;                 // hands-free: the audio just before speech started
  std::unique_ptr<plugin::SttStream> stt_;
  std::string stt_pending_;             // the utterance's audio not yet fed to stt_
  nlohmann::json question_;             // the question the utterance answers
  int64_t utterance_samples_ = 0;
  int utterances_ = 0;
  std::string last_partial_;
};

}  // namespace mockroom::speech
