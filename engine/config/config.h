// Config: every setting of the engine, with defaults that need no file. Read from one JSON
// file (--config); command-line flags override the server address and data dir. Unknown
// keys are errors, so a typo never silently does nothing. See README "Configuration".
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "speech/voice_options.h"
#include "util/result.h"

namespace mockroom::config {

struct PluginChoice {
  std::string use;
  nlohmann::json config = nlohmann::json::object();
};

// Workers when turns wait on a networked provider (see Config::worker_threads).
inline constexpr int kNetworkedWorkerThreads = 128;

// Pricing and payments (engine/billing, README "Pricing tiers").
struct BillingConfig {
  // The tier of a user who holds no entitlement: "free" (one 45-minute mock a week), or a
  // tier without limits ("unlimited") for a private deployment, demos, tests, benchmarks.
  std::string default_tier = "free";
  // The payment provider's webhook signing secret; empty turns the webhook off (503).
  std::string webhook_secret;
  int webhook_tolerance_seconds = 300;  // how old a signed event may be
};

struct Config {
  std::string host = "127.0.0.1";
  int port = 8080;
  int io_threads = 0;  // 0: one per core
  // Turns block a worker while their events commit, so more workers than cores let more
  // turns share one group commit (16 measured best at 1,000 turns/s on 2 cores).
  // With a networked LLM or scorer (not llm_rules / scoring_rubric) and no workerThreads
  // in the file: kNetworkedWorkerThreads, as each turn waits seconds on the provider.
  int worker_threads = 16;
  bool worker_threads_given = false;  // the file set server.workerThreads
  std::size_t body_limit_bytes = 1 << 20;
  std::string data_dir = "data";
  std::string interviews_dir;  // default: the source tree's interviews/
  std::string templates_dir;   // default: the source tree's templates/ (report export)
  std::string plugin_dir;      // default: ../plugins beside the executable
  std::string web_dir;         // static files; default: the source tree's web/dist once built
  std::string admin_dir;       // the admin console's built files, served at /admin;
                               // default: the source tree's admin/dist
  std::map<std::string, PluginChoice> plugins = {
      {"llm", {"llm_rules", nlohmann::json::object()}},
      {"scorer", {"scoring_rubric", nlohmann::json::object()}},
      {"runner", {"runner_sandbox", nlohmann::json::object()}},
      {"stt", {"stt_pocketsphinx", nlohmann::json::object()}},
      {"tts", {"tts_flite", nlohmann::json::object()}},
  };
  int idle_evict_seconds = 300;
  std::size_t script_memory_bytes = 8u << 20;
  int64_t script_instructions_per_turn = 20'000'000;
  int token_ttl_days = 30;
  BillingConfig billing;
  std::string log_level = "info";
  speech::VoiceOptions voice;
};

// The LLM or the scorer is a networked provider (not llm_rules / scoring_rubric).
bool networked_llm(const Config& c);
bool networked_scorer(const Config& c);
// Sets the worker threads a networked provider needs (kNetworkedWorkerThreads) unless the
// file chose a number; call again once the providers are final (an operator's saved choice).
void fit_worker_threads(Config& c);

// Parses a config document onto the defaults.
Result<Config> parse(const nlohmann::json& doc);
Result<Config> load_file(const std::string& path);

}  // namespace mockroom::config
