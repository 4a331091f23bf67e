// mockroom_speech_bench: figures for the speech plugins, loaded through the plugin ABI, and
// for the engine's interviewer voice. Prints, asserts nothing (scripts/bench-speech):
//  1. STT on pocketsphinx-testdata's LibriVox readings: word error rate and real-time
//     factor (processing time / audio time; wall clock and CPU of the calling thread);
//  2. TTS: real-time factor and time to the first audio of each interview answer;
//  3. STT on those answers as each TTS plugin speaks them, without and with the
//     question's vocabulary as the bias;
//  4. time from the interviewer's reply text being ready to its first audio, on the engine.
// Usage: mockroom_speech_bench [--plugins DIR] [--engine BIN] [--turns N] [--no-engine]
//        [--openai-base-url URL --openai-key KEY]   (adds stt_openai and tts_openai)
#include <algorithm>
#include <thread>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "corpus.h"
#include "first_audio.h"
#include "speech_plugins.h"
#include "speech_support/wav.h"
#include "speech_support/word_error_rate.h"

namespace {

using nlohmann::json;
using namespace mockroom::bench::speech;

// Word errors summed over a corpus, and the time it took to recognise.
struct Score {
  size_t edits = 0, reference_words = 0;
  double audio_s = 0;
  mockroom::bench::speech::Timing timing;
  void add(const std::string& ref, const std::string& hyp) {
    auto [e, n] = mockroom::speech_support::word_errors(ref, hyp);
    edits += e;
    reference_words += n;
  }
  double wer() const { return reference_words ? 100.0 * edits / reference_words : 0; }
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(p * (v.size() - 1) + 0.5)];
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Options {
  std::string plugins = MOCKROOM_PLUGIN_DIR;
  std::string engine = MOCKROOM_BINARY;
  int turns = 30;
  bool run_engine = true;
  std::string openai_url, openai_key;
};

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--plugins") o.plugins = value();
    else if (a == "--engine") o.engine = value();
    else if (a == "--turns") o.turns = std::max(1, std::atoi(value().c_str()));
    else if (a == "--no-engine") o.run_engine = false;
    else if (a == "--openai-base-url") o.openai_url = value();
    else if (a == "--openai-key") o.openai_key = value();
    else {
      std::fprintf(stderr, "unknown option %s\n", a.c_str());
      return 2;
    }
  }
  std::string load = read_file("/proc/loadavg");
  std::printf("speech benchmark: %u cores, load average %s\n", std::thread::hardware_concurrency(),
              load.substr(0, load.find(' ', load.find(' ', load.find(' ') + 1) + 1)).c_str());

  std::vector<SpeechPlugin> stts, ttss;
  auto add = [&](std::vector<SpeechPlugin>& to, const std::string& name, const json& config) {
    if (auto p = SpeechPlugin::open(o.plugins, name, config)) to.push_back(std::move(*p));
  };
  add(stts, "stt_pocketsphinx", {{"maxDecoders", 1}});
  add(ttss, "tts_flite", json::object());
  add(ttss, "tts_espeak", json::object());
  if (!o.openai_url.empty()) {
    add(stts, "stt_openai", {{"baseUrl", o.openai_url}, {"apiKey", o.openai_key}});
    add(ttss, "tts_openai", {{"baseUrl", o.openai_url}, {"apiKey", o.openai_key}});
  }

  // 1. STT on LibriVox.
  auto readings = librivox_readings();
  std::printf("\nSTT on pocketsphinx-testdata's LibriVox readings (%zu files)\n", readings.size());
  std::printf("%-18s %8s %8s %10s %10s\n", "plugin", "audio s", "WER %", "RTF wall", "RTF CPU");
  for (const auto& stt : stts) {
    Score score;
    for (const Reading& r : readings) {
      auto wav = mockroom::audio::read_wav(read_file(std::string(kLibrivoxDir) + "/" + r.file));
      if (!wav.ok()) continue;
      std::string pcm = mockroom::audio::bytes_of(wav.pcm->samples.data(), wav.pcm->samples.size());
      auto result = stt.transcribe(pcm, {{"sampleRate", 16000}}, score.timing);
      score.audio_s += wav.pcm->seconds();
      if (result) score.add(r.reference, (*result)["text"]);
    }
    std::printf("%-18s %8.1f %8.1f %10.3f %10.3f\n", stt.name().c_str(), score.audio_s, score.wer(),
                score.timing.wall_s / score.audio_s, score.timing.cpu_s / score.audio_s);
  }

  // 2. TTS, and the audio each makes of the interview answers.
  const auto& answers = interview_answers();
  std::printf("\nTTS on %zu interview answers\n", answers.size());
  std::printf("%-12s %8s %10s %10s %14s %14s\n", "plugin", "audio s", "RTF wall", "RTF CPU", "first p50 ms",
              "first max ms");
  std::map<std::string, std::vector<std::string>> spoken;  // tts -> pcm per answer
  for (const auto& tts : ttss) {
    mockroom::bench::speech::Timing total;
    std::vector<double> first;
    double audio = 0;
    for (const auto& a : answers) {
      mockroom::bench::speech::Timing t;
      auto pcm = tts.synthesize(a.answer, t);
      spoken[tts.name()].push_back(pcm.value_or(""));
      if (!pcm) continue;
      total.wall_s += t.wall_s;
      total.cpu_s += t.cpu_s;
      if (t.first_audio_s >= 0) first.push_back(t.first_audio_s * 1000);
      audio += pcm->size() / 2 / 16000.0;
    }
    std::printf("%-12s %8.1f %10.4f %10.4f %14.1f %14.1f\n", tts.name().c_str(), audio, total.wall_s / audio,
                total.cpu_s / audio, percentile(first, 0.5), percentile(first, 1.0));
  }

  // 3. STT on the synthesised answers.
  std::printf("\nSTT on the interview answers as each TTS plugin speaks them\n");
  std::printf("%-18s %-12s %8s %12s %12s %10s\n", "stt", "voice", "audio s", "WER %", "WER % bias", "RTF CPU");
  for (const auto& stt : stts) {
    for (const auto& tts : ttss) {
      Score plain, biased;
      const auto& pcms = spoken[tts.name()];
      for (size_t i = 0; i < answers.size() && i < pcms.size(); ++i) {
        if (pcms[i].empty()) continue;
        const auto& a = answers[i];
        auto r1 = stt.transcribe(pcms[i], {{"sampleRate", 16000}}, plain.timing);
        plain.audio_s += pcms[i].size() / 2 / 16000.0;
        if (r1) plain.add(a.answer, (*r1)["text"]);
        auto r2 = stt.transcribe(pcms[i], {{"sampleRate", 16000}, {"prompt", a.question}, {"vocabulary", a.concepts}},
                                 biased.timing);
        if (r2) biased.add(a.answer, (*r2)["text"]);
      }
      std::printf("%-18s %-12s %8.1f %12.1f %12.1f %10.3f\n", stt.name().c_str(), tts.name().c_str(), plain.audio_s,
                  plain.wer(), biased.wer(), plain.timing.cpu_s / plain.audio_s);
    }
  }

  // 4. The engine: reply text ready -> first interviewer audio.
  if (o.run_engine) {
    std::printf("\nFirst interviewer audio on the engine (tts_flite), %d text answers over the WebSocket\n", o.turns);
    FirstAudio fa = measure_first_audio(o.engine, o.turns);
    if (!fa.error.empty()) {
      std::printf("  failed: %s\n", fa.error.c_str());
    } else {
      std::printf("  %zu spoken messages and questions: text frame -> first audio frame p50 %.1f ms, p95 %.1f ms, "
                  "max %.1f ms\n",
                  fa.ms.size(), percentile(fa.ms, 0.5), percentile(fa.ms, 0.95), percentile(fa.ms, 1.0));
    }
  }
  return 0;
}
