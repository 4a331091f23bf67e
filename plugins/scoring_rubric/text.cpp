#include "text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "stem.h"
#include "text_support.h"

namespace mockroom::scoring_rubric {
namespace {

using plugin_support::decode_utf8;

constexpr char32_t kInvalid = plugin_support::kInvalidCodePoint;
constexpr char32_t kRightSingleQuote = 0x2019;
constexpr char32_t kNoBreakSpace = 0xA0;

enum class CharClass { kLetter, kDigit, kSpace, kJoiner, kDecimalMark, kPunct };

CharClass classify(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return CharClass::kLetter;
  if (c >= '0' && c <= '9') return CharClass::kDigit;
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
      c == kNoBreakSpace || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 ||
      c == 0x202F || c == 0x3000)
    return CharClass::kSpace;
  if (c == '\'' || c == '-' || c == kRightSingleQuote) return CharClass::kJoiner;
  if (c == '.' || c == ',') return CharClass::kDecimalMark;
  if (c < 0x80) return CharClass::kPunct;
  static constexpr std::array<char32_t, 16> kPunctuation = {
      0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2018, 0x201C,
      0x201D, 0x2022, 0x2026, 0x00AB, 0x00BB, 0x20AC, 0x00A3, 0x00A5};
  if (c == kInvalid || std::find(kPunctuation.begin(), kPunctuation.end(), c) != kPunctuation.end())
    return CharClass::kPunct;
  return CharClass::kLetter;
}

bool is_alnum(CharClass k) { return k == CharClass::kLetter || k == CharClass::kDigit; }

// Byte-level test used on folded text: ASCII alphanumerics and any non-ASCII byte.
bool glues(char c) {
  auto u = static_cast<unsigned char>(c);
  return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
}

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

constexpr std::string_view kStopwords[] = {
    "a",      "about",    "above", "after",   "again",  "against", "all",   "also",    "am",
    "an",     "and",      "any",   "are",     "as",     "at",      "be",    "because", "been",
    "before", "being",    "below", "between", "both",   "but",     "by",    "can",     "could",
    "did",    "do",       "does",  "doing",   "down",   "during",  "each",  "few",     "for",
    "from",   "further",  "had",   "has",     "have",   "having",  "he",    "her",     "here",
    "hers",   "him",      "his",   "how",     "i",      "i'd",     "i'll",  "i'm",     "i've",
    "if",     "in",       "into",  "is",      "it",     "it's",    "its",   "just",    "me",
    "more",   "most",     "my",    "myself",  "no",     "nor",     "not",   "now",     "of",
    "off",    "on",       "once",  "only",    "or",     "other",   "our",   "ours",    "out",
    "over",   "own",      "same",  "she",     "should", "so",      "some",  "such",    "than",
    "that",   "the",      "their", "them",    "then",   "there",   "these", "they",    "this",
    "those",  "through",  "to",    "too",     "under",  "until",   "up",    "us",      "very",
    "was",    "we",       "were",  "what",    "when",   "where",   "which", "while",   "who",
    "whom",   "why",      "will",  "with",    "would",  "you",     "your",  "yours",   "tell",
    "time",   "describe", "give",  "example"};

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    auto [cp, len] = decode_utf8(text, i);
    CharClass kind = classify(cp);
    if (kind == CharClass::kSpace) {
      i += len;
      continue;
    }
    Token token{TokenKind::kPunct, Span{i, i + len}, {}};
    if (is_alnum(kind)) {
      token.kind = kind == CharClass::kDigit ? TokenKind::kNumber : TokenKind::kWord;
      CharClass previous = kind;
      size_t j = i + len;
      while (j < text.size()) {
        auto [c, l] = decode_utf8(text, j);
        CharClass k = classify(c);
        if (is_alnum(k)) {
          previous = k;
          j += l;
          continue;
        }
        if ((k != CharClass::kJoiner && k != CharClass::kDecimalMark) || j + l >= text.size())
          break;
        CharClass next = classify(decode_utf8(text, j + l).first);
        bool joins = k == CharClass::kJoiner
                         ? is_alnum(next)
                         : previous == CharClass::kDigit && next == CharClass::kDigit;
        if (!joins) break;
        j += l;
      }
      token.span.end = j;
    }
    token.lower = fold(token.span.of(text));
    i = token.span.end;
    tokens.push_back(std::move(token));
  }
  return tokens;
}

