#include "quotes.h"

#include <algorithm>

#include "text_support.h"

namespace mockroom::scoring_llm {
namespace {

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x00A0 ||
         c == 0x2007 || c == 0x202F;
}

// What a code point compares as: "" for whitespace, else its folded spelling.
std::string_view folded_form(char32_t c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x2033: return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: return "-";
    case 0x2026: return "...";
    default: return {};
  }
}

bool is_word_byte(char c) {
  auto u = static_cast<unsigned char>(c);
  return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || u >= 0x80;
}

// Marks a quote may be wrapped in, and end punctuation it may carry.
constexpr std::string_view kLeadingNoise = " \"'.";
constexpr std::string_view kTrailingNoise = " \"'.,;:!?";

size_t count_words(std::string_view folded) {
  size_t words = 0;
  bool in_word = false;
  for (char c : folded) {
    bool w = is_word_byte(c);
    if (w && !in_word) ++words;
    in_word = w;
  }
  return words;
}

}  // namespace

QuoteFinder::Folded QuoteFinder::fold(std::string_view text) {
  Folded out;
  auto emit = [&](std::string_view piece, size_t from, size_t to) {
    for (char c : piece) {
      out.text.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
      out.begin.push_back(from);
      out.end.push_back(to);
    }
  };
  for (size_t i = 0; i < text.size();) {
    auto [cp, len] = plugin_support::decode_utf8(text, i);
    if (is_space(cp)) {
      if (!out.text.empty() && out.text.back() != ' ') emit(" ", i, i + len);
    } else if (std::string_view f = folded_form(cp); !f.empty()) {
      emit(f, i, i + len);
    } else {
      emit(text.substr(i, len), i, i + len);
    }
    i += len;
  }
  while (!out.text.empty() && out.text.back() == ' ') {
    out.text.pop_back();
    out.begin.pop_back();
    out.end.pop_back();
  }
  return out;
}

QuoteFinder::QuoteFinder(const std::vector<std::string_view>& answers) : answers_(answers) {
  for (std::string_view a : answers_) folded_.push_back(fold(a));
}

std::optional<QuoteFinder::Found> QuoteFinder::find(std::string_view quote) const {
  std::string needle = fold(quote).text;
  size_t first = needle.find_first_not_of(kLeadingNoise);
  if (first == std::string::npos) return std::nullopt;
  needle = needle.substr(first, needle.find_last_not_of(kTrailingNoise) - first + 1);
  if (needle.size() < kMinQuoteChars || count_words(needle) < kMinQuoteWords) return std::nullopt;
  for (size_t a = 0; a < folded_.size(); ++a) {
    const Folded& f = folded_[a];
    for (size_t at = f.text.find(needle); at != std::string::npos; at = f.text.find(needle, at + 1)) {
      size_t last = at + needle.size() - 1;
      // Whole words only: "ache was slow" does not cite "cache was slow".
      bool starts_word = at == 0 || !is_word_byte(f.text[at - 1]) || !is_word_byte(needle.front());
      bool ends_word = last + 1 == f.text.size() || !is_word_byte(f.text[last + 1]) || !is_word_byte(needle.back());
      if (!starts_word || !ends_word) continue;
      size_t from = f.begin[at];
      return Found{a, std::string(answers_[a].substr(from, f.end[last] - from))};
    }
  }
  return std::nullopt;
}

}  // namespace mockroom::scoring_llm
