// An OpenAI-compatible Chat Completions server for the LLM benchmark: many connections at
// once (one coroutine each, HTTP/1.1 keep-alive), streamed replies over SSE in chunked
// encoding with a configurable first-token delay, inter-token delay and token count, and
// non-streamed JSON replies to follow-up decisions ({"followup": null}).
//
// It records each call on the steady clock: when its request was read, when it wrote the
// first token and when it wrote the last byte. A call is tied to its turn by the turn key
// (kKeyPrefix...) the benchmark puts in the candidate's answer, which the engine copies into
// every prompt of that turn; the first token of a streamed reply starts with the key too,
// so the client can tell which turn a token frame belongs to.
//
// Threads: owns one thread that runs all connections; calls() may be read from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace mockroom::bench::llm {

using Clock = std::chrono::steady_clock;

inline constexpr std::string_view kKeyPrefix = "mrturn-";

// The turn key in `text` ("mrturn-12-7"), or "" when there is none.
std::string find_turn_key(std::string_view text);

struct ProviderOptions {
  std::chrono::milliseconds first_token_delay{200};
  std::chrono::milliseconds token_interval{20};
  int tokens = 20;                                // per streamed reply
  std::chrono::milliseconds decision_delay{100};  // before a follow-up decision's reply
};

enum class CallKind { kDecision, kStream };

struct CallRecord {
  CallKind kind = CallKind::kDecision;
  std::string turn_key;
  bool fresh_connection = false;  // the first request on its connection
  Clock::time_point received;     // the whole request was read
  Clock::time_point first_token;  // streamed replies: just before the first token's write
  Clock::time_point last_byte;    // the reply's last write completed
};

class FakeProvider {
 public:
  explicit FakeProvider(ProviderOptions options);  // listens on 127.0.0.1, ephemeral port
  ~FakeProvider();                                 // stops and joins its thread
  FakeProvider(const FakeProvider&) = delete;
  FakeProvider& operator=(const FakeProvider&) = delete;

  std::string base_url() const;
  std::vector<CallRecord> calls() const;
  long connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mockroom::bench::llm
