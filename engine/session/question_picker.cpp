#include "session/question_picker.h"

#include <algorithm>
#include <map>
#include <random>
#include <unordered_map>

namespace mockroom::session {
namespace {

// Lower tiers are asked first.
enum Tier { kRedoDue = 0, kUnseen = 1, kSeenLongAgo = 2, kSeenRecently = 3, kExcluded = 4 };

struct Ranked {
  const store::QuestionRecord* row;
  Tier tier;
  int64_t asked_at;
};

std::vector<Ranked> rank(const PickInput& in) {
  std::unordered_map<std::string, const store::QuestionSeen*> seen;
  for (const auto& h : in.history) seen[h.question_id] = &h;
  std::vector<Ranked> out;
  for (const auto& r : in.rows) {
    Tier tier = kUnseen;
    int64_t asked_at = 0;
    if (std::find(in.exclude.begin(), in.exclude.end(), r.id) != in.exclude.end()) {
      tier = kExcluded;
    } else if (auto it = seen.find(r.id); it != seen.end()) {
      const auto& h = *it->second;
      asked_at = h.asked_at_ms;
      if (h.redo_at_ms && *h.redo_at_ms <= in.now_ms) {
        tier = kRedoDue;
      } else if (h.redo_at_ms || in.now_ms - h.asked_at_ms < kRecentQuestionWindowMs) {
        tier = kSeenRecently;
      } else {
        tier = kSeenLongAgo;
      }
    }
    if (tier != kExcluded) out.push_back({&r, tier, asked_at});
  }
  return out;
}

// A seeded shuffle, then round-robin over competencies so a session covers several.
std::vector<const Ranked*> spread(std::vector<const Ranked*> items, std::mt19937_64& rng) {
  for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[rng() % i]);
  std::map<std::string, std::vector<const Ranked*>> by_competency;
  std::vector<std::string> order;
  for (const auto* r : items) {
    auto& list = by_competency[r->row->competency];
    if (list.empty()) order.push_back(r->row->competency);
    list.push_back(r);
  }
  std::vector<const Ranked*> out;
  for (std::size_t round = 0; out.size() < items.size(); ++round) {
    for (const auto& c : order) {
      if (round < by_competency[c].size()) out.push_back(by_competency[c][round]);
    }
  }
  return out;
}

}  // namespace

int fresh_count(const PickInput& in) {
  auto ranked = rank(in);
  return static_cast<int>(std::count_if(ranked.begin(), ranked.end(),
                                        [](const Ranked& r) { return r.tier <= kSeenLongAgo; }));
}

std::vector<store::QuestionRecord> pick_questions(const PickInput& in) {
  auto ranked = rank(in);
  std::mt19937_64 rng(in.seed);
  std::vector<store::QuestionRecord> out;
  for (int tier = kRedoDue; tier <= kSeenRecently && static_cast<int>(out.size()) < in.count; ++tier) {
    std::vector<const Ranked*> items;
    for (const auto& r : ranked) {
      if (r.tier == tier) items.push_back(&r);
    }
    if (tier >= kSeenLongAgo) {  // the longest unseen come back first
      std::stable_sort(items.begin(), items.end(),
                       [](const Ranked* a, const Ranked* b) { return a->asked_at < b->asked_at; });
    } else {
      items = spread(std::move(items), rng);
    }
    for (const auto* r : items) {
      if (static_cast<int>(out.size()) == in.count) break;
      out.push_back(*r->row);
    }
  }
  return out;
}

uint64_t stable_hash(std::string_view text) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace mockroom::session
