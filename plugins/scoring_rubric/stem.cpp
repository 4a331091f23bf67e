#include "stem.h"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace mockroom::scoring_rubric {
namespace {

// One word being stemmed. Follows the structure of Porter's reference implementation:
// b[0..k] is the current word; j marks the end of the stem found by the last ends().
class Stemmer {
 public:
  explicit Stemmer(std::string word) : b_(std::move(word)), k_(static_cast<int>(b_.size()) - 1) {}

  std::string run() {
    if (k_ <= 1) return b_;
    step1ab();
    if (k_ > 0) {
      step1c();
      step2();
      step3();
      step4();
      step5();
    }
    return b_.substr(0, static_cast<size_t>(k_ + 1));
  }

 private:
  char at(int i) const { return b_[static_cast<size_t>(i)]; }

  bool consonant(int i) const {
    switch (at(i)) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
        return false;
      case 'y':
        return i == 0 || !consonant(i - 1);
      default:
        return true;
    }
  }

  // The number of vowel-consonant sequences in b[0..j].
  int measure() const {
    int n = 0;
    int i = 0;
    for (;; ++i) {
      if (i > j_) return n;
      if (!consonant(i)) break;
    }
    ++i;
    for (;;) {
      for (;; ++i) {
        if (i > j_) return n;
        if (consonant(i)) break;
      }
      ++i;
      ++n;
      for (;; ++i) {
        if (i > j_) return n;
        if (!consonant(i)) break;
      }
      ++i;
    }
  }

  bool vowel_in_stem() const {
    for (int i = 0; i <= j_; ++i)
      if (!consonant(i)) return true;
    return false;
  }

  bool double_consonant(int i) const { return i >= 1 && at(i) == at(i - 1) && consonant(i); }

  // consonant-vowel-consonant ending at i, the last not w, x or y ("hop", not "snow").
  bool cvc(int i) const {
    if (i < 2 || !consonant(i) || consonant(i - 1) || !consonant(i - 2)) return false;
    char c = at(i);
    return c != 'w' && c != 'x' && c != 'y';
  }

  bool ends(std::string_view s) {
    int len = static_cast<int>(s.size());
    if (len > k_ + 1) return false;
    if (b_.compare(static_cast<size_t>(k_ - len + 1), s.size(), s) != 0) return false;
    j_ = k_ - len;
    return true;
  }

  void set_to(std::string_view s) {
    b_.replace(static_cast<size_t>(j_ + 1), static_cast<size_t>(k_ - j_), s);
    k_ = j_ + static_cast<int>(s.size());
    b_.resize(static_cast<size_t>(k_ + 1));
  }

  void replace_if_measured(std::string_view s) {
    if (measure() > 0) set_to(s);
  }

  // Plurals and -ed / -ing.
  void step1ab() {
    if (at(k_) == 's') {
      if (ends("sses"))
        k_ -= 2;
      else if (ends("ies"))
        set_to("i");
      else if (at(k_ - 1) != 's')
        --k_;
    }
    if (ends("eed")) {
      if (measure() > 0) --k_;
    } else if ((ends("ed") || ends("ing")) && vowel_in_stem()) {
      k_ = j_;
      if (ends("at"))
        set_to("ate");
      else if (ends("bl"))
        set_to("ble");
      else if (ends("iz"))
        set_to("ize");
      else if (double_consonant(k_)) {
        --k_;
        char c = at(k_);
        if (c == 'l' || c == 's' || c == 'z') ++k_;
      } else if (measure() == 1 && cvc(k_)) {
        set_to("e");
      }
    }
    b_.resize(static_cast<size_t>(k_ + 1));
  }

  // Terminal y to i when there is another vowel in the stem.
  void step1c() {
    if (ends("y") && vowel_in_stem()) b_[static_cast<size_t>(k_)] = 'i';
  }

  // Double suffixes to single ones: -ization -> -ize, -ational -> -ate, ...
  void step2() {
    static constexpr std::pair<std::string_view, std::string_view> kRules[] = {
        {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"},   {"anci", "ance"},
        {"izer", "ize"},    {"bli", "ble"},     {"alli", "al"},     {"entli", "ent"},
        {"eli", "e"},       {"ousli", "ous"},   {"ization", "ize"}, {"ation", "ate"},
        {"ator", "ate"},    {"alism", "al"},    {"iveness", "ive"}, {"fulness", "ful"},
        {"ousness", "ous"}, {"aliti", "al"},    {"iviti", "ive"},   {"biliti", "ble"},
        {"logi", "log"}};
    apply_first(kRules);
  }

  // -ic-, -full, -ness, ...
  void step3() {
    static constexpr std::pair<std::string_view, std::string_view> kRules[] = {
        {"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
        {"ical", "ic"},  {"ful", ""},   {"ness", ""}};
    apply_first(kRules);
  }

  // Drops -ant, -ence, ... when the stem is long enough (measure > 1).
  void step4() {
    static constexpr std::string_view kSuffixes[] = {
        "al",  "ance", "ence", "er",  "ic",  "able", "ible", "ant", "ement", "ment",
        "ent", "ion",  "ou",   "ism", "ate", "iti",  "ous",  "ive", "ize"};
    for (std::string_view s : kSuffixes) {
      if (!ends(s)) continue;
      if (s == "ion" && !(j_ >= 0 && (at(j_) == 's' || at(j_) == 't'))) continue;
      if (measure() > 1) k_ = j_;
      return;
    }
  }

  // Final -e and -ll.
  void step5() {
    j_ = k_;
    if (at(k_) == 'e') {
      int m = measure();
      if (m > 1 || (m == 1 && !cvc(k_ - 1))) --k_;
    }
    if (at(k_) == 'l' && double_consonant(k_) && measure() > 1) --k_;
  }

  template <size_t N>
  void apply_first(const std::pair<std::string_view, std::string_view> (&rules)[N]) {
    // Like the reference switch: the longest matching suffix wins, and it alone is tried.
    const std::pair<std::string_view, std::string_view>* best = nullptr;
    for (const auto& rule : rules) {
      if (k_ + 1 < static_cast<int>(rule.first.size())) continue;
      if (b_.compare(static_cast<size_t>(k_ + 1) - rule.first.size(), rule.first.size(),
                     rule.first) != 0)
        continue;
      if (!best || rule.first.size() > best->first.size()) best = &rule;
    }
    if (best && ends(best->first)) replace_if_measured(best->second);
  }

  std::string b_;
  int k_;
  int j_ = 0;
};

}  // namespace

namespace {

// Stemming is a pure function of the word, and interview answers reuse a small
// vocabulary, so each thread remembers its results. Bounded: cleared when full.
constexpr std::size_t kStemCacheLimit = 50'000;

std::string stem_uncached(std::string_view lower_word) {
  std::string word(lower_word);
  if (word.size() > 2 && word.compare(word.size() - 2, 2, "'s") == 0) word.resize(word.size() - 2);
  bool plain = std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (!plain || word.size() <= 2) return word;
  return Stemmer(std::move(word)).run();
}

}  // namespace

std::string porter_stem(std::string_view lower_word) {
  thread_local std::unordered_map<std::string, std::string> cache;
  thread_local std::string key;
  key.assign(lower_word);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  if (cache.size() >= kStemCacheLimit) cache.clear();
  return cache.emplace(key, stem_uncached(lower_word)).first->second;
}

}  // namespace mockroom::scoring_rubric
