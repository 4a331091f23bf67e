// The benchmark's figures: the client's turn records joined with the provider's call
// records by turn key, reduced to latency series, and printed as aligned lines (p50, p95,
// p99, max) followed by one JSON line for scripts.
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "llm/driver.h"
#include "llm/fake_provider.h"

namespace mockroom::bench::llm {

struct Series {
  std::string name;  // "first token: provider write -> client frame"
  std::vector<double> ms;
};

struct Figures {
  std::string title;
  std::vector<std::pair<std::string, std::string>> facts;  // counts and settings, in order
  std::vector<Series> series;
};

// llm_openai against the fake provider: (a) engine-added first-token latency, (b) turn time
// minus the provider's own time, and where that overhead goes.
Figures provider_figures(const DriverResult& turns, const std::vector<CallRecord>& calls);
// The offline llm_rules: turn times only (its text is published after the commit).
Figures reference_figures(const DriverResult& turns);

// Nearest-rank percentile of an ascending series; 0 when empty.
double percentile(const std::vector<double>& sorted, double p);

void print_figures(Figures figures, std::ostream& out);

}  // namespace mockroom::bench::llm
