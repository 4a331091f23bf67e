// Voice over the interview WebSocket, end to end on the real engine with its offline speech
// engines (stt_pocketsphinx, tts_flite): a spoken answer (speech synthesised here with
// tts_flite) becomes a transcript, the interview advances, and the interviewer's reply
// arrives as audio. Bad audio gets an error and the interview goes on; the candidate's
// voice stops the interviewer's; the operators' try-out endpoints need their role.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "harness.h"
#include "mockroom/testing/fake_host.h"
#include "speech_support/wav.h"

using namespace mockroom::testing;
using nlohmann::json;

namespace {

const std::string kAnswer =
    "I led the migration of our billing service to a message queue and cut the nightly run from five hours to "
    "forty minutes.";

// Speech from tts_flite, loaded into this test process through its C ABI.
std::string synthesise(const std::string& text) {
  static std::string error;
  static const mr_plugin* flite = open_plugin(MOCKROOM_PLUGIN_DIR "/tts_flite.so", error);
  REQUIRE_MESSAGE(flite != nullptr, error);
  static InstancePtr voice = [] {
    FakeCall call;
    return create_instance(flite, "{}", call);
  }();
  FakeCall call;
  json request = {{"text", text}, {"sampleRate", 16000}};
  const auto& api = *static_cast<const mr_tts_api*>(flite->calls);
  REQUIRE(invoke(api.synthesize, voice, request.dump(), call) == MR_OK);
  return call.bytes;
}

std::string silence(double seconds) { return std::string(static_cast<size_t>(seconds * 16000) * 2, '\0'); }

// What arrived on the socket: JSON frames in order, and audio by interviewer audio id.
struct Heard {
  std::vector<json> frames;
  std::map<std::string, std::string> audio;  // id -> PCM
  std::string current;                       // the id between audio_start and audio_end

  bool any(const std::string& type) const {
    for (const json& f : frames) {
      if (f.value("type", "") == type) return true;
    }
    return false;
  }
  std::string dump() const {
    std::string out;
    for (const json& f : frames) out += f.dump() + "\n";
    return out;
  }
};

// Reads frames until `done(frame)` holds for a JSON frame; returns it. Throws on timeout.
template <class Done>
json read_until(WsClient& ws, Heard& heard, Done done, std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    auto frame = ws.try_recv_frame(left);
    if (!frame) break;
    if (frame->binary) {
      heard.audio[heard.current] += frame->data;
      continue;
    }
    json j = json::parse(frame->data);
    heard.frames.push_back(j);
    if (j.value("type", "") == "audio_start") heard.current = j.value("id", "");
    if (done(j)) return j;
  }
  FAIL("timed out; frames so far:\n" << heard.dump());
  return nullptr;
}

json read_type(WsClient& ws, Heard& heard, const std::string& type) {
  return read_until(ws, heard, [&](const json& j) { return j.value("type", "") == type; });
}

// Sends `pcm` in 100 ms binary frames.
void send_audio(WsClient& ws, const std::string& pcm) {
  for (size_t at = 0; at < pcm.size(); at += 3200) ws.send_binary(std::string_view(pcm).substr(at, 3200));
}

struct VoiceEngine {
  explicit VoiceEngine(json voice = {{"audioRetentionDays", 1}})
      : config(json{{"voice", voice}, {"billing", default_test_config()["billing"]}}), engine({"--config", config.path()}) {
    json credentials = {{"email", "grace@example.com"}, {"password", "correct horse battery"}};
    json registration = credentials;
    registration["name"] = "Grace";
    auto reg = http(engine.port(), "POST", "/api/auth/register", registration.dump());
    REQUIRE_MESSAGE(reg.status == 201, reg.body);
    token = http(engine.port(), "POST", "/api/auth/login", credentials.dump()).json()["token"];
    auto created = http(engine.port(), "POST", "/api/interviews",
                        json{{"format", "behavioral"}, {"questionCount", 5}}.dump(), token);
    REQUIRE_MESSAGE(created.status == 201, created.body);
    interview = created.json();
    REQUIRE(ws.connect(engine.port(), "/ws/interviews/" + interview["id"].get<std::string>() + "?token=" + token));
    read_type(ws, heard, "question");
  }
  std::string id() const { return interview["id"]; }

