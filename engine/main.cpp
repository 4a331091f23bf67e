// mockroom: the engine executable.
//   mockroom serve [--host H] [--port P] [--data-dir DIR] [--config FILE]
//   mockroom admin create --email E (--password P | --password-file FILE|-) [--name N] [--data-dir DIR] [--config FILE]
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "admin/audit_log.h"
#include "api/api.h"
#include "api/console_services.h"
#include "auth/auth_service.h"
#include "authoring/question_bank.h"
#include "authoring/rubrics.h"
#include "authoring/script_studio.h"
#include "billing/billing_service.h"
#include "billing/payments.h"
#include "config/config.h"
#include "config/plugin_setup.h"
#include "config/provider_settings.h"
#include "http/server.h"
#include "package/package_service.h"
#include "plugin/registry.h"
#include "report/export.h"
#include "script/catalog.h"
#include "script/prompt_overrides.h"
#include "session/code_service.h"
#include "session/session_manager.h"
#include "speech/audio_store.h"
#include "store/store.h"
#include "util/call_pool.h"
#include "util/crypto.h"
#include "tools/cli.h"

namespace fs = std::filesystem;
using namespace mockroom;

// Threads that synthesise speech (more calls than this run on the caller's thread).
constexpr std::size_t kSpeechPoolThreads = 4;

namespace {

constexpr const char* kUsage =
    "Mockroom " MOCKROOM_VERSION " - self-hosted mock interviews with an AI interviewer\n"
    "\n"
    "usage:\n"
    "  mockroom serve [--host 127.0.0.1] [--port 8080] [--data-dir DIR] [--config FILE]\n"
    "  mockroom admin create --email E (--password P | --password-file FILE|-) [--name N] [--data-dir DIR]\n"
    "                        [--config FILE]   (--password-file -: the first line of standard input,\n"
    "                        so the password never shows in the process list)\n"
    "  mockroom validate FILE.lua [--config FILE]\n"
    "  mockroom rehearse FILE.lua --answers ANSWERS.json [--setup JSON] [--minutes-per-answer N]\n"
    "                    [--json true] [--config FILE]\n"
    "  mockroom --version\n";

struct Args {
  std::vector<std::string> words;
  std::map<std::string, std::string> flags;
};

// Parses "--flag value" pairs; every flag takes a value.
bool parse_args(int argc, char** argv, Args& out, std::string& error) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) == 0 && a != "--help" && a != "--version") {
      if (i + 1 >= argc) {
        error = "missing value after " + a;
        return false;
      }
      out.flags[a.substr(2)] = argv[++i];
    } else {
      out.words.push_back(a);
    }
  }
  return true;
}

fs::path executable_dir() {
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path() : exe.parent_path();
}

Result<config::Config> load_config(const Args& args, const std::vector<std::string>& allowed) {
  for (const auto& [flag, value] : args.flags) {
    if (std::find(allowed.begin(), allowed.end(), flag) == allowed.end()) {
      return invalid("unknown option --" + flag);
    }
  }
  config::Config cfg;
  if (auto it = args.flags.find("config"); it != args.flags.end()) {
    auto loaded = config::load_file(it->second);
    if (!loaded.ok()) return loaded.error();
    cfg = loaded.value();
  }
  if (auto it = args.flags.find("host"); it != args.flags.end()) cfg.host = it->second;
  if (auto it = args.flags.find("data-dir"); it != args.flags.end()) cfg.data_dir = it->second;
  if (auto it = args.flags.find("port"); it != args.flags.end()) {
    try {
      std::size_t used = 0;
      int port = std::stoi(it->second, &used);
      if (used != it->second.size() || port < 0 || port > 65535) throw std::out_of_range("port");
      cfg.port = port;
    } catch (const std::exception&) {
      return invalid("--port must be a number from 0 to 65535");
    }
  }
  if (cfg.interviews_dir.empty()) cfg.interviews_dir = std::string(MOCKROOM_SOURCE_DIR) + "/interviews";
  if (cfg.templates_dir.empty()) cfg.templates_dir = std::string(MOCKROOM_SOURCE_DIR) + "/templates";
  if (cfg.admin_dir.empty()) cfg.admin_dir = std::string(MOCKROOM_SOURCE_DIR) + "/admin/dist";
  if (cfg.plugin_dir.empty()) cfg.plugin_dir = (executable_dir().parent_path() / "plugins").string();
  // The web client, once built (scripts/run and scripts/test build it into web/dist).
  if (cfg.web_dir.empty()) {
    fs::path built = fs::path(MOCKROOM_SOURCE_DIR) / "web" / "dist";
    std::error_code ec;
    if (fs::is_regular_file(built / "index.html", ec)) cfg.web_dir = built.string();
  }
  return cfg;
}

