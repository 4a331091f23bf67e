#include "llm/figures.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <unordered_map>

namespace mockroom::bench::llm {
namespace {

constexpr std::size_t kNameWidth = 50;
constexpr std::size_t kFactWidth = 34;
constexpr std::size_t kNumberWidth = 10;

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }
bool seen(Clock::time_point t) { return t != Clock::time_point{}; }

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string pad(std::string text, std::size_t width, bool right = false) {
  if (text.size() >= width) return text + " ";
  std::string fill(width - text.size(), ' ');
  return right ? fill + text : text + fill;
}

// One turn's provider calls, found by its key.
struct TurnCalls {
  const CallRecord* decision = nullptr;
  const CallRecord* stream = nullptr;
  double provider_ms = 0;  // the sum of its calls' own time, request read -> last byte
  Clock::time_point first_request = Clock::time_point::max();
};

}  // namespace

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

Figures provider_figures(const DriverResult& result, const std::vector<CallRecord>& calls) {
  std::unordered_map<std::string, TurnCalls> by_key;
  long fresh_connections = 0;
  for (const CallRecord& c : calls) {
    TurnCalls& t = by_key[c.turn_key];
    t.provider_ms += ms(c.last_byte - c.received);
    t.first_request = std::min(t.first_request, c.received);
    if (c.kind == CallKind::kDecision && !t.decision) t.decision = &c;
    if (c.kind == CallKind::kStream && !t.stream) t.stream = &c;
    fresh_connections += c.fresh_connection ? 1 : 0;
  }
  Series first_token{"(a) first token: provider write -> token frame", {}};
  Series overhead_message{"(b) overhead: turn to message frame - provider", {}};
  Series overhead_reply{"(b) overhead: turn to reply - provider", {}};
  Series thinking{"answer sent -> thinking frame", {}};
  Series turn{"turn: answer sent -> reply", {}};
  Series provider{"provider's own time per turn (its calls)", {}};
  Series to_provider{"  answer sent -> first provider request", {}};
  Series between{"  decision's last byte -> stream request", {}};
  Series after_stream{"  stream's last byte -> message frame", {}};
  Series message_to_reply{"  message frame -> reply", {}};
  long without_calls = 0, without_stream = 0, uncorrelated = 0;
  for (const TurnRecord& t : result.turns) {
    auto it = by_key.find(t.key);
    if (it == by_key.end()) {
      ++without_calls;
      continue;
    }
    const TurnCalls& c = it->second;
    if (!c.stream) ++without_stream;
    if (c.stream && seen(t.first_token)) {
      if (find_turn_key(t.first_token_text) == t.key) {
        first_token.ms.push_back(ms(t.first_token - c.stream->first_token));
      } else {
        ++uncorrelated;  // the first token frame was not this call's first token
      }
    }
    if (seen(t.message)) overhead_message.ms.push_back(ms(t.message - t.sent) - c.provider_ms);
    overhead_reply.ms.push_back(ms(t.reply - t.sent) - c.provider_ms);
    if (seen(t.thinking)) thinking.ms.push_back(ms(t.thinking - t.sent));
    turn.ms.push_back(ms(t.reply - t.sent));
    provider.ms.push_back(c.provider_ms);
    to_provider.ms.push_back(ms(c.first_request - t.sent));
    if (c.decision && c.stream) between.ms.push_back(ms(c.stream->received - c.decision->last_byte));
    if (c.stream && seen(t.message)) after_stream.ms.push_back(ms(t.message - c.stream->last_byte));
    if (seen(t.message)) message_to_reply.ms.push_back(ms(t.reply - t.message));
  }
  double per_second =
      result.elapsed_seconds > 0 ? static_cast<double>(result.turns.size()) / result.elapsed_seconds : 0;
  Figures f;
  f.title = "llm_openai against the in-process streaming provider";
  f.facts = {{"turns measured", std::to_string(result.turns.size())},
             {"turns with no provider call", std::to_string(without_calls)},
             {"turns with no streamed call", std::to_string(without_stream)},
             {"first tokens of another call", std::to_string(uncorrelated)},
             {"errors", std::to_string(result.errors)},
             {"interviews completed", std::to_string(result.interviews_completed)},
             {"elapsed", fixed(result.elapsed_seconds, 1) + " s"},
             {"throughput", fixed(per_second, 1) + " turns/s"},
             {"provider calls (all, warm-up too)", std::to_string(calls.size())},
             {"calls on a new connection", std::to_string(fresh_connections)}};
  f.series = {first_token, overhead_message, overhead_reply, thinking, turn, provider,
              to_provider, between, after_stream, message_to_reply};
  return f;
}

Figures reference_figures(const DriverResult& result) {
  Series first_token{"answer sent -> first token frame", {}};
  Series message{"answer sent -> message frame", {}};
  Series thinking{"answer sent -> thinking frame", {}};
  Series reply{"turn: answer sent -> reply", {}};
  for (const TurnRecord& t : result.turns) {
    if (seen(t.thinking)) thinking.ms.push_back(ms(t.thinking - t.sent));
    if (seen(t.first_token)) first_token.ms.push_back(ms(t.first_token - t.sent));
    if (seen(t.message)) message.ms.push_back(ms(t.message - t.sent));
    reply.ms.push_back(ms(t.reply - t.sent));
  }
  Figures f;
  f.title = "llm_rules (offline, for reference)";
  f.facts = {{"turns measured", std::to_string(result.turns.size())},
             {"errors", std::to_string(result.errors)},
             {"interviews completed", std::to_string(result.interviews_completed)},
             {"elapsed", fixed(result.elapsed_seconds, 1) + " s"}};
  f.series = {thinking, first_token, message, reply};
  return f;
}

void print_figures(Figures f, std::ostream& out) {
  out << "== " << f.title << " ==\n";
  for (const auto& [name, value] : f.facts) out << pad(name, kFactWidth) << value << "\n";
  out << pad("ms", kNameWidth);
  for (const char* h : {"n", "p50", "p95", "p99", "max"}) out << pad(h, kNumberWidth, true);
  out << "\n";
  nlohmann::json doc = {{"title", f.title}, {"facts", nlohmann::json::object()}, {"ms", nlohmann::json::object()}};
  for (const auto& [name, value] : f.facts) doc["facts"][name] = value;
  for (Series& s : f.series) {
    std::sort(s.ms.begin(), s.ms.end());
    double p50 = percentile(s.ms, 50), p95 = percentile(s.ms, 95), p99 = percentile(s.ms, 99);
    double max = s.ms.empty() ? 0 : s.ms.back();
    out << pad(s.name, kNameWidth) << pad(std::to_string(s.ms.size()), kNumberWidth, true);
    for (double v : {p50, p95, p99, max}) out << pad(fixed(v, 2), kNumberWidth, true);
    out << "\n";
    doc["ms"][s.name] = {{"n", s.ms.size()}, {"p50", p50}, {"p95", p95}, {"p99", p99}, {"max", max}};
  }
  out << doc.dump() << "\n";
}

}  // namespace mockroom::bench::llm
