// Registry's speech calls (registry.h, "Speech") and SttStream (stt_stream.h).
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "plugin/registry.h"

namespace mockroom::plugin {

using nlohmann::json;

namespace {

const mr_stt_api* stt_calls(const Instance& inst) {
  const auto& d = inst.descriptor();
  if (d.kind != MR_KIND_STT || !d.calls) return nullptr;
  const auto* api = static_cast<const mr_stt_api*>(d.calls);
  return api->struct_size >= sizeof(mr_stt_api) ? api : nullptr;
}

const mr_tts_api* tts_calls(const Instance& inst) {
  const auto& d = inst.descriptor();
  if (d.kind != MR_KIND_TTS || !d.calls) return nullptr;
  const auto* api = static_cast<const mr_tts_api*>(d.calls);
  return api->struct_size >= sizeof(mr_tts_api) ? api : nullptr;
}

bool streams(const mr_stt_api* api) {
  return api && api->stream_open && api->stream_feed && api->stream_finish && api->stream_close;
}

// A plugin's JSON result as an object, or an error naming the plugin.
Result<json> parse_result(const Instance& inst, Result<std::string> text) {
  if (!text.ok()) return text.error();
  json parsed = json::parse(text.value(), nullptr, false);
  if (!parsed.is_object()) {
    return unavailable("plugin " + inst.name() + " returned a result that is not a JSON object");
  }
  return parsed;
}

Result<json> transcribe_on(const Instance& inst, const std::string& request, std::string_view pcm,
                           const std::atomic<bool>* cancelled) {
  const mr_stt_api* api = stt_calls(inst);
  if (!api || !api->transcribe) return unavailable("plugin " + inst.name() + " does not offer transcribe");
  CallOptions options;
  options.cancelled = cancelled;
  auto result = parse_result(inst, inst.run(
                                       [&](mr_call* call) {
                                         return api->transcribe(inst.handle(), {request.data(), request.size()},
                                                                {pcm.data(), pcm.size()}, call);
                                       },
                                       options));
  if (result.ok()) {
    if (!(*result)["text"].is_string()) return unavailable("plugin " + inst.name() + " returned no text");
    (*result)["provider"] = inst.name();
  }
  return result;
}

bool was_cancelled(const std::atomic<bool>* cancelled) {
  return cancelled && cancelled->load(std::memory_order_relaxed);
}

}  // namespace

void Registry::count(const std::string& name, Outcome outcome) const {
  std::lock_guard lock(mu_);
  Counters& c = counters_[name];
  ++c.calls;
  if (outcome == Outcome::kFailed || outcome == Outcome::kFellBack) ++c.failures;
  if (outcome == Outcome::kFellBack) ++c.fallbacks;
}

std::pair<std::shared_ptr<const Instance>, std::shared_ptr<const Instance>> Registry::providers(mr_kind kind) const {
  std::lock_guard lock(mu_);
  std::shared_ptr<const Instance> inst, fallback;
  if (auto it = active_.find(kind); it != active_.end()) inst = it->second;
  if (auto it = fallback_.find(kind); it != fallback_.end()) fallback = it->second;
  return {inst, fallback};
}

Result<json> Registry::stt_transcribe(const json& request, std::string_view pcm,
                                      const std::atomic<bool>* cancelled) const {
  auto [inst, fallback] = providers(MR_KIND_STT);
  if (!inst && !fallback) return unavailable("no speech-to-text provider is active");
  SttStream stream(*this, inst ? inst : fallback, inst ? fallback : nullptr, request);
  stream.feed(pcm);
  return stream.finish(cancelled);
}

Result<std::unique_ptr<SttStream>> Registry::stt_stream(const json& request) const {
  auto [inst, fallback] = providers(MR_KIND_STT);
  if (!inst && !fallback) return unavailable("no speech-to-text provider is active");
  return std::make_unique<SttStream>(*this, inst ? inst : fallback, inst ? fallback : nullptr, request);
}

Result<json> Registry::tts_synthesize(const json& request, const std::function<void(std::string_view)>& on_audio,
                                      const std::atomic<bool>* cancelled) const {
  auto [inst, fallback] = providers(MR_KIND_TTS);
  if (!inst && !fallback) return unavailable("no text-to-speech provider is active");
  if (!inst) std::swap(inst, fallback);
  const std::string text = request.dump(-1, ' ', false, json::error_handler_t::replace);
  bool audio_sent = false;
  auto speak = [&](const Instance& on) {
    const mr_tts_api* api = tts_calls(on);
    if (!api || !api->synthesize) return Result<json>(unavailable("plugin " + on.name() + " does not offer synthesize"));
    CallOptions options;
    options.cancelled = cancelled;
    options.on_bytes = [&](std::string_view bytes) {
      audio_sent = true;
      on_audio(bytes);
    };
    auto result = parse_result(on, on.call(api->synthesize, text, options));
    if (result.ok()) (*result)["provider"] = on.name();
    return result;
  };
  auto first = speak(*inst);
  const bool cancelled_now = was_cancelled(cancelled);
  // A request the provider calls malformed would be malformed for the fallback too, and
  // a voice that has started speaking must not start over in another voice.
  const bool fall_back = !first.ok() && !cancelled_now && fallback && fallback != inst && !audio_sent &&
                         first.error().code != ErrorCode::kInvalidArgument;
  count(inst->name(), first.ok() ? Outcome::kOk
                      : cancelled_now ? Outcome::kCancelled
                      : fall_back ? Outcome::kFellBack : Outcome::kFailed);
  if (!fall_back) return first;
  spdlog::warn("tts provider {} failed, {} speaks instead: {}", inst->name(), fallback->name(), first.error().message);
  auto second = speak(*fallback);
  if (!second.ok()) return first;
  (*second)["fallback"] = {{"from", inst->name()}, {"to", fallback->name()}, {"error", first.error().message}};
  return second;
}

// ---- SttStream ----------------------------------------------------------------------------

SttStream::SttStream(const Registry& registry, std::shared_ptr<const Instance> provider,
                     std::shared_ptr<const Instance> fallback, json request)
    : registry_(registry), provider_(std::move(provider)), fallback_(std::move(fallback)), request_(std::move(request)),
      request_text_(request_.dump(-1, ' ', false, json::error_handler_t::replace)) {
  const mr_stt_api* api = stt_calls(*provider_);
  if (!streams(api)) return;
  auto opened = provider_->open(api->stream_open, request_text_);
  if (opened.ok()) native_ = *opened;
  else native_error_ = opened.error();
}

SttStream::~SttStream() { close_native(); }

const std::string& SttStream::provider_name() const { return provider_->name(); }

void SttStream::close_native() {
  if (!native_) return;
  stt_calls(*provider_)->stream_close(native_);
  native_ = nullptr;
}

std::optional<std::string> SttStream::feed(std::string_view pcm) {
  audio_.append(pcm.data(), pcm.size());
  if (!native_ || pcm.empty()) return std::nullopt;
  const mr_stt_api* api = stt_calls(*provider_);
  auto text = provider_->run([&](mr_call* call) { return api->stream_feed(native_, {pcm.data(), pcm.size()}, call); },
                             {}, ResultPresence::kOptional);
  if (!text.ok()) {  // finish() transcribes the whole utterance another way
    native_error_ = text.error();
    close_native();
    return std::nullopt;
  }
  if (text->empty()) return std::nullopt;
  json partial = json::parse(text.value(), nullptr, false);
  if (!partial.is_object() || !partial["partial"].is_string()) return std::nullopt;
  return partial["partial"].get<std::string>();
}

Result<json> SttStream::finish(const std::atomic<bool>* cancelled) {
  if (finished_) return invalid("the utterance has already ended");
  finished_ = true;
  Result<json> first = unavailable("no result");
  if (native_) {
    const mr_stt_api* api = stt_calls(*provider_);
    CallOptions options;
    options.cancelled = cancelled;
    first = parse_result(*provider_, provider_->run([&](mr_call* call) { return api->stream_finish(native_, call); },
                                                    options));
    close_native();
    if (first.ok()) {
      if ((*first)["text"].is_string()) (*first)["provider"] = provider_->name();
      else first = unavailable("plugin " + provider_->name() + " returned no text");
    }
  } else {  // a provider that does not stream (or whose stream broke): the whole utterance now
    if (native_error_) spdlog::debug("stt stream on {} broke, transcribing whole: {}", provider_->name(), native_error_->message);
    first = transcribe_on(*provider_, request_text_, audio_, cancelled);
  }
  const bool cancelled_now = was_cancelled(cancelled);
  const bool fall_back = !first.ok() && !cancelled_now && fallback_ && fallback_ != provider_ &&
                         first.error().code != ErrorCode::kInvalidArgument;
  registry_.count(provider_->name(), first.ok() ? Registry::Outcome::kOk
                                     : cancelled_now ? Registry::Outcome::kCancelled
                                     : fall_back ? Registry::Outcome::kFellBack : Registry::Outcome::kFailed);
  if (!fall_back) return first;
  spdlog::warn("stt provider {} failed, {} transcribes instead: {}", provider_->name(), fallback_->name(),
               first.error().message);
  auto second = transcribe_on(*fallback_, request_text_, audio_, cancelled);
  if (!second.ok()) return first;
  (*second)["fallback"] = {{"from", provider_->name()}, {"to", fallback_->name()}, {"error", first.error().message}};
  return second;
}

}  // namespace mockroom::plugin
