#include "plugin/registry.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <nlohmann/json.hpp>

namespace mockroom::plugin {

using nlohmann::json;

namespace {

int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

// The smallest call table a plugin of each kind may hand over: the fields of ABI 1.0.
// Later fields (mr_llm_api.describe) are read only when struct_size covers them.
template <typename Api>
constexpr std::size_t kMinTableSize = sizeof(Api);
template <>
constexpr std::size_t kMinTableSize<mr_llm_api> = offsetof(mr_llm_api, describe);

template <typename Api>
const Api* calls_of(const Instance& inst, mr_kind kind) {
  const auto& d = inst.descriptor();
  if (d.kind != kind || !d.calls) return nullptr;
  const auto* api = static_cast<const Api*>(d.calls);
  return api->struct_size >= kMinTableSize<Api> ? api : nullptr;
}

// What an LLM instance says of itself (mr_llm_api.describe); for a plugin without the
// call: its name and version, and no use of knowledge or prompt overrides.
LlmProfile describe_llm(const Instance& inst) {
  const mr_plugin& d = inst.descriptor();
  LlmProfile p;
  p.model = inst.name() + "@" + (d.version ? d.version : "unknown");
  const auto* api = calls_of<mr_llm_api>(inst, MR_KIND_LLM);
  if (!api || api->struct_size < offsetof(mr_llm_api, describe) + sizeof(api->describe) || !api->describe) return p;
  auto text = inst.call(api->describe, "{}", {});
  json info = text.ok() ? json::parse(text.value(), nullptr, false) : json();
  if (!info.is_object()) {
    spdlog::warn("plugin {}: describe failed: {}", inst.name(), text.ok() ? "not a JSON object" : text.error().message);
    return p;
  }
  if (info.contains("model") && info["model"].is_string() && !info["model"].get<std::string>().empty() &&
      info["model"].get<std::string>().size() <= kMaxModelNameBytes) {
    p.model = info["model"].get<std::string>();
  }
  p.knowledge = info.value("knowledge", false) == true;
  p.prompts = info.value("prompts", false) == true;
  return p;
}

}  // namespace

void Registry::discover(const std::string& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".so") files.push_back(entry.path());
  }
  if (ec) {
    spdlog::error("cannot read plugin directory {}: {}", dir, ec.message());
    return;
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    if (auto st = add_library(f.string()); !st.ok()) spdlog::error("{}", st.error().message);
  }
}

Status Registry::add_library(const std::string& path) {
  auto lib = load_library(path);
  if (!lib.ok()) return lib.error();
  std::lock_guard lock(mu_);
  const std::string name = lib->descriptor->name;
  if (libraries_.count(name)) return invalid("plugin " + name + " is loaded twice (" + path + ")");
  spdlog::info("loaded plugin {} {} ({}) from {}", name, lib->descriptor->version,
               kind_name(lib->descriptor->kind), path);
  libraries_.emplace(name, std::move(lib.value()));
  stats_.emplace(name, std::make_unique<CallStats>());
  return {};
}

CallStats* Registry::stats_of(const std::string& name) const {
  std::lock_guard lock(mu_);
  auto it = stats_.find(name);
  return it == stats_.end() ? nullptr : it->second.get();
}

Result<std::shared_ptr<const Instance>> Registry::make(mr_kind kind, const std::string& name,
                                                       const std::string& config_json) const {
  LoadedLibrary lib;
  {
    std::lock_guard lock(mu_);
    auto it = libraries_.find(name);
    if (it == libraries_.end()) {
      return invalid(std::string("no plugin named '") + name + "' is installed for kind " +
                     kind_name(kind));
    }
    lib = it->second;
  }
  if (lib.descriptor->kind != kind) {
    return invalid("plugin " + name + " is a " + kind_name(lib.descriptor->kind) +
                   " plugin, not " + kind_name(kind));
  }
  auto inst = Instance::create(lib, config_json);
  if (!inst.ok()) return inst.error();
  return std::shared_ptr<const Instance>(std::move(inst.value()));
}

Status Registry::activate(mr_kind kind, const std::string& name, const std::string& config_json) {
  auto shared = make(kind, name, config_json);
  if (!shared.ok()) return shared.error();
  LlmProfile profile = kind == MR_KIND_LLM ? describe_llm(**shared) : LlmProfile{};
  std::lock_guard lock(mu_);
  active_[kind] = std::move(shared.value());
  if (kind == MR_KIND_LLM) {
    llm_profile_ = profile;
    spdlog::info("{} provider: {} (model {})", kind_name(kind), name, profile.model);
  } else {
    spdlog::info("{} provider: {}", kind_name(kind), name);
  }
  return {};
}