  ConfigFile config;
  EngineProcess engine;
  std::string token;
  json interview;
  WsClient ws;
  Heard heard;
};

bool is_error_about_audio(const json& j) { return j.value("type", "") == "error" && j.value("about", "") == "audio"; }

}  // namespace

TEST_CASE("a spoken answer becomes a transcript, the interview advances, and the reply arrives as audio") {
  VoiceEngine v;
  v.ws.send({{"type", "voice"}, {"output", true}});
  json settings = read_type(v.ws, v.heard, "voice");
  CHECK(settings["output"] == true);
  CHECK(settings["sampleRate"] == 16000);
  // Turning the voice on reads out the question waiting for an answer.
  json first = read_type(v.ws, v.heard, "audio_start");
  CHECK(first["kind"] == "question");
  CHECK(first["questionId"] == "q1");
  json first_end = read_type(v.ws, v.heard, "audio_end");
  CHECK(first_end["samples"].get<size_t>() * 2 == v.heard.audio[first["id"]].size());
  CHECK(first_end["samples"].get<size_t>() > 16000);

  v.ws.send({{"type", "audio_start"}, {"sampleRate", 16000}, {"format", "pcm_s16le"}, {"mode", "push_to_talk"}});
  send_audio(v.ws, silence(0.3) + synthesise(kAnswer) + silence(0.3));
  v.ws.send({{"type", "audio_end"}});
  json final = read_until(v.ws, v.heard, [](const json& j) { return j.value("type", "") == "transcript" && j["final"] == true; });
  const size_t final_at = v.heard.frames.size();
  INFO(v.heard.dump());
  CHECK(final["questionId"] == "q1");
  std::string text = final["text"];
  CHECK(text.find("billing") != std::string::npos);
  CHECK(final["durationS"].get<double>() > 5);
  CHECK(final["provider"] == "stt_pocketsphinx");
  bool partial_before = false;
  for (const json& f : v.heard.frames) partial_before |= f.value("type", "") == "transcript" && f["final"] == false;
  CHECK(partial_before);

  json next = read_type(v.ws, v.heard, "question");
  CHECK(next["question"]["id"] == "q2");
  // The acknowledgement and the next question are spoken, each with its text alongside.
  json spoken = read_until(v.ws, v.heard, [](const json& j) { return j.value("type", "") == "audio_start" && j["kind"] == "question"; });
  CHECK(spoken["text"] == next["question"]["text"]);
  json end = read_type(v.ws, v.heard, "audio_end");
  CHECK(end["interrupted"] == false);
  CHECK(v.heard.audio[spoken["id"]].size() > 32000);
  // Once the answer is taken, the closed microphone says so: idle (push-to-talk).
  auto idle = [](const json& j) { return j.value("type", "") == "voice_state" && j["state"] == "idle"; };
  if (std::none_of(v.heard.frames.begin() + static_cast<long>(final_at), v.heard.frames.end(), idle)) {
    read_until(v.ws, v.heard, idle);
  }

  // The transcript keeps the recognised text and links the stored audio.
  auto view = http(v.engine.port(), "GET", "/api/interviews/" + v.id(), "", v.token).json();
  json answer;
  for (const json& t : view["transcript"]) {
    if (t["kind"] == "answer") answer = t;
  }
  CHECK(answer["text"] == text);
  CHECK(answer["spoken"] == true);
  REQUIRE(answer["audio"].is_object());
  auto wav = http(v.engine.port(), "GET", answer["audio"]["url"].get<std::string>(), "", v.token);
  CHECK(wav.status == 200);
  CHECK(wav.header("content-type") == "audio/wav");
  CHECK(wav.body.rfind("RIFF", 0) == 0);
}

