// The benchmark's candidates: N concurrent sessions against a running engine, each with a
// WebSocket subscriber, answering question after question (a session whose interview
// completes starts another). Each answer carries its turn key ("mrturn-SESSION-TURN"),
// and each turn's client-side instants are recorded on the steady clock.
//
// Everything runs as coroutines on the calling thread: drive() returns when the turns are
// done.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "llm/fake_provider.h"

namespace mockroom::bench::llm {

enum class AnswerVia { kHttp, kWebSocket };

struct DriverOptions {
  int sessions = 100;
  int users = 10;
  long turns = 3000;      // measured turns
  long warmup_turns = 0;  // turns started before these are not measured
  int questions = 10;     // per interview
  AnswerVia via = AnswerVia::kHttp;
  std::chrono::milliseconds think{0};  // between a turn's reply and the next answer
  std::function<void()> on_measuring;  // called once, as the first measured turn starts
};

struct TurnRecord {
  std::string key;
  Clock::time_point sent;         // the answer was written
  Clock::time_point thinking;     // the turn's first "thinking" frame arrived (epoch: none)
  Clock::time_point first_token;  // the turn's first token frame arrived (epoch: none)
  Clock::time_point message;      // its first message frame arrived (epoch: none)
  Clock::time_point reply;        // the HTTP response arrived (over WS: the question/status frame)
  std::string first_token_text;
  bool finished_interview = false;
};

struct DriverResult {
  std::vector<TurnRecord> turns;  // measured turns that completed without an error
  long sessions_opened = 0;
  long errors = 0;
  long interviews_completed = 0;
  double elapsed_seconds = 0;  // from the first measured turn to the last reply
};

DriverResult drive(uint16_t port, const DriverOptions& options);

}  // namespace mockroom::bench::llm
