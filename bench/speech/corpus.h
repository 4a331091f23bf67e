// The speech benchmark's material. LibriVox: the five readings Debian's
// pocketsphinx-testdata ships with their reference transcripts. Interview answers: short
// spoken answers written for this project (not from the question banks), each with the
// question it answers and that question's concepts, the vocabulary the engine biases
// recognition toward; they are synthesised with every TTS plugin and then recognised.
#pragma once

#include <string>
#include <vector>

namespace mockroom::bench::speech {

inline constexpr char kLibrivoxDir[] = "/usr/share/pocketsphinx/test/data/librivox";

struct Reading {
  std::string file;       // under kLibrivoxDir
  std::string reference;  // lower case, no punctuation
};

// Parsed from kLibrivoxDir/transcription; empty when the package is missing.
std::vector<Reading> librivox_readings();

struct SpokenAnswer {
  std::string question;
  std::vector<std::string> concepts;
  std::string answer;
};

const std::vector<SpokenAnswer>& interview_answers();

}  // namespace mockroom::bench::speech
