#include "answer_text.h"

#include <array>
#include <string_view>

namespace mockroom::bench {
namespace {

constexpr std::array<std::string_view, 6> kSituations = {
    "At my previous company our checkout service kept timing out during peak sales, and "
    "customers were abandoning their carts at an alarming rate.",
    "When I joined the data platform team, the nightly batch jobs regularly missed their "
    "deadline and analysts started every day with stale dashboards.",
    "Last year two senior engineers left my team in the middle of a database migration that "
    "the whole support organisation depended on.",
    "In my second year as a team lead, our largest customer threatened to cancel after three "
    "serious incidents in a single month.",
    "During a major product launch, marketing and engineering disagreed sharply about what "
    "could realistically ship by the date we had announced.",
    "Our mobile app had a crash rate that crept up with every release, and nobody on the "
    "team felt they owned the problem.",
};

constexpr std::array<std::string_view, 5> kTasks = {
    "I was responsible for finding the root cause and getting the team aligned on a fix "
    "within two weeks.",
    "My task was to restore trust with the stakeholders while keeping the roadmap on track.",
    "I owned the plan, which meant deciding what to cut and explaining it clearly to "
    "everyone involved.",
    "As the most senior person in the room, I had to turn a tense situation into a plan we "
    "could all commit to.",
    "My goal was to fix the immediate problem and make sure it could not quietly return.",
};

constexpr std::array<std::string_view, 5> kActions = {
    "I started by instrumenting the slowest paths, ran a blameless review with the on-call "
    "engineers, and split the work into small daily milestones so progress was visible.",
    "I met each stakeholder one to one, wrote a short decision document with the trade-offs, "
    "and set up a weekly demo so nobody had to guess where we stood.",
    "I paired with the newer engineers on the riskiest parts, automated the manual checks, "
    "and moved two lower-value features out of the release.",
    "I gathered the data first, proposed two options with honest estimates, and asked the "
    "team to challenge them before we committed to one.",
    "I added alerts on the leading indicators, wrote a runbook with the team, and reviewed "
    "every change to the critical path myself for a month.",
};

// "{n}" is replaced by a number that varies per turn.
constexpr std::array<std::string_view, 5> kResults = {
    "As a result, p95 latency dropped by {n} percent and we had no incidents for the rest "
    "of the quarter.",
    "In the end we shipped {n} days early, and the customer renewed their contract for "
    "another two years.",
    "The crash rate fell by {n} percent within six weeks, and other teams adopted the same "
    "review process.",
    "We cut the batch runtime by {n} minutes, so analysts finally had fresh data every "
    "morning.",
    "Support tickets about the issue went down by {n} percent, and the team now owns the "
    "metric proudly.",
};

constexpr std::array<std::string_view, 3> kLessons = {
    "What I learned is that visible, measurable progress matters more than a perfect plan.",
    "Looking back, I would involve the stakeholders even earlier next time.",
    "It taught me to make ownership explicit before a problem becomes urgent.",
};

constexpr uint64_t kMinNumber = 5;
constexpr uint64_t kNumberRange = 90;  // numbers 5..94

// splitmix64: a cheap, well-mixed hash so neighbouring turns pick unrelated parts.
uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

template <std::size_t N>
std::string_view pick(const std::array<std::string_view, N>& parts, uint64_t& state) {
  state = mix(state);
  return parts[state % N];
}

}  // namespace

std::string star_answer(uint64_t session, uint64_t turn) {
  uint64_t state = mix(session * 1'000'003ull + turn);
  std::string text;
  text.reserve(800);
  text += pick(kSituations, state);
  text += ' ';
  text += pick(kTasks, state);
  text += ' ';
  text += pick(kActions, state);
  text += ' ';
  std::string_view result = pick(kResults, state);
  state = mix(state);
  std::size_t slot = result.find("{n}");
  text += result.substr(0, slot);
  text += std::to_string(kMinNumber + state % kNumberRange);
  text += result.substr(slot + 3);
  state = mix(state);
  if (state % 2 == 0) {
    text += ' ';
    text += pick(kLessons, state);
  }
  return text;
}

}  // namespace mockroom::bench
