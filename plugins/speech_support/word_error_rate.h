// Word error rate: the word-level edit distance between a reference transcript and what a
// recogniser heard, over the reference's length. Words are compared in lower case with
// punctuation other than apostrophes dropped. Header-only, for the speech tests and
// bench/speech; not used by plugins or the engine.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

namespace mockroom::speech_support {

inline std::vector<std::string> transcript_words(const std::string& text) {
  std::vector<std::string> out;
  std::string w;
  for (char c : text + " ") {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '\'') {
      w.push_back(static_cast<char>(std::tolower(u)));
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  return out;
}

// {edits, reference words}: what a corpus-wide WER sums.
inline std::pair<size_t, size_t> word_errors(const std::string& reference, const std::string& hypothesis) {
  auto r = transcript_words(reference), h = transcript_words(hypothesis);
  std::vector<size_t> prev(h.size() + 1), cur(h.size() + 1);
  for (size_t j = 0; j <= h.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= r.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= h.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r[i - 1] == h[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return {prev[h.size()], r.size()};
}

inline double word_error_rate(const std::string& reference, const std::string& hypothesis) {
  auto [edits, words] = word_errors(reference, hypothesis);
  return words ? static_cast<double>(edits) / words : (edits ? 1.0 : 0.0);
}

}  // namespace mockroom::speech_support
