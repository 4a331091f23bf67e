// Speaker: the interviewer's voice on one WebSocket. Interviewer messages and questions are
// queued with say() and spoken in order, one at a time, on the server's worker pool; each
// goes to the client as
//     {"type":"audio_start","id","kind","text","sampleRate","format",...}
//     binary frames of PCM (s16le mono 16 kHz), as the TTS provider makes them
//     {"type":"audio_end","id","samples","interrupted"}
// interrupt() (the candidate barged in) cancels the synthesis in progress, drops the
// queue, and tells the client to stop playing at once ({"type":"audio_stop"}).
//
// The server sends audio faster than it plays, so "still playing" is estimated from the
// audio sent and the time it started. Held by shared_ptr (queued work holds it); every
// method is thread-safe and quick.
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "api/http_types.h"
#include "plugin/registry.h"

namespace mockroom::speech {

class Speaker : public std::enable_shared_from_this<Speaker> {
 public:
  enum class Kind { kMessage, kQuestion, kBackchannel };

  static std::shared_ptr<Speaker> create(const plugin::Registry& registry, std::shared_ptr<api::SocketSink> sink);

  void set_enabled(bool on);
  bool enabled() const { return enabled_.load(); }

  // Queues `text` to be spoken after what is queued. Dropped when disabled or closed, and
  // (with an error frame) when kMaxQueuedSpeech items wait already. A back-channel is
  // spoken only if nothing else is playing.
  void say(std::string text, Kind kind, std::string question_id = "");
  // Stops interviewer audio. Returns whether anything was playing or queued.
  bool interrupt(const std::string& reason);
  // Audio queued, being made, or (by the clock) still playing at the client.
  bool playing() const;
  // The socket is gone: stop and drop everything.
  void close();

 private:
  Speaker(const plugin::Registry& registry, std::shared_ptr<api::SocketSink> sink)
      : registry_(registry), sink_(std::move(sink)) {}
  struct Item {
    std::string id;
    std::string text;
    Kind kind = Kind::kMessage;
    std::string question_id;
  };
  void start_next();        // under mu_: hands the next item to a worker if idle
  void speak(const Item& item);  // on a worker
  void send(const nlohmann::json& frame);

  const plugin::Registry& registry_;
  const std::shared_ptr<api::SocketSink> sink_;
  std::atomic<bool> enabled_{false};
  std::atomic<bool> cancel_{false};  // the item being spoken should stop
  mutable std::mutex mu_;
  std::deque<Item> queue_;
  bool busy_ = false;            // a worker is speaking an item
  bool closed_ = false;
  uint64_t next_id_ = 1;
  std::string current_id_;       // the item being spoken, "" when none
  std::chrono::steady_clock::time_point playing_until_{};  // estimated end of playback
  bool reported_unavailable_ = false;
};

const char* kind_name(Speaker::Kind kind);

}  // namespace mockroom::speech
