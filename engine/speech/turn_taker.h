// TurnTaker: turn-taking from a stream of voice-activity decisions, one per 20 ms frame.
// Pure logic on audio time (no clocks), so tests drive it frame by frame.
//
//  - Onset: kOnsetMs of speech in a row starts an utterance (kSpeechStart).
//  - Barge-in: barge_in_ms of speech in a row (kBargeIn, once per stretch of speech); the
//    voice channel stops the interviewer's audio if it is playing.
//  - Hands-free end of turn: after speech, end_of_turn_silence_ms of silence ends the turn
//    (kEndOfTurn), or thinking_pause_ms when the candidate's last words were a thinking
//    phrase ("let me think", set with thinking()), so a pause to think is not cut off.
//  - Back-channel: once the candidate has spoken backchannel_every_seconds since the last
//    one, the next short pause (kBackchannelGapMs of silence) gets a "mhm" (kBackchannel).
// Not thread-safe: one per audio stream.
#pragma once

#include <vector>

#include "speech/voice_options.h"

namespace mockroom::speech {

class TurnTaker {
 public:
  enum class Event { kSpeechStart, kBargeIn, kPause, kThinkingPause, kResume, kBackchannel, kEndOfTurn };
  enum class State { kListening, kHearing, kPausing, kThinkingPause };

  static constexpr int kOnsetMs = 100;
  static constexpr int kPauseMs = 300;  // silence after speech that counts as a pause
  static constexpr int kBackchannelGapMs = 500;

  explicit TurnTaker(const VoiceOptions& options) : options_(options) {}

  // One frame of `frame_ms`; returns what it caused, in order.
  std::vector<Event> frame(bool speech, int frame_ms);
  // Whether the words heard so far end in a thinking phrase (from the partial transcript).
  void thinking(bool yes) { thinking_ = yes; }
  // Back to listening for a new utterance (after an end of turn the channel acted on).
  void reset();

  State state() const { return state_; }
  bool heard_speech() const { return heard_; }  // any speech since reset()

 private:
  const VoiceOptions& options_;
  State state_ = State::kListening;
  int speech_run_ms_ = 0;
  int silence_run_ms_ = 0;
  int spoken_since_backchannel_ms_ = 0;
  bool barged_ = false;        // kBargeIn already sent for this stretch of speech
  bool backchannelled_ = false;  // in this pause
  bool thinking_ = false;
  bool heard_ = false;
};

// Last words of a phrase at least this long may be one edit away from what was heard.
inline constexpr std::size_t kFuzzyWordChars = 4;

// True when `text` (a transcript so far) ends with one of `phrases`, ignoring case and
// punctuation: "so, let me think..." ends with "let me think". The last word of a phrase of
// two or more words, if it has kFuzzyWordChars letters or more, may be one edit off, as
// recognisers' partials often get it ("let me thank"); the words before it must match.
bool ends_with_phrase(const std::string& text, const std::vector<std::string>& phrases);

}  // namespace mockroom::speech
