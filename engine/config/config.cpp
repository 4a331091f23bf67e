#include "config/config.h"

#include <fstream>
#include <set>
#include <sstream>

namespace mockroom::config {

using nlohmann::json;

namespace {

Status only_keys(const json& obj, const std::string& where, std::set<std::string> allowed) {
  if (!obj.is_object()) return invalid(where + " must be an object");
  for (const auto& [k, v] : obj.items()) {
    if (!allowed.count(k)) return invalid("unknown config key " + where + "." + k);
  }
  return {};
}

template <typename T>
Status read(const json& obj, const char* key, const std::string& where, T& out, T lo, T hi) {
  if (!obj.contains(key)) return {};
  const json& v = obj[key];
  if (!v.is_number_integer()) return invalid(where + "." + key + " must be a whole number");
  auto n = v.get<int64_t>();
  if (n < static_cast<int64_t>(lo) || n > static_cast<int64_t>(hi)) {
    return invalid(where + "." + key + " must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  }
  out = static_cast<T>(n);
  return {};
}

Status read_string(const json& obj, const char* key, const std::string& where, std::string& out) {
  if (!obj.contains(key)) return {};
  if (!obj[key].is_string()) return invalid(where + "." + key + " must be a string");
  out = obj[key].get<std::string>();
  return {};
}

#define MR_TRY(expr)                     \
  do {                                   \
    if (auto st_ = (expr); !st_.ok()) return st_.error(); \
  } while (0)

bool networked(const Config& c, const char* kind, const char* offline) {
  auto it = c.plugins.find(kind);
  return it != c.plugins.end() && it->second.use != offline;
}

}  // namespace

bool networked_llm(const Config& c) { return networked(c, "llm", "llm_rules"); }
bool networked_scorer(const Config& c) { return networked(c, "scorer", "scoring_rubric"); }

void fit_worker_threads(Config& c) {
  // A networked LLM or scorer holds a worker for its whole call (seconds, not
  // milliseconds): unless the operator chose, give such turns enough workers to run side
  // by side (bench/llm: 16 workers queue 100 sessions' turns for 3.5 s).
  if (!c.worker_threads_given && (networked_llm(c) || networked_scorer(c))) {
    c.worker_threads = kNetworkedWorkerThreads;
  }
}

Result<Config> parse(const json& doc) {
  Config c;
  MR_TRY(only_keys(doc, "config", {"server", "dataDir", "interviewsDir", "templatesDir", "pluginDir", "webDir",
                                   "adminDir", "plugins", "sessions", "auth", "billing", "log", "voice"}));
  if (doc.contains("server")) {
    const json& s = doc["server"];
    MR_TRY(only_keys(s, "server", {"host", "port", "ioThreads", "workerThreads", "bodyLimitBytes"}));
    MR_TRY(read_string(s, "host", "server", c.host));
    MR_TRY(read(s, "port", "server", c.port, 0, 65535));
    MR_TRY(read(s, "ioThreads", "server", c.io_threads, 0, 64));
    MR_TRY(read(s, "workerThreads", "server", c.worker_threads, 1, 256));
    MR_TRY(read<std::size_t>(s, "bodyLimitBytes", "server", c.body_limit_bytes, 1024, 64u << 20));
  }
  MR_TRY(read_string(doc, "dataDir", "config", c.data_dir));
  MR_TRY(read_string(doc, "interviewsDir", "config", c.interviews_dir));
  MR_TRY(read_string(doc, "templatesDir", "config", c.templates_dir));
  MR_TRY(read_string(doc, "pluginDir", "config", c.plugin_dir));
  MR_TRY(read_string(doc, "webDir", "config", c.web_dir));
  MR_TRY(read_string(doc, "adminDir", "config", c.admin_dir));
  if (doc.contains("plugins")) {
    const json& p = doc["plugins"];
    MR_TRY(only_keys(p, "plugins", {"llm", "scorer", "stt", "tts", "runner"}));
    for (const auto& [kind, choice] : p.items()) {
      MR_TRY(only_keys(choice, "plugins." + kind, {"use", "config"}));
      if (!choice.contains("use") || !choice["use"].is_string()) {
        return invalid("plugins." + kind + ".use must name a plugin, e.g. \"llm_rules\"");
      }
      json cfg = choice.value("config", json::object());
      if (!cfg.is_object()) return invalid("plugins." + kind + ".config must be an object");
      c.plugins[kind] = {choice["use"].get<std::string>(), cfg};
    }
  }
  if (doc.contains("sessions")) {
    const json& s = doc["sessions"];
    MR_TRY(only_keys(s, "sessions", {"idleEvictSeconds", "scriptMemoryBytes", "scriptInstructionsPerTurn"}));
    MR_TRY(read(s, "idleEvictSeconds", "sessions", c.idle_evict_seconds, 1, 86400));
    MR_TRY(read<std::size_t>(s, "scriptMemoryBytes", "sessions", c.script_memory_bytes, 256u << 10, 1u << 30));
    MR_TRY(read<int64_t>(s, "scriptInstructionsPerTurn", "sessions", c.script_instructions_per_turn,
                         100'000, 2'000'000'000));
  }
  if (doc.contains("auth")) {
    MR_TRY(only_keys(doc["auth"], "auth", {"tokenTtlDays"}));
    MR_TRY(read(doc["auth"], "tokenTtlDays", "auth", c.token_ttl_days, 1, 365));
  }
  if (doc.contains("billing")) {
    const json& b = doc["billing"];
    MR_TRY(only_keys(b, "billing", {"defaultTier", "webhookSecret", "webhookToleranceSeconds"}));
    MR_TRY(read_string(b, "defaultTier", "billing", c.billing.default_tier));
    MR_TRY(read_string(b, "webhookSecret", "billing", c.billing.webhook_secret));
    MR_TRY(read(b, "webhookToleranceSeconds", "billing", c.billing.webhook_tolerance_seconds, 10, 86400));
    if (c.billing.default_tier.empty()) return invalid("billing.defaultTier must name a tier, e.g. \"free\"");
  }
  if (doc.contains("log")) {
    MR_TRY(only_keys(doc["log"], "log", {"level"}));
    MR_TRY(read_string(doc["log"], "level", "log", c.log_level));
    static const std::set<std::string> kLevels = {"trace", "debug", "info", "warn", "error", "off"};
    if (!kLevels.count(c.log_level)) return invalid("log.level must be one of trace, debug, info, warn, error, off");
  }
  if (doc.contains("voice")) {
    auto voice = speech::parse_voice_options(doc["voice"]);
    if (!voice.ok()) return voice.error();
    c.voice = std::move(voice.value());
  }
  c.worker_threads_given = doc.contains("server") && doc["server"].contains("workerThreads");
  fit_worker_threads(c);
  return c;
}

Result<Config> load_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return invalid("cannot read config file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  json doc = json::parse(ss.str(), nullptr, false);
  if (doc.is_discarded()) return invalid("config file " + path + " is not valid JSON");
  auto c = parse(doc);
  if (!c.ok()) return invalid(path + ": " + c.error().message);
  return c;
}

}  // namespace mockroom::config