TEST_CASE("hands-free: the turn ends at a silence, but not during a thinking pause") {
  VoiceEngine v(json{{"endOfTurnSilenceMs", 800}, {"thinkingPauseMs", 4000}});
  v.ws.send({{"type", "audio_start"}, {"sampleRate", 16000}, {"mode", "hands_free"}});
  read_type(v.ws, v.heard, "voice_state");
  send_audio(v.ws, silence(0.5) + synthesise("Let me think.") + silence(2.5));
  send_audio(v.ws, synthesise(kAnswer) + silence(1.2));
  json final = read_until(v.ws, v.heard, [](const json& j) { return j.value("type", "") == "transcript" && j["final"] == true; });
  INFO(v.heard.dump());
  // One answer: the thinking pause did not end the turn early.
  CHECK(final["text"].get<std::string>().find("billing") != std::string::npos);
  CHECK(final["durationS"].get<double>() > 7);
  bool paused = false;
  for (const json& f : v.heard.frames) paused |= f.value("type", "") == "voice_state" && f["state"] == "thinking_pause";
  CHECK(paused);
  CHECK_FALSE(final.contains("audio"));  // audio retention is off unless configured
  json next = read_type(v.ws, v.heard, "question");
  CHECK(next["question"]["id"] == "q2");
  v.ws.send({{"type", "audio_end"}});
}

TEST_CASE("a long hands-free answer gets a back-channel at a short pause") {
  VoiceEngine v(json{{"endOfTurnSilenceMs", 1500}, {"backchannelEverySeconds", 4}, {"backchannelPhrases", {"Mhm."}}});
  v.ws.send({{"type", "voice"}, {"output", true}});
  read_type(v.ws, v.heard, "audio_end");  // the question, read out
  v.ws.send({{"type", "audio_start"}, {"sampleRate", 16000}, {"mode", "hands_free"}});
  send_audio(v.ws, silence(0.3) + synthesise(kAnswer) + silence(0.8) + synthesise(kAnswer) + silence(2.0));
  json mhm = read_until(v.ws, v.heard, [](const json& j) {
    return j.value("type", "") == "audio_start" && j.value("kind", "") == "backchannel";
  });
  CHECK(mhm["text"] == "Mhm.");
  json final = read_until(v.ws, v.heard, [](const json& j) { return j.value("type", "") == "transcript" && j["final"] == true; });
  CHECK(final["durationS"].get<double>() > 12);  // one answer: the back-channel pause did not end it
  v.ws.send({{"type", "audio_end"}});
}

TEST_CASE("bad audio gets a clear error and the interview goes on in text") {
  VoiceEngine v;
  auto error = [&](auto&& send) {
    send();
    return read_until(v.ws, v.heard, is_error_about_audio)["error"];
  };
  // Audio before audio_start.
  json stray = error([&] { v.ws.send_binary(silence(0.1)); });
  CHECK(stray["code"] == "conflict");
  // The wrong rate.
  json rate = error([&] { v.ws.send({{"type", "audio_start"}, {"sampleRate", 44100}}); });
  CHECK(rate["code"] == "invalid_argument");
  CHECK(rate["message"].get<std::string>().find("16 kHz") != std::string::npos);
  // Nothing between start and end.
  json empty = error([&] {
    v.ws.send({{"type", "audio_start"}, {"sampleRate", 16000}});
    v.ws.send({{"type", "audio_end"}});
  });
  CHECK(empty["message"].get<std::string>().find("no audio") != std::string::npos);
  // Garbage: random bytes are loud but not speech.
  std::mt19937 rng(11);
  std::string garbage(48000, '\0');
  for (char& c : garbage) c = static_cast<char>(rng());
  json noise = error([&] {
    v.ws.send({{"type", "audio_start"}, {"sampleRate", 16000}});
    send_audio(v.ws, garbage);
    v.ws.send({{"type", "audio_end"}});
  });
  CHECK(noise["message"].get<std::string>().find("no speech") != std::string::npos);
  // A frame of odd length, and one too long.
  v.ws.send({{"type", "audio_start"}, {"sampleRate", 16000}});
  json odd = error([&] { v.ws.send_binary(std::string(333, '\0')); });
  CHECK(odd["code"] == "invalid_argument");
  json big = error([&] { v.ws.send_binary(std::string(100000, '\0')); });
  CHECK(big["code"] == "payload_too_large");
  v.ws.send({{"type", "audio_cancel"}});
  // Too long: the answer is taken up to the limit.
  // (voice.maxAnswerSeconds is 300 here; the limit itself is tested with a small one below.)

  // The interview is still waiting for its first answer, and text answers work.
  v.ws.send({{"type", "answer"}, {"questionId", "q1"}, {"answer", kAnswer}});
  json next = read_type(v.ws, v.heard, "question");
  CHECK(next["question"]["id"] == "q2");
}

