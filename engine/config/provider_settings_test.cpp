// The operators' provider choices: applied at once, saved, secrets write-only.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <unistd.h>

#include "config/provider_settings.h"
#include "store/admin_store.h"
#include "util/crypto.h"

using namespace mockroom;
using nlohmann::json;

namespace {

const std::string kSecret = "sk-test-0123456789abcdef";

struct Fixture {
  std::filesystem::path dir;
  std::unique_ptr<store::Store> store;
  plugin::Registry registry;
  std::string key = std::string(crypto::kSecretKeyBytes, 'k');
  std::unique_ptr<config::ProviderSettings> settings;
  store::User operator_user{7, "op@example.com", "Op", "", store::Role::kOperator, 0};

  Fixture() {
    dir = std::filesystem::temp_directory_path() / ("mockroom-provider-test-" + std::to_string(::getpid()) + "-" +
                                                    std::to_string(reinterpret_cast<uintptr_t>(this)));
    std::filesystem::create_directories(dir);
    store = store::open_sqlite_store((dir / "m.db").string());
    start();
  }
  ~Fixture() {
    settings.reset();
    store.reset();
    std::filesystem::remove_all(dir);
  }
  // A fresh engine on the same database, as after a restart.
  void start() {
    settings = std::make_unique<config::ProviderSettings>(registry, *store, key);
    REQUIRE(settings->start(MOCKROOM_PLUGIN_DIR, {{"llm", {"llm_rules", json::object()}}}).ok());
  }
  json openai(json extra = json::object()) {
    json config = {{"baseUrl", "http://127.0.0.1:9/v1"}, {"model", "m"}, {"maxRetries", 0}};
    config.update(extra);
    return {{"use", "llm_openai"}, {"config", config}};
  }
};

}  // namespace

TEST_CASE("secret config keys are recognised by their names") {
  CHECK(config::is_secret_key("apiKey"));
  CHECK(config::is_secret_key("authToken"));
  CHECK(config::is_secret_key("clientSecret"));
  CHECK(config::is_secret_key("PASSWORD"));
  CHECK_FALSE(config::is_secret_key("baseUrl"));
  CHECK_FALSE(config::is_secret_key("authHeader"));
  CHECK_FALSE(config::is_secret_key("model"));
}

TEST_CASE("a chosen provider is active at once and its secret is never shown") {
  Fixture f;
  auto view = f.settings->apply("llm", f.openai({{"apiKey", kSecret}}), f.operator_user, 1000);
  REQUIRE_MESSAGE(view.ok(), view.error().message);
  CHECK(f.registry.active(MR_KIND_LLM)->name() == "llm_openai");
  CHECK(view->origin == "operator");
  CHECK(view->secrets_set == std::vector<std::string>{"/apiKey"});
  CHECK_FALSE(view->config.contains("apiKey"));
  for (const auto& v : f.settings->views()) CHECK(json(v.config).dump().find(kSecret) == std::string::npos);
  // The offline interviewer stands by.
  bool fallback = false;
  for (const auto& p : f.registry.list()) fallback = fallback || (p.name == "llm_rules" && p.fallback);
  CHECK(fallback);
}

TEST_CASE("the store keeps secrets sealed, apart from the rest of the config") {
  Fixture f;
  REQUIRE(f.settings->apply("llm", f.openai({{"apiKey", kSecret}}), f.operator_user, 1000).ok());
  auto rows = f.store->admin().list_plugin_settings();
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 1);
  CHECK((*rows)[0].config_json.find(kSecret) == std::string::npos);
  CHECK((*rows)[0].sealed_secrets.find(kSecret) == std::string::npos);
  auto opened = crypto::unseal(f.key, (*rows)[0].sealed_secrets);
  REQUIRE(opened);
  CHECK(json::parse(*opened)["/apiKey"] == kSecret);
  CHECK_FALSE(crypto::unseal(std::string(crypto::kSecretKeyBytes, 'x'), (*rows)[0].sealed_secrets));
}

TEST_CASE("a change that leaves a secret out keeps it; null removes it") {
  Fixture f;
  REQUIRE(f.settings->apply("llm", f.openai({{"apiKey", kSecret}}), f.operator_user, 1000).ok());
  auto kept = f.settings->apply("llm", f.openai({{"temperature", 0.2}}), f.operator_user, 2000);
  REQUIRE(kept.ok());
  CHECK(kept->secrets_set == std::vector<std::string>{"/apiKey"});
  CHECK(f.settings->choices().at("llm").config["apiKey"] == kSecret);
  auto removed = f.settings->apply("llm", f.openai({{"apiKey", nullptr}}), f.operator_user, 3000);
  REQUIRE(removed.ok());
  CHECK(removed->secrets_set.empty());
  CHECK_FALSE(f.settings->choices().at("llm").config.contains("apiKey"));
}

TEST_CASE("an operator's choice survives a restart, secrets included") {
  Fixture f;
  REQUIRE(f.settings->apply("llm", f.openai({{"apiKey", kSecret}}), f.operator_user, 1000).ok());
  plugin::Registry fresh;
  config::ProviderSettings again(fresh, *f.store, f.key);
  REQUIRE(again.start(MOCKROOM_PLUGIN_DIR, {{"llm", {"llm_rules", json::object()}}}).ok());
  CHECK(fresh.active(MR_KIND_LLM)->name() == "llm_openai");
  CHECK(again.choices().at("llm").config["apiKey"] == kSecret);
  CHECK(again.views()[0].origin == "operator");
  CHECK(again.views()[0].updated_by == 7);
}

TEST_CASE("a config the plugin refuses changes nothing") {
  Fixture f;
  auto refused = f.settings->apply("llm", {{"use", "llm_openai"}, {"config", {{"model", "m"}}}}, f.operator_user, 1000);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == ErrorCode::kInvalidArgument);
  CHECK(refused.error().message.find("baseUrl") != std::string::npos);
  CHECK(f.registry.active(MR_KIND_LLM)->name() == "llm_rules");
  CHECK(f.store->admin().list_plugin_settings()->empty());
  CHECK(f.settings->apply("nope", f.openai(), f.operator_user, 1).error().code == ErrorCode::kNotFound);
  CHECK(f.settings->apply("llm", {{"use", "scoring_rubric"}}, f.operator_user, 1).error().code ==
        ErrorCode::kInvalidArgument);
  CHECK(f.settings->apply("llm", {{"use", "llm_rules"}, {"colour", 1}}, f.operator_user, 1).error().code ==
        ErrorCode::kInvalidArgument);
}

TEST_CASE("a call in flight keeps the instance it started on after a swap") {
  Fixture f;
  auto before = f.registry.active(MR_KIND_LLM);  // what a running turn holds
  REQUIRE(f.settings->apply("llm", f.openai(), f.operator_user, 1000).ok());
  CHECK(before->name() == "llm_rules");
  CHECK(f.registry.active(MR_KIND_LLM)->name() == "llm_openai");
  auto reply = before->call(static_cast<const mr_llm_api*>(before->descriptor().calls)->acknowledge,
                            R"({"answer":"I shipped it.","question":{"text":"Tell me about a launch."}})", {});
  CHECK(reply.ok());
}