std::unique_ptr<store::Store> open_store(const config::Config& cfg) {
  fs::create_directories(cfg.data_dir);
  return store::open_sqlite_store((fs::path(cfg.data_dir) / "mockroom.db").string());
}

int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

int serve(config::Config cfg) {
  auto store = open_store(cfg);
  plugin::Registry plugins;
  // Operators' saved provider choices win over the file's; their secrets are sealed under
  // a key kept beside the database.
  config::ProviderSettings providers(
      plugins, *store, crypto::load_or_create_secret_key((fs::path(cfg.data_dir) / "secrets.key").string()));
  if (auto st = providers.start(cfg.plugin_dir, cfg.plugins); !st.ok()) {
    throw std::runtime_error(st.error().message);
  }
  cfg.plugins = providers.choices();
  config::fit_worker_threads(cfg);
  // A networked LLM streams from a socket: wait on it from threads of its own (one per
  // worker, so a call never waits for one) at the network threads' priority.
  if (config::networked_llm(cfg)) {
    plugins.set_call_pool(
        std::make_shared<util::CallPool>("mr-provider", static_cast<std::size_t>(cfg.worker_threads)));
  }
  // The interviewer's voice is synthesised at the network threads' priority (see
  // Registry::set_speech_pool); a few threads, as the offline voices run one at a time.
  plugins.set_speech_pool(std::make_shared<util::CallPool>("mr-speech", kSpeechPoolThreads));
  script::Catalog catalog;
  catalog.load(cfg.interviews_dir, *store);
  script::PromptOverrides prompts;
  prompts.load(cfg.interviews_dir, *store, catalog);

  session::Environment env{*store, plugins, catalog,
                           script::Limits{cfg.script_memory_bytes, cfg.script_instructions_per_turn},
                           unix_ms, &prompts};
  session::SessionManager sessions(env, {cfg.idle_evict_seconds, 200});
  auth::AuthService auth(*store, cfg.token_ttl_days);
  package::PackageService packages(*store, sessions, catalog, [] {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch()).count();
  });
  session::CodeService code(sessions, plugins, *store);
  // Missing templates only turn export off (503 with the reason), like a missing runner.
  auto templates = report::ReportTemplates::load(cfg.templates_dir);
  if (!templates.ready()) spdlog::error("{}", templates.problem());
  // Spoken answers' audio, kept voice.audioRetentionDays (0: not at all).
  speech::AudioStore audio(fs::path(cfg.data_dir) / "audio", cfg.voice.audio_retention_days);
  admin::AuditLog audit(*store, unix_ms);
  billing::BillingService billing(*store, cfg.billing, unix_ms);
  billing.check_config();
  billing::Payments payments(*store, billing, unix_ms);
  authoring::QuestionBank questions(*store, catalog, code);
  authoring::RubricEditor rubrics(*store, catalog, plugins);
  authoring::ScriptStudio studio(cfg.interviews_dir, *store, catalog, plugins);
  api::ConsoleServices console{*store,   sessions,  catalog,   plugins, providers, audit, billing,
                               payments, questions, rubrics,   studio,  unix_ms};
  api::Api app(auth, sessions, catalog, plugins, *store, packages, code, templates, prompts, audio, cfg.voice,
               console);

  http::ServerOptions options;
  options.host = cfg.host;
  options.port = static_cast<uint16_t>(cfg.port);
  options.io_threads = cfg.io_threads;
  options.worker_threads = cfg.worker_threads;
  options.body_limit = cfg.body_limit_bytes;
  options.static_dir = cfg.web_dir;
  // The admin console, once built (npm run build in admin/; scripts/build does it).
  if (fs::is_regular_file(fs::path(cfg.admin_dir) / "index.html")) {
    options.mounts.push_back({"/admin", cfg.admin_dir});
  } else {
    spdlog::warn("the admin console is not built ({} has no index.html); /admin answers 503", cfg.admin_dir);
  }
  http::Server server(app, options);
  server.start();
  server.run();
  spdlog::info("Mockroom stopped");
  return 0;
}