Status Registry::set_fallback(mr_kind kind, const std::string& name, const std::string& config_json) {
  auto shared = make(kind, name, config_json);
  if (!shared.ok()) return shared.error();
  std::lock_guard lock(mu_);
  fallback_[kind] = std::move(shared.value());
  spdlog::info("{} fallback: {}", kind_name(kind), name);
  return {};
}

LlmProfile Registry::llm_profile() const {
  std::lock_guard lock(mu_);
  return llm_profile_;
}

std::shared_ptr<const Instance> Registry::active(mr_kind kind) const {
  std::lock_guard lock(mu_);
  auto it = active_.find(kind);
  return it == active_.end() ? nullptr : it->second;
}

std::vector<PluginInfo> Registry::list() const {
  const int64_t now_ms = unix_ms();
  std::lock_guard lock(mu_);
  std::vector<PluginInfo> out;
  for (const auto& [name, lib] : libraries_) {
    const auto& d = *lib.descriptor;
    auto it = active_.find(d.kind);
    bool is_active = it != active_.end() && it->second->name() == name;
    auto fb = fallback_.find(d.kind);
    bool is_fallback = fb != fallback_.end() && fb->second->name() == name;
    const Counters& c = counters_[name];
    PluginInfo info;
    info.name = name;
    info.kind = kind_name(d.kind);
    info.version = d.version ? d.version : "";
    info.description = d.description ? d.description : "";
    info.path = lib.path;
    info.active = is_active;
    info.fallback = is_fallback;
    info.calls = c.calls;
    info.failures = c.failures;
    info.fallbacks = c.fallbacks;
    if (auto st = stats_.find(name); st != stats_.end()) info.recent = st->second->recent(now_ms);
    info.health = health_of(is_active || is_fallback, info.recent);
    out.push_back(std::move(info));
  }
  return out;
}

Result<json> Registry::invoke(mr_kind kind, const std::shared_ptr<const Instance>& inst,
                              Instance::RawCall fn, const json& request, const CallOptions& options) const {
  if (!inst) return unavailable(std::string("no ") + kind_name(kind) + " provider is active");
  const auto started = std::chrono::steady_clock::now();
  auto result = [&]() -> Result<json> {
    auto text = inst->call(fn, request.dump(), options);
    if (!text.ok()) return text.error();
    auto parsed = json::parse(text.value(), nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_object()) {
      return unavailable("plugin " + inst->name() + " returned a result that is not a JSON object");
    }
    return parsed;
  }();
  // A call the host cancelled says nothing about the provider's health.
  const bool cancelled = options.cancelled && options.cancelled->load(std::memory_order_relaxed);
  if (CallStats* stats = stats_of(inst->name()); stats && !cancelled) {
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    stats->record(unix_ms(), ms, result.ok() ? CallOutcome::kOk : CallOutcome::kFailed,
                  result.ok() ? std::string_view() : std::string_view(result.error().message));
  }
  return result;
}


void Registry::set_call_pool(std::shared_ptr<util::CallPool> pool) { call_pool_ = std::move(pool); }

Result<json> Registry::llm_call(Instance::RawCall mr_llm_api::*fn, const json& request,
                                const CallOptions& options) const {
  std::shared_ptr<const Instance> inst, fallback;
  {
    std::lock_guard lock(mu_);
    if (auto it = active_.find(MR_KIND_LLM); it != active_.end()) inst = it->second;
    if (auto it = fallback_.find(MR_KIND_LLM); it != fallback_.end()) fallback = it->second;
  }
  const auto* api = inst ? calls_of<mr_llm_api>(*inst, MR_KIND_LLM) : nullptr;
  std::optional<Result<json>> first;
  auto call = [&] { first.emplace(invoke(MR_KIND_LLM, inst, api ? api->*fn : nullptr, request, options)); };
  if (call_pool_ && inst) call_pool_->run(call);
  else call();
  Result<json> reply = std::move(*first);
  // A call the host cancelled (the candidate interrupted, the session ended) is not the
  // provider's failure: not counted as one, and answered by the fallback so the turn ends.
  const bool cancelled = options.cancelled && options.cancelled->load(std::memory_order_relaxed);
  if (inst) {
    std::lock_guard lock(mu_);
    Counters& c = counters_[inst->name()];
    ++c.calls;
    if (!reply.ok() && !cancelled) ++c.failures;
  }
  // A request the provider calls malformed would be malformed for the fallback too.
  if (reply.ok() || !fallback || fallback == inst || reply.error().code == ErrorCode::kInvalidArgument) return reply;
  const auto* fallback_api = calls_of<mr_llm_api>(*fallback, MR_KIND_LLM);
  CallOptions offline = options;
  offline.cancelled = nullptr;  // the offline fallback is quick: let it finish the turn
  auto second = invoke(MR_KIND_LLM, fallback, fallback_api ? fallback_api->*fn : nullptr, request, offline);
  if (!second.ok()) return reply;  // the provider's error says more
  if (cancelled) {
    spdlog::info("llm call to {} cancelled; {} answered", inst ? inst->name() : "(none)", fallback->name());
  } else {
    spdlog::warn("llm provider {} failed, {} answered: {}", inst ? inst->name() : "(none)", fallback->name(),
                 reply.error().message);
    if (CallStats* stats = inst ? stats_of(inst->name()) : nullptr) stats->mark_fallback();
    std::lock_guard lock(mu_);
    if (inst) ++counters_[inst->name()].fallbacks;
  }
  (*second)["fallback"] = {{"from", inst ? inst->name() : ""}, {"to", fallback->name()},
                           {"error", cancelled ? std::string("cancelled") : reply.error().message},
                           {"cancelled", cancelled}};
  return second;
}

