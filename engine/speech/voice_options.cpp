#include "speech/voice_options.h"

#include <set>

namespace mockroom::speech {

using nlohmann::json;

namespace {

Status read_int(const json& doc, const char* key, int lo, int hi, int& out) {
  if (!doc.contains(key)) return {};
  if (!doc[key].is_number_integer()) return invalid(std::string("voice.") + key + " must be a whole number");
  auto v = doc[key].get<int64_t>();
  if (v < lo || v > hi) {
    return invalid(std::string("voice.") + key + " must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  }
  out = static_cast<int>(v);
  return {};
}

Status read_bool(const json& doc, const char* key, bool& out) {
  if (!doc.contains(key)) return {};
  if (!doc[key].is_boolean()) return invalid(std::string("voice.") + key + " must be true or false");
  out = doc[key].get<bool>();
  return {};
}

Status read_phrases(const json& doc, const char* key, std::vector<std::string>& out) {
  if (!doc.contains(key)) return {};
  const json& list = doc[key];
  std::string what = std::string("voice.") + key;
  if (!list.is_array() || list.size() > kMaxPhrases) {
    return invalid(what + " must be a list of at most " + std::to_string(kMaxPhrases) + " phrases");
  }
  out.clear();
  for (const json& p : list) {
    if (!p.is_string() || p.get<std::string>().empty() || p.get<std::string>().size() > kMaxPhraseBytes) {
      return invalid(what + " must hold non-empty strings of at most " + std::to_string(kMaxPhraseBytes) + " bytes");
    }
    out.push_back(p.get<std::string>());
  }
  return {};
}

}  // namespace

Result<VoiceOptions> parse_voice_options(const json& doc) {
  static const std::set<std::string> kKeys = {
      "maxAnswerSeconds", "endOfTurnSilenceMs", "thinkingPauseMs", "thinkingPhrases", "bargeIn", "bargeInMs",
      "backchannel", "backchannelEverySeconds", "backchannelPhrases", "audioRetentionDays"};
  if (!doc.is_object()) return invalid("voice must be an object");
  for (const auto& [k, v] : doc.items()) {
    if (!kKeys.count(k)) return invalid("unknown config key voice." + k);
  }
  VoiceOptions o;
  for (Status st : {read_int(doc, "maxAnswerSeconds", 5, kMaxMaxAnswerSeconds, o.max_answer_seconds),
                    read_int(doc, "endOfTurnSilenceMs", 300, 10000, o.end_of_turn_silence_ms),
                    read_int(doc, "thinkingPauseMs", 300, 60000, o.thinking_pause_ms),
                    read_phrases(doc, "thinkingPhrases", o.thinking_phrases),
                    read_bool(doc, "bargeIn", o.barge_in),
                    read_int(doc, "bargeInMs", 60, 3000, o.barge_in_ms),
                    read_bool(doc, "backchannel", o.backchannel),
                    read_int(doc, "backchannelEverySeconds", 3, 600, o.backchannel_every_seconds),
                    read_phrases(doc, "backchannelPhrases", o.backchannel_phrases),
                    read_int(doc, "audioRetentionDays", 0, 3650, o.audio_retention_days)}) {
    if (!st.ok()) return st.error();
  }
  if (o.thinking_pause_ms < o.end_of_turn_silence_ms) {
    return invalid("voice.thinkingPauseMs must be at least voice.endOfTurnSilenceMs");
  }
  if (o.backchannel && o.backchannel_phrases.empty()) return invalid("voice.backchannelPhrases is empty");
  return o;
}

}  // namespace mockroom::speech