// The password of `admin create`: --password, or the first line of --password-file ("-" is
// standard input). Empty with a message in `error` when neither gives one.
std::string admin_password(const Args& args, std::string& error) {
  if (args.flags.count("password")) return args.flags.at("password");
  if (!args.flags.count("password-file")) {
    error = "admin create needs --password or --password-file";
    return "";
  }
  const std::string& path = args.flags.at("password-file");
  std::ifstream file;
  if (path != "-") {
    file.open(path);
    if (!file) {
      error = "cannot read the password file " + path;
      return "";
    }
  }
  std::string line;
  std::getline(path == "-" ? std::cin : file, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) error = "the password file's first line is empty";
  return line;
}

int admin_create(const config::Config& cfg, const Args& args) {
  auto email = args.flags.find("email");
  if (email == args.flags.end()) {
    std::cerr << "admin create needs --email\n" << kUsage;
    return 2;
  }
  std::string error;
  const std::string password = admin_password(args, error);
  if (password.empty()) {
    std::cerr << error << "\n" << kUsage;
    return 2;
  }
  auto name = args.flags.count("name") ? args.flags.at("name") : std::string("Administrator");
  auto store = open_store(cfg);
  auth::AuthService auth(*store, cfg.token_ttl_days);
  auto user = auth.register_user(email->second, password, name, store::Role::kAdmin);
  if (!user.ok()) {
    std::cerr << "cannot create admin: " << user.error().message << "\n";
    return 1;
  }
  std::cout << "created admin " << user->email << " (id " << user->id << ")\n";
  return 0;
}

// validate / rehearse: check or try an interview script without a server.
int authoring_tool(const Args& args) {
  bool rehearse = args.words[0] == "rehearse";
  auto cfg = load_config(args, rehearse ? std::vector<std::string>{"answers", "setup", "minutes-per-answer", "json", "config"}
                                        : std::vector<std::string>{"config"});
  if (!cfg.ok()) {
    std::cerr << cfg.error().message << "\n" << kUsage;
    return 2;
  }
  tools::CliOptions options;
  options.script_path = args.words[1];
  if (!rehearse) return tools::run_validate(*cfg, options, std::cout, std::cerr);
  auto answers = args.flags.find("answers");
  if (answers == args.flags.end()) {
    std::cerr << "rehearse needs --answers ANSWERS.json\n" << kUsage;
    return 2;
  }
  options.answers_path = answers->second;
  if (args.flags.count("setup")) options.setup_json = args.flags.at("setup");
  options.json_output = args.flags.count("json") && args.flags.at("json") != "false";
  if (args.flags.count("minutes-per-answer")) {
    try {
      options.minutes_per_answer = std::stod(args.flags.at("minutes-per-answer"));
    } catch (const std::exception&) {
      options.minutes_per_answer = -1;
    }
    if (!(options.minutes_per_answer >= 0 && options.minutes_per_answer <= 60)) {
      std::cerr << "--minutes-per-answer must be a number from 0 to 60\n";
      return 2;
    }
  }
  return tools::run_rehearse(*cfg, options, std::cout, std::cerr);
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  std::string error;
  if (!parse_args(argc, argv, args, error)) {
    std::cerr << error << "\n" << kUsage;
    return 2;
  }
  if (args.words.empty() || args.words[0] == "--help" || args.words[0] == "help") {
    std::cout << kUsage;
    return args.words.empty() ? 2 : 0;
  }
  if (args.words[0] == "--version") {
    std::cout << "mockroom " << MOCKROOM_VERSION << "\n";
    return 0;
  }
  try {
    if (args.words[0] == "serve" && args.words.size() == 1) {
      auto cfg = load_config(args, {"host", "port", "data-dir", "config"});
      if (!cfg.ok()) {
        std::cerr << cfg.error().message << "\n" << kUsage;
        return 2;
      }
      spdlog::set_level(spdlog::level::from_str(cfg->log_level));
      return serve(*cfg);
    }
    if (args.words.size() == 2 && args.words[0] == "admin" && args.words[1] == "create") {
      auto cfg = load_config(args, {"email", "password", "password-file", "name", "data-dir", "config"});
      if (!cfg.ok()) {
        std::cerr << cfg.error().message << "\n" << kUsage;
        return 2;
      }
      return admin_create(*cfg, args);
    }
    if (args.words.size() == 2 && (args.words[0] == "validate" || args.words[0] == "rehearse")) {
      return authoring_tool(args);
    }
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return 1;
  }
  std::cerr << "unknown command\n" << kUsage;
  return 2;
}
