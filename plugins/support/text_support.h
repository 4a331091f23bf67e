// Text helpers that every provider plugin spells the same way: UTF-8 decoding, a few
// shared word lists (number words, units, multipliers, first-person subjects, adverbs),
// year detection, and the two cue tests built on them (a measurable quantity, "I <did
// something>").
//
// Contract:
// - Compiled into each plugin .so (static linkage, hidden visibility); nothing here crosses
//   the plugin ABI. Pure functions, safe from any thread.
// - Words are expected lower-cased (ASCII), as the plugins' tokenizers produce them.
// - The token templates accept any plugin's Token type with members `kind` (an enum with
//   kWord, kNumber, kPunct) and `lower` (std::string); each plugin keeps its own tokenizer.
// - Only code that is identical in every plugin belongs here; plugin-specific word lists
//   (stopwords, hedging verbs, currency signs) are passed in.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mockroom::plugin_support {

// U+FFFD, what invalid UTF-8 decodes to.
inline constexpr char32_t kInvalidCodePoint = 0xFFFD;

// Decodes the code point at byte `i` of `s` (i < s.size()); returns it and its length in
// bytes. Invalid bytes decode as U+FFFD of length 1 (requests are validated UTF-8, so this
// is only defensive). Inline: it sits in every tokenizer's inner loop.
inline std::pair<char32_t, size_t> decode_utf8(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  uint8_t b0 = byte(i);
  if (b0 < 0x80) return {b0, 1};
  size_t len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) return {kInvalidCodePoint, 1};
  char32_t cp = b0 & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {kInvalidCodePoint, 1};
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  return {cp, len};
}

// True when `word` is one of `list`.
template <size_t N>
bool in_list(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

// Four digits that name a year from 1900 to 2099.
bool is_year(std::string_view lower_word);

// "twice", "doubled", "percent", ...
bool is_multiplier_word(std::string_view lower_word);
// "two", "hundred", "dozens", "half", ...
bool is_number_word(std::string_view lower_word);
// "percent", "weeks", "users", "dollars", ...
bool is_unit_word(std::string_view lower_word);
// "i", "i've", "i'd", "i'll".
bool is_first_person_subject(std::string_view lower_word);
// Adverbs that may sit between "I" and its verb: "then", "also", "actually", ... and any
// word of five or more letters in -ly.
bool is_adverb_after_subject(std::string_view lower_word);

// How many adverbs may sit between "I" and its verb ("I then quickly rewrote ...").
inline constexpr int kMaxAdverbsAfterSubject = 2;

// True when the tokens state a quantity: a number that is not a bare year (or is followed
// by %), a %, a currency sign from `currency_signs` before a number, a multiplier word, or
// a number word followed by a unit ("two weeks").
template <class Token>
bool mentions_quantity(const std::vector<Token>& tokens,
                       std::span<const std::string_view> currency_signs) {
  using Kind = decltype(Token::kind);
  auto is_currency = [&](const std::string& w) {
    return std::find(currency_signs.begin(), currency_signs.end(), w) != currency_signs.end();
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    const Token* next = i + 1 < tokens.size() ? &tokens[i + 1] : nullptr;
    switch (t.kind) {
      case Kind::kNumber:
        if (!is_year(t.lower) || (next && next->lower == "%")) return true;
        break;
      case Kind::kPunct:
        if (t.lower == "%") return true;
        if (is_currency(t.lower) && next && next->kind == Kind::kNumber) return true;
        break;
      case Kind::kWord:
        if (is_multiplier_word(t.lower)) return true;
        if (is_number_word(t.lower) && next && is_unit_word(next->lower)) return true;
        break;
    }
  }
  return false;
}

// True when a first-person subject is followed, after at most kMaxAdverbsAfterSubject
// adverbs, by a word that is not one of `non_action_verbs` ("I think" is not an action).
template <class Token>
bool has_first_person_action(const std::vector<Token>& tokens,
                             std::span<const std::string_view> non_action_verbs) {
  using Kind = decltype(Token::kind);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind != Kind::kWord || !is_first_person_subject(tokens[i].lower)) continue;
    size_t j = i + 1;
    for (int skipped = 0; j < tokens.size() && skipped < kMaxAdverbsAfterSubject; ++skipped) {
      if (tokens[j].kind != Kind::kWord || !is_adverb_after_subject(tokens[j].lower)) break;
      ++j;
    }
    if (j < tokens.size() && tokens[j].kind == Kind::kWord &&
        std::find(non_action_verbs.begin(), non_action_verbs.end(), tokens[j].lower) ==
            non_action_verbs.end())
      return true;
  }
  return false;
}

// Sorts `items` and drops repeats.
template <class T>
void sort_unique(std::vector<T>& items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
}

}  // namespace mockroom::plugin_support
