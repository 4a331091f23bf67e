#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "speech/turn_taker.h"

using namespace mockroom::speech;
using Event = TurnTaker::Event;

namespace {

// Feeds `ms` of speech or silence in 20 ms frames; returns every event, in order.
std::vector<Event> feed(TurnTaker& t, bool speech, int ms) {
  std::vector<Event> all;
  for (int at = 0; at < ms; at += 20) {
    for (Event e : t.frame(speech, 20)) all.push_back(e);
  }
  return all;
}

bool has(const std::vector<Event>& events, Event e) { return std::find(events.begin(), events.end(), e) != events.end(); }

VoiceOptions options() {
  VoiceOptions o;
  o.end_of_turn_silence_ms = 1200;
  o.thinking_pause_ms = 5000;
  o.barge_in_ms = 300;
  o.backchannel_every_seconds = 10;
  return o;
}

}  // namespace

TEST_CASE("hands-free: speech starts an utterance and the configured silence ends the turn") {
  VoiceOptions o = options();
  TurnTaker t(o);
  CHECK(has(feed(t, true, 200), Event::kSpeechStart));
  CHECK(t.state() == TurnTaker::State::kHearing);
  auto pause = feed(t, false, 1000);
  CHECK(has(pause, Event::kPause));
  CHECK_FALSE(has(pause, Event::kEndOfTurn));
  CHECK(has(feed(t, false, 200), Event::kEndOfTurn));
  CHECK(t.state() == TurnTaker::State::kListening);
}

TEST_CASE("a thinking phrase stretches the silence allowed before the turn ends") {
  VoiceOptions o = options();
  TurnTaker t(o);
  feed(t, true, 1000);
  t.thinking(true);  // "... let me think"
  auto waiting = feed(t, false, 4000);
  CHECK(has(waiting, Event::kThinkingPause));
  CHECK_FALSE(has(waiting, Event::kEndOfTurn));
  auto resumed = feed(t, true, 200);  // they go on
  CHECK(has(resumed, Event::kResume));
  t.thinking(false);
  CHECK(has(feed(t, false, 1200), Event::kEndOfTurn));
}

TEST_CASE("the thinking allowance runs out too") {
  VoiceOptions o = options();
  TurnTaker t(o);
  feed(t, true, 500);
  t.thinking(true);
  CHECK(has(feed(t, false, 5000), Event::kEndOfTurn));
}

TEST_CASE("a short noise is not speech: no utterance starts") {
  VoiceOptions o = options();
  TurnTaker t(o);
  CHECK(feed(t, true, 60).empty());
  CHECK(feed(t, false, 2000).empty());
  CHECK_FALSE(t.heard_speech());
}

TEST_CASE("barge-in fires after bargeInMs of continuous speech, once per stretch") {
  VoiceOptions o = options();
  TurnTaker t(o);
  auto first = feed(t, true, 280);
  CHECK_FALSE(has(first, Event::kBargeIn));
  CHECK(has(feed(t, true, 40), Event::kBargeIn));
  CHECK_FALSE(has(feed(t, true, 1000), Event::kBargeIn));
  feed(t, false, 100);
  CHECK(has(feed(t, true, 400), Event::kBargeIn));
}

TEST_CASE("a long answer gets one back-channel at a short pause, not before it is long") {
  VoiceOptions o = options();
  TurnTaker t(o);
  feed(t, true, 4000);
  CHECK_FALSE(has(feed(t, false, 600), Event::kBackchannel));  // only 4 s spoken
  feed(t, true, 7000);
  auto pause = feed(t, false, 700);
  CHECK(std::count(pause.begin(), pause.end(), Event::kBackchannel) == 1);
  CHECK_FALSE(has(pause, Event::kEndOfTurn));
  feed(t, true, 2000);
  CHECK_FALSE(has(feed(t, false, 700), Event::kBackchannel));  // the count starts again
}

TEST_CASE("back-channels can be switched off") {
  VoiceOptions o = options();
  o.backchannel = false;
  TurnTaker t(o);
  feed(t, true, 12000);
  CHECK_FALSE(has(feed(t, false, 800), Event::kBackchannel));
}

TEST_CASE("ends_with_phrase matches the last words, ignoring case and punctuation") {
  std::vector<std::string> phrases = {"let me think", "hmm"};
  CHECK(ends_with_phrase("So, LET me think...", phrases));
  CHECK(ends_with_phrase("hmm", phrases));
  CHECK_FALSE(ends_with_phrase("let me think about the cache first", phrases));
  CHECK_FALSE(ends_with_phrase("", phrases));
}

TEST_CASE("a thinking phrase's long last word may be misheard by one letter, nothing else") {
  std::vector<std::string> phrases = {"let me think", "give me a second", "hmm", "let me see"};
  CHECK(ends_with_phrase("ok let me thank", phrases));      // substitution
  CHECK(ends_with_phrase("let me thinks", phrases));        // insertion
  CHECK(ends_with_phrase("give me a secon", phrases));      // deletion
  CHECK_FALSE(ends_with_phrase("let me hang", phrases));    // two edits
  CHECK_FALSE(ends_with_phrase("let us think", phrases));   // the opening words must match
  CHECK_FALSE(ends_with_phrase("let me say", phrases));     // short last words match exactly
  CHECK_FALSE(ends_with_phrase("hm", phrases));             // one-word phrases match exactly
}
