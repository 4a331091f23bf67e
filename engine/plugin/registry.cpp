#include "plugin/registry.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace mockroom::plugin {

using nlohmann::json;

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
  return {};
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
  std::lock_guard lock(mu_);
  active_[kind] = std::move(shared.value());
  spdlog::info("{} provider: {}", kind_name(kind), name);
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

std::shared_ptr<const Instance> Registry::active(mr_kind kind) const {
  std::lock_guard lock(mu_);
  auto it = active_.find(kind);
  return it == active_.end() ? nullptr : it->second;
}

std::vector<PluginInfo> Registry::list() const {
  std::lock_guard lock(mu_);
  std::vector<PluginInfo> out;
  for (const auto& [name, lib] : libraries_) {
    const auto& d = *lib.descriptor;
    auto it = active_.find(d.kind);
    bool is_active = it != active_.end() && it->second->name() == name;
    auto fb = fallback_.find(d.kind);
    bool is_fallback = fb != fallback_.end() && fb->second->name() == name;
    const Counters& c = counters_[name];
    out.push_back({name, kind_name(d.kind), d.version ? d.version : "", d.description ? d.description : "",
                   lib.path, is_active, is_fallback, c.calls, c.failures, c.fallbacks});
  }
  return out;
}

Result<json> Registry::invoke(mr_kind kind, const std::shared_ptr<const Instance>& inst,
                              Instance::RawCall fn, const json& request, const CallOptions& options) const {
  if (!inst) return unavailable(std::string("no ") + kind_name(kind) + " provider is active");
  auto text = inst->call(fn, request.dump(), options);
  if (!text.ok()) return text.error();
  auto parsed = json::parse(text.value(), nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) {
    return unavailable("plugin " + inst->name() + " returned a result that is not a JSON object");
  }
  return parsed;
}

namespace {
template <typename Api>
const Api* calls_of(const Instance& inst, mr_kind kind) {
  const auto& d = inst.descriptor();
  if (d.kind != kind || !d.calls) return nullptr;
  const auto* api = static_cast<const Api*>(d.calls);
  return api->struct_size >= sizeof(Api) ? api : nullptr;
}
}  // namespace

Result<json> Registry::llm_call(Instance::RawCall mr_llm_api::*fn, const json& request,
                                const CallOptions& options) const {
  std::shared_ptr<const Instance> inst, fallback;
  {
    std::lock_guard lock(mu_);
    if (auto it = active_.find(MR_KIND_LLM); it != active_.end()) inst = it->second;
    if (auto it = fallback_.find(MR_KIND_LLM); it != fallback_.end()) fallback = it->second;
  }
  const auto* api = inst ? calls_of<mr_llm_api>(*inst, MR_KIND_LLM) : nullptr;
  auto reply = invoke(MR_KIND_LLM, inst, api ? api->*fn : nullptr, request, options);
  if (inst) {
    std::lock_guard lock(mu_);
    Counters& c = counters_[inst->name()];
    ++c.calls;
    if (!reply.ok()) ++c.failures;
  }
  // A request the provider calls malformed would be malformed for the fallback too.
  if (reply.ok() || !fallback || fallback == inst || reply.error().code == ErrorCode::kInvalidArgument) return reply;
  const auto* fallback_api = calls_of<mr_llm_api>(*fallback, MR_KIND_LLM);
  auto second = invoke(MR_KIND_LLM, fallback, fallback_api ? fallback_api->*fn : nullptr, request, options);
  if (!second.ok()) return reply;  // the provider's error says more
  spdlog::warn("llm provider {} failed, {} answered: {}", inst ? inst->name() : "(none)", fallback->name(),
               reply.error().message);
  {
    std::lock_guard lock(mu_);
    if (inst) ++counters_[inst->name()].fallbacks;
  }
  (*second)["fallback"] = {{"from", inst ? inst->name() : ""}, {"to", fallback->name()}, {"error", reply.error().message}};
  return second;
}

Result<json> Registry::llm_followup(const json& request) const { return llm_call(&mr_llm_api::followup, request, {}); }

Result<json> Registry::llm_acknowledge(const json& request,
                                       const std::function<void(std::string_view)>& on_chunk) const {
  CallOptions options;
  options.on_chunk = on_chunk;
  return llm_call(&mr_llm_api::acknowledge, request, options);
}

Result<json> Registry::runner_execute(const json& request) const {
  auto inst = active(MR_KIND_RUNNER);
  const auto* api = inst ? calls_of<mr_runner_api>(*inst, MR_KIND_RUNNER) : nullptr;
  return invoke(MR_KIND_RUNNER, inst, api ? api->execute : nullptr, request);
}

Result<json> Registry::runner_execute_batch(const json& request) const {
  auto inst = active(MR_KIND_RUNNER);
  const auto* api = inst ? calls_of<mr_runner_api>(*inst, MR_KIND_RUNNER) : nullptr;
  return invoke(MR_KIND_RUNNER, inst, api ? api->execute_batch : nullptr, request);
}

Result<json> Registry::score_session(const json& request) const {
  auto inst = active(MR_KIND_SCORER);
  const auto* api = inst ? calls_of<mr_scorer_api>(*inst, MR_KIND_SCORER) : nullptr;
  return invoke(MR_KIND_SCORER, inst, api ? api->score_session : nullptr, request);
}

}  // namespace mockroom::plugin
