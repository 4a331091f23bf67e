#include "speech/turn_taker.h"

#include <cctype>

namespace mockroom::speech {

std::vector<TurnTaker::Event> TurnTaker::frame(bool speech, int frame_ms) {
  std::vector<Event> out;
  if (speech) {
    speech_run_ms_ += frame_ms;
    silence_run_ms_ = 0;
    if (state_ != State::kListening) spoken_since_backchannel_ms_ += frame_ms;
    if (speech_run_ms_ >= kOnsetMs) {
      if (state_ == State::kListening) {
        state_ = State::kHearing;
        heard_ = true;
        out.push_back(Event::kSpeechStart);
      } else if (state_ != State::kHearing) {
        state_ = State::kHearing;
        out.push_back(Event::kResume);
      }
      backchannelled_ = false;
    }
    if (!barged_ && speech_run_ms_ >= options_.barge_in_ms) {
      barged_ = true;
      out.push_back(Event::kBargeIn);
    }
    return out;
  }
  speech_run_ms_ = 0;
  barged_ = false;
  silence_run_ms_ += frame_ms;
  if (state_ == State::kListening) return out;
  if (state_ == State::kHearing && silence_run_ms_ >= kPauseMs) {
    state_ = State::kPausing;
    out.push_back(Event::kPause);
  }
  if (state_ == State::kPausing && options_.backchannel && !backchannelled_ && !thinking_ &&
      silence_run_ms_ >= kBackchannelGapMs && silence_run_ms_ < options_.end_of_turn_silence_ms &&
      spoken_since_backchannel_ms_ >= options_.backchannel_every_seconds * 1000) {
    backchannelled_ = true;
    spoken_since_backchannel_ms_ = 0;
    out.push_back(Event::kBackchannel);
  }
  int limit = thinking_ ? options_.thinking_pause_ms : options_.end_of_turn_silence_ms;
  if (thinking_ && state_ == State::kPausing && silence_run_ms_ >= options_.end_of_turn_silence_ms) {
    state_ = State::kThinkingPause;
    out.push_back(Event::kThinkingPause);
  }
  if (silence_run_ms_ >= limit && state_ != State::kHearing) {
    out.push_back(Event::kEndOfTurn);
    state_ = State::kListening;
  }
  return out;
}

void TurnTaker::reset() {
  state_ = State::kListening;
  speech_run_ms_ = silence_run_ms_ = spoken_since_backchannel_ms_ = 0;
  barged_ = backchannelled_ = thinking_ = heard_ = false;
}

namespace {

// Whether `a` becomes `b` by at most one substitution, insertion or deletion.
bool within_one_edit(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const std::string& shorter = a.size() <= b.size() ? a : b;
  const std::string& longer = a.size() <= b.size() ? b : a;
  if (longer.size() - shorter.size() > 1) return false;
  std::size_t i = 0;
  while (i < shorter.size() && shorter[i] == longer[i]) ++i;
  const std::size_t skip = shorter.size() == longer.size() ? 1 : 0;  // substitute, or insert into the shorter
  return shorter.compare(i + skip, std::string::npos, longer, i + 1, std::string::npos) == 0;
}

}  // namespace

bool ends_with_phrase(const std::string& text, const std::vector<std::string>& phrases) {
  auto words = [](const std::string& s) {
    std::vector<std::string> out;
    std::string w;
    for (char c : s) {
      auto u = static_cast<unsigned char>(c);
      if (std::isalnum(u) || c == '\'') {
        w.push_back(static_cast<char>(std::tolower(u)));
      } else if (!w.empty()) {
        out.push_back(std::move(w));
        w.clear();
      }
    }
    if (!w.empty()) out.push_back(std::move(w));
    return out;
  };
  std::vector<std::string> said = words(text);
  for (const std::string& phrase : phrases) {
    std::vector<std::string> p = words(phrase);
    if (p.empty() || p.size() > said.size()) continue;
    bool match = true;
    for (std::size_t i = 0; i < p.size() && match; ++i) {
      const std::string& heard = said[said.size() - p.size() + i];
      // A recogniser's partial often mishears the last word ("let me thank"): after the
      // phrase's exact opening words, a long last word may be one edit away.
      const bool last = i + 1 == p.size() && p.size() > 1 && p[i].size() >= kFuzzyWordChars;
      match = last ? within_one_edit(heard, p[i]) : heard == p[i];
    }
    if (match) return true;
  }
  return false;
}

}  // namespace mockroom::speech