TEST_CASE("an answer longer than maxAnswerSeconds is cut at the limit and taken") {
  VoiceEngine v(json{{"maxAnswerSeconds", 5}});
  v.ws.send({{"type", "audio_start"}, {"sampleRate", 16000}});
  send_audio(v.ws, synthesise(kAnswer + " " + kAnswer));
  json limit = read_until(v.ws, v.heard, is_error_about_audio)["error"];
  CHECK(limit["code"] == "payload_too_large");
  json final = read_until(v.ws, v.heard, [](const json& j) { return j.value("type", "") == "transcript" && j["final"] == true; });
  CHECK(final["durationS"].get<double>() <= 5.05);
  CHECK(read_type(v.ws, v.heard, "question")["question"]["id"] == "q2");
  v.ws.send({{"type", "audio_end"}});
}

TEST_CASE("the candidate's voice stops the interviewer's audio (barge-in)") {
  VoiceEngine v;
  v.ws.send({{"type", "voice"}, {"output", true}});
  read_type(v.ws, v.heard, "audio_start");  // the question being read out
  v.ws.send({{"type", "audio_start"}, {"sampleRate", 16000}, {"mode", "push_to_talk"}});
  json stop = read_type(v.ws, v.heard, "audio_stop");
  CHECK(stop["reason"] == "barge_in");
  v.ws.send({{"type", "audio_cancel"}});
  // A client that hears the candidate itself sends interrupt: the voice stops too.
  v.ws.send({{"type", "answer"}, {"questionId", "q1"}, {"answer", kAnswer}});
  read_type(v.ws, v.heard, "audio_start");
  v.ws.send({{"type", "interrupt"}});
  CHECK(read_type(v.ws, v.heard, "audio_stop")["reason"] == "interrupt");
}

TEST_CASE("operators try the speech providers directly; candidates may not") {
  VoiceEngine v;
  auto samples = mockroom::audio::samples_of(synthesise(kAnswer));
  std::string wav = mockroom::audio::write_wav(samples.data(), samples.size(), 16000);
  Headers audio_wav = {{"Content-Type", "audio/wav"}};
  CHECK(http(v.engine.port(), "POST", "/api/admin/stt/transcribe", wav, v.token, audio_wav).status == 403);
  CHECK(http(v.engine.port(), "POST", "/api/admin/tts/synthesize", R"({"text":"hi"})", v.token).status == 403);
  create_admin(v.engine, "ops@example.com");
  std::string admin = http(v.engine.port(), "POST", "/api/auth/login",
                           R"({"email":"ops@example.com","password":"correct horse battery"})")
                          .json()["token"];
  auto heard = http(v.engine.port(), "POST", "/api/admin/stt/transcribe", wav, admin, audio_wav);
  REQUIRE_MESSAGE(heard.status == 200, heard.body);
  CHECK(heard.json()["text"].get<std::string>().find("billing") != std::string::npos);
  CHECK(heard.json()["provider"] == "stt_pocketsphinx");
  CHECK(heard.json()["durationS"].get<double>() > 5);
  auto spoken = http(v.engine.port(), "POST", "/api/admin/tts/synthesize", R"({"text":"Welcome to your mock interview."})", admin);
  REQUIRE_MESSAGE(spoken.status == 200, spoken.body);
  CHECK(spoken.header("content-type") == "audio/wav");
  CHECK(spoken.header("x-mockroom-provider") == "tts_flite");
  CHECK(spoken.body.size() > 44 + 32000);
  auto not_wav = http(v.engine.port(), "POST", "/api/admin/stt/transcribe", "hello", admin, audio_wav);
  CHECK(not_wav.status == 400);
  CHECK(not_wav.json()["error"]["message"].get<std::string>().find("WAV") != std::string::npos);
  CHECK(http(v.engine.port(), "POST", "/api/admin/tts/synthesize", R"({"text":""})", admin).status == 400);
}
