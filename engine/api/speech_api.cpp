// The operators' direct line to the speech providers, and the recordings of spoken answers:
//   POST /api/admin/stt/transcribe?prompt=TEXT   a WAV file -> {text, durationS, ...}
//   POST /api/admin/tts/synthesize               {text, voice?, speed?, sampleRate?} -> audio/wav
//   GET  /api/interviews/:id/audio/:audioId      the stored audio of a spoken answer (audio/wav)
// The provider calls block, as every handler may: they run on the server's worker pool.
#include <chrono>
#include <cmath>

#include "api/api.h"
#include "speech_support/wav.h"

namespace mockroom::api {

using nlohmann::json;

namespace {

// The longest text the try-out speaks (a long interviewer message).
constexpr std::size_t kMaxTrySpeechBytes = 4000;
// The longest recording the try-out transcribes (the body limit usually comes first).
constexpr double kMaxTryAudioSeconds = 300;
constexpr std::size_t kMaxPromptBytes = 2000;

bool may_operate(const store::User& user) {
  return user.role == store::Role::kAdmin || user.role == store::Role::kOperator;
}

double elapsed_ms(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

HttpResponse Api::transcribe(const HttpRequest& req, const store::User& user) {
  if (!may_operate(user)) return error_response({ErrorCode::kForbidden, "trying speech recognition needs the operator or admin role"});
  if (req.method != "POST") return method_not_allowed("POST");
  if (req.body.empty()) return error_response(invalid("send a WAV file as the request body"));
  audio::PcmRead wav = audio::read_wav(req.body);
  if (!wav.ok()) return error_response(invalid(wav.error));
  const audio::Pcm& pcm = *wav.pcm;
  if (pcm.samples.empty()) return error_response(invalid("the WAV file holds no audio"));
  if (pcm.seconds() > kMaxTryAudioSeconds) {
    return error_response({ErrorCode::kPayloadTooLarge, "the recording is longer than " +
                                                            std::to_string(static_cast<int>(kMaxTryAudioSeconds)) + " s"});
  }
  json request = {{"sampleRate", pcm.sample_rate}};
  if (auto it = req.query.find("prompt"); it != req.query.end()) {
    if (it->second.size() > kMaxPromptBytes) return error_response(invalid("prompt is longer than 2000 bytes"));
    request["prompt"] = it->second;
  }
  auto started = std::chrono::steady_clock::now();
  auto result = plugins_.stt_transcribe(request, audio::bytes_of(pcm.samples.data(), pcm.samples.size()));
  if (!result.ok()) return error_response(result.error());
  json out = *result;
  double ms = elapsed_ms(started);
  out["elapsedMs"] = std::round(ms * 10) / 10;
  out["realTimeFactor"] = std::round(ms / 1000 / pcm.seconds() * 1000) / 1000;
  out["sampleRate"] = pcm.sample_rate;
  return json_response(200, out);
}

HttpResponse Api::synthesize(const HttpRequest& req, const store::User& user) {
  if (!may_operate(user)) return error_response({ErrorCode::kForbidden, "trying speech synthesis needs the operator or admin role"});
  if (req.method != "POST") return method_not_allowed("POST");
  auto body = parse_body(req.body);
  if (!body.ok()) return error_response(body.error());
  for (const auto& [key, value] : body->items()) {
    if (key != "text" && key != "voice" && key != "speed" && key != "sampleRate") {
      return error_response(invalid("unknown field '" + key + "'; use text, voice, speed, sampleRate"));
    }
  }
  auto text = string_field(*body, "text");
  if (!text.ok()) return error_response(text.error());
  if (text->size() > kMaxTrySpeechBytes) return error_response(invalid("text is longer than 4000 bytes"));
  json request = {{"text", *text}, {"sampleRate", speech::kSampleRate}};
  if (body->contains("sampleRate")) {
    const json& rate = (*body)["sampleRate"];
    if (!rate.is_number_integer() || rate.get<int64_t>() < audio::kMinSampleRate || rate.get<int64_t>() > audio::kMaxSampleRate) {
      return error_response(invalid("sampleRate must be a whole number from 8000 to 48000"));
    }
    request["sampleRate"] = rate;
  }
  if (body->contains("voice")) {
    auto voice = string_field(*body, "voice");
    if (!voice.ok()) return error_response(voice.error());
    request["voice"] = *voice;
  }
  if (body->contains("speed")) {
    if (!(*body)["speed"].is_number() || (*body)["speed"].get<double>() < 0.5 || (*body)["speed"].get<double>() > 2) {
      return error_response(invalid("speed must be a number from 0.5 to 2"));
    }
    request["speed"] = (*body)["speed"];
  }
  std::string pcm;
  auto started = std::chrono::steady_clock::now();
  auto result = plugins_.tts_synthesize(request, [&](std::string_view bytes) { pcm.append(bytes.data(), bytes.size()); });
  if (!result.ok()) return error_response(result.error());
  const int rate = request["sampleRate"].get<int>();
  std::vector<int16_t> samples = audio::samples_of(pcm);
  HttpResponse r;
  r.content_type = "audio/wav";
  r.body = audio::write_wav(samples.data(), samples.size(), rate);
  double seconds = static_cast<double>(samples.size()) / rate;
  r.headers.emplace_back("X-Mockroom-Provider", result->value("provider", ""));
  if (result->contains("voice") && (*result)["voice"].is_string()) r.headers.emplace_back("X-Mockroom-Voice", (*result)["voice"].get<std::string>());
  r.headers.emplace_back("X-Mockroom-Duration-S", std::to_string(seconds));
  r.headers.emplace_back("X-Mockroom-Elapsed-Ms", std::to_string(elapsed_ms(started)));
  if (result->contains("fallback")) r.headers.emplace_back("X-Mockroom-Fallback-From", (*result)["fallback"].value("from", ""));
  return r;
}

HttpResponse Api::answer_audio(const HttpRequest& req, const store::User& user, const std::string& id,
                               const std::string& audio_id) {
  if (req.method != "GET") return method_not_allowed("GET");
  auto owned = sessions_.open_question(user.id, id);  // 404 unless the interview is the caller's
  if (!owned.ok()) return error_response(owned.error());
  auto wav = audio_.load(id, audio_id);
  if (!wav.ok()) return error_response(wav.error());
  HttpResponse r;
  r.content_type = "audio/wav";
  r.body = std::move(wav.value());
  return r;
}

}  // namespace mockroom::api