Result<json> Registry::llm_followup(const json& request, const std::atomic<bool>* cancelled) const {
  CallOptions options;
  options.cancelled = cancelled;
  return llm_call(&mr_llm_api::followup, request, options);
}

Result<json> Registry::llm_acknowledge(const json& request, const std::function<void(std::string_view)>& on_chunk,
                                       const std::atomic<bool>* cancelled) const {
  CallOptions options;
  options.on_chunk = on_chunk;
  options.cancelled = cancelled;
  return llm_call(&mr_llm_api::acknowledge, request, options);
}

Result<json> Registry::runner_call(Instance::RawCall mr_runner_api::*fn, const json& request) const {
  auto inst = active(MR_KIND_RUNNER);
  const auto* api = inst ? calls_of<mr_runner_api>(*inst, MR_KIND_RUNNER) : nullptr;
  auto result = invoke(MR_KIND_RUNNER, inst, api ? api->*fn : nullptr, request);
  if (inst) {
    std::lock_guard lock(mu_);
    Counters& c = counters_[inst->name()];
    ++c.calls;
    if (!result.ok()) ++c.failures;
  }
  return result;
}

Result<json> Registry::runner_execute(const json& request) const {
  return runner_call(&mr_runner_api::execute, request);
}

Result<json> Registry::runner_execute_batch(const json& request) const {
  return runner_call(&mr_runner_api::execute_batch, request);
}

Result<json> Registry::score_session(const json& request) const {
  std::shared_ptr<const Instance> inst, fallback;
  {
    std::lock_guard lock(mu_);
    if (auto it = active_.find(MR_KIND_SCORER); it != active_.end()) inst = it->second;
    if (auto it = fallback_.find(MR_KIND_SCORER); it != fallback_.end()) fallback = it->second;
  }
  const auto* api = inst ? calls_of<mr_scorer_api>(*inst, MR_KIND_SCORER) : nullptr;
  auto report = invoke(MR_KIND_SCORER, inst, api ? api->score_session : nullptr, request);
  if (inst) {
    std::lock_guard lock(mu_);
    ++counters_[inst->name()].calls;
    if (!report.ok()) ++counters_[inst->name()].failures;
  }
  if (report.ok() || !fallback || fallback == inst || report.error().code == ErrorCode::kInvalidArgument) return report;
  // The deterministic scorer stands in, so the candidate still gets a report.
  const auto* fallback_api = calls_of<mr_scorer_api>(*fallback, MR_KIND_SCORER);
  auto second = invoke(MR_KIND_SCORER, fallback, fallback_api ? fallback_api->score_session : nullptr, request);
  if (!second.ok()) return report;
  spdlog::warn("scorer {} failed, {} scored instead: {}", inst ? inst->name() : "(none)", fallback->name(),
               report.error().message);
  if (CallStats* stats = inst ? stats_of(inst->name()) : nullptr) stats->mark_fallback();
  {
    std::lock_guard lock(mu_);
    if (inst) ++counters_[inst->name()].fallbacks;
  }
  (*second)["fallback"] = {{"from", inst ? inst->name() : ""}, {"to", fallback->name()}, {"error", report.error().message}};
  return second;
}

}  // namespace mockroom::plugin