size_t count_words(const std::vector<Token>& tokens) {
  return static_cast<size_t>(std::count_if(
      tokens.begin(), tokens.end(), [](const Token& t) { return t.kind != TokenKind::kPunct; }));
}

std::vector<Span> split_sentences(std::string_view text) {
  std::vector<Span> sentences;
  auto emit = [&](size_t begin, size_t end) {
    while (begin < end && is_ascii_space(text[begin])) ++begin;
    while (end > begin && is_ascii_space(text[end - 1])) --end;
    std::string_view s = text.substr(begin, end - begin);
    if (std::any_of(s.begin(), s.end(), glues)) sentences.push_back(Span{begin, end});
  };
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      emit(start, i);
      start = i + 1;
      continue;
    }
    if (c != '.' && c != '!' && c != '?') continue;
    size_t end = i + 1;
    while (end < text.size() && (text[end] == '.' || text[end] == '!' || text[end] == '?' ||
                                 text[end] == '"' || text[end] == '\'' || text[end] == ')'))
      ++end;
    if (end == text.size() || is_ascii_space(text[end])) {
      emit(start, end);
      start = end;
      i = end - 1;
    }
  }
  emit(start, text.size());
  return sentences;
}

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (size_t i = 0; i < text.size();) {
    auto [cp, len] = decode_utf8(text, i);
    if (classify(cp) == CharClass::kSpace) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out += ' ';
      pending_space = false;
      if (cp == kRightSingleQuote)
        out += '\'';
      else if (cp >= 'A' && cp <= 'Z')
        out += static_cast<char>(cp - 'A' + 'a');
      else
        out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

size_t count_phrase(std::string_view folded, std::string_view phrase) {
  if (phrase.empty()) return 0;
  size_t count = 0;
  for (size_t at = folded.find(phrase); at != std::string_view::npos;
       at = folded.find(phrase, at + 1)) {
    size_t end = at + phrase.size();
    bool clean_start = !glues(phrase.front()) || at == 0 || !glues(folded[at - 1]);
    bool clean_end = !glues(phrase.back()) || end == folded.size() || !glues(folded[end]);
    if (clean_start && clean_end) ++count;
  }
  return count;
}

Span clip_to_words(std::string_view text, Span sentence, size_t max_bytes) {
  Span s = sentence;
  if (s.end - s.begin <= max_bytes) return s;
  size_t limit = s.begin + max_bytes;
  size_t cut = limit;
  while (cut > s.begin && text[cut] != ' ') --cut;  // text[limit] exists: limit < s.end
  if (cut == s.begin) {
    cut = limit;
    while (cut > s.begin && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  while (cut > s.begin && (text[cut - 1] == ' ' || text[cut - 1] == ',' || text[cut - 1] == ';' ||
                           text[cut - 1] == ':'))
    --cut;
  s.end = cut;
  return s;
}

bool is_stopword(std::string_view lower_word) {
  static const std::vector<std::string_view> sorted = [] {
    std::vector<std::string_view> v(std::begin(kStopwords), std::end(kStopwords));
    std::sort(v.begin(), v.end());
    return v;
  }();
  return std::binary_search(sorted.begin(), sorted.end(), lower_word);
}

std::vector<std::string> content_stems(std::string_view text, Compounds compounds) {
  std::vector<Token> tokens = tokenize(text);
  std::vector<std::string> stems;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind != TokenKind::kWord || is_stopword(t.lower)) continue;
    std::string joined;
    size_t parts = 0;
    for (size_t at = 0; at <= t.lower.size();) {
      size_t dash = std::min(t.lower.find('-', at), t.lower.size());
      std::string part = t.lower.substr(at, dash - at);
      if (!part.empty() && !is_stopword(part)) stems.push_back(porter_stem(part));
      joined += part;
      ++parts;
      at = dash + 1;
    }
    if (parts > 1) stems.push_back(porter_stem(joined));
    const Token* next = i + 1 < tokens.size() ? &tokens[i + 1] : nullptr;
    if (compounds == Compounds::kAlsoPairs && next && next->kind == TokenKind::kWord) {
      stems.push_back(porter_stem(t.lower + next->lower));
      stems.push_back(porter_stem(t.lower) + porter_stem(next->lower));
    }
  }
  plugin_support::sort_unique(stems);
  return stems;
}

}  // namespace mockroom::scoring_rubric
