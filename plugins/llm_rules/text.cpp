#include "text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "text_support.h"

namespace mockroom::llm_rules {
namespace {

using plugin_support::decode_utf8;

constexpr char32_t kInvalid = plugin_support::kInvalidCodePoint;
constexpr char32_t kRightSingleQuote = 0x2019;  // the typographic apostrophe
constexpr size_t kMinStemLength = 3;
constexpr size_t kMinPrefixMatch = 5;

enum class CharClass { kLetter, kDigit, kSpace, kLineBreak, kJoiner, kDecimalMark, kPunct };

CharClass classify(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return CharClass::kLetter;
  if (c >= '0' && c <= '9') return CharClass::kDigit;
  if (c == '\n' || c == 0x2028 || c == 0x2029) return CharClass::kLineBreak;
  if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
      (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x3000)
    return CharClass::kSpace;
  if (c == '\'' || c == '-' || c == kRightSingleQuote) return CharClass::kJoiner;
  if (c == '.' || c == ',') return CharClass::kDecimalMark;
  if (c < 0x80) return CharClass::kPunct;
  // Typographic punctuation and currency signs; every other code point is a letter.
  static constexpr std::array<char32_t, 16> kPunctuation = {
      0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2018, 0x201C,
      0x201D, 0x2022, 0x2026, 0x00AB, 0x00BB, 0x20AC, 0x00A3, 0x00A5};
  if (c == kInvalid || std::find(kPunctuation.begin(), kPunctuation.end(), c) != kPunctuation.end())
    return CharClass::kPunct;
  return CharClass::kLetter;
}

bool is_alnum(CharClass k) { return k == CharClass::kLetter || k == CharClass::kDigit; }

std::string lower_token(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size();) {
    auto [cp, len] = decode_utf8(raw, i);
    if (cp == kRightSingleQuote) {
      out += '\'';
    } else if (len == 1 && cp < 0x80) {
      out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
    } else {
      out.append(raw.substr(i, len));
    }
    i += len;
  }
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Function words plus generic words that carry no topic of their own.
constexpr std::string_view kStopwords[] = {
    "a",         "about",     "above",     "across",   "actually",  "after",      "again",
    "against",   "ago",       "all",       "almost",   "along",     "amid",       "also",
    "although",  "always",    "am",        "among",    "an",        "and",        "another",
    "any",       "anyone",    "anything",  "are",      "around",    "as",         "ask",
    "asked",     "at",        "away",      "back",     "bad",       "basically",  "be",
    "became",    "because",   "become",    "been",     "before",    "being",      "behind",
    "below",     "beside",    "best",      "better",   "between",   "beyond",     "big",
    "bit",       "both",      "but",       "by",       "came",      "can",        "can't",
    "cannot",    "come",      "could",     "couldn't", "day",       "despite",    "did",
    "didn't",    "do",        "does",      "doesn't",  "doing",     "don't",      "done",
    "down",      "during",    "each",      "either",   "else",      "enough",     "especially",
    "etc",       "even",      "ever",      "except",   "every",     "everyone",   "everything",
    "example",   "far",       "felt",      "few",      "finally",   "first",      "for",
    "from",      "further",   "gave",      "get",      "gets",      "getting",    "give",
    "go",        "goes",      "going",     "gone",     "good",      "got",        "great",
    "guess",     "had",       "hadn't",    "hard",     "has",       "hasn't",     "have",
    "haven't",   "having",    "he",        "her",      "here",      "hers",       "herself",
    "him",       "himself",   "his",       "how",      "however",   "i",          "i'd",
    "i'll",      "i'm",       "i've",      "idk",      "if",        "in",         "inside",
    "instead",   "into",      "is",        "isn't",    "it",        "it's",       "its",
    "itself",    "just",      "keep",      "kind",     "knew",      "know",       "last",
    "later",     "least",     "less",      "let",      "let's",     "like",       "little",
    "long",      "lot",       "lots",      "made",     "make",      "makes",      "making",
    "many",      "maybe",     "me",        "mean",     "might",     "mine",       "more",
    "most",      "much",      "must",      "my",       "myself",    "need",       "needed",
    "never",     "new",       "next",      "nice",     "no",        "nor",        "not",
    "nothing",   "now",       "of",        "off",      "often",     "ok",         "okay",
    "old",       "on",        "once",      "one",      "only",      "onto",       "or",
    "other",     "others",    "our",       "ours",     "ourselves", "out",        "outside",
    "over",      "per",       "plus",      "own",      "part",      "pass",       "people",
    "perhaps",   "pretty",    "put",       "quite",    "rather",    "really",     "right",
    "said",      "same",      "saw",       "say",      "see",       "seemed",     "several",
    "she",       "should",    "shouldn't", "since",    "so",        "some",       "someone",
    "something", "sometimes", "soon",      "sort",     "still",     "stuff",      "such",
    "sure",      "take",      "taken",     "talk",     "tell",      "than",       "that",
    "that's",    "the",       "their",     "theirs",   "them",      "themselves", "then",
    "there",     "there's",   "these",     "they",     "they're",   "thing",      "things",
    "think",     "this",      "those",     "though",   "thought",   "through",    "throughout",
    "time",      "times",     "to",        "together", "told",      "too",        "took",
    "toward",    "towards",   "tried",     "try",      "trying",    "uh",         "um",
    "under",     "until",     "up",        "upon",     "us",        "use",        "used",
    "using",     "very",      "via",       "versus",   "vs",        "want",       "wanted",
    "was",       "wasn't",    "way",       "we",       "we'd",      "we'll",      "we're",
    "we've",     "well",      "went",      "were",     "weren't",   "what",       "whatever",
    "when",      "where",     "whether",   "which",    "while",     "who",        "whole",
    "whom",      "whose",     "why",       "will",     "with",      "within",     "without",
    "won't",     "work",      "worked",    "would",    "wouldn't",  "yeah",       "yes",
    "yet",       "you",       "you're",    "your",     "yours",     "yourself"};

// Words in -ly that are nouns or adjectives, not adverbs ("daily standups").
constexpr std::string_view kLyNonAdverbs[] = {
    "ally",      "anomaly",  "apply",  "assembly", "butterfly", "costly",   "daily",   "early",
    "family",    "friendly", "hourly", "italy",    "july",      "monopoly", "monthly", "nightly",
    "quarterly", "rally",    "reply",  "supply",   "timely",    "weekly",   "yearly"};

constexpr std::string_view kIrregularPast[] = {
    "began",    "bought",  "brought",   "broke",      "built",   "caught", "chose",  "drove",
    "fell",     "fought",  "found",     "grew",       "held",    "kept",   "knew",   "led",
    "left",     "lost",    "meant",     "met",        "paid",    "ran",    "rang",   "rose",
    "sat",      "sent",    "shut",      "slept",      "sold",    "spent",  "spoke",  "stood",
    "struck",   "taught",  "threw",     "understood", "woke",    "won",    "wrote",  "rewrote",
    "overcame", "oversaw", "undertook", "withdrew",   "split",   "cut",    "spread", "hit",
    "forgot",   "gave",    "made",      "said",       "saw",     "took",   "told",   "went",
    "came",     "did",     "had",       "got",        "thought", "felt",   "became"};

constexpr size_t kMinInflectedLength = 5;  // "need", "bed", "ring" are not inflections

// (suffix, replacement) pairs, longest first within each family.
constexpr std::pair<std::string_view, std::string_view> kSuffixes[] = {
    {"ational", "ate"}, {"ization", "ize"}, {"ations", "ate"}, {"ation", "ate"}, {"fulness", "ful"},
    {"iveness", "ive"}, {"ments", ""},      {"ment", ""},      {"ness", ""},     {"ings", ""},
    {"ing", ""},        {"ions", ""},       {"ion", ""},       {"ies", "y"},     {"ied", "y"},
    {"ers", ""},        {"er", ""},         {"ed", ""},        {"es", ""},       {"ly", ""},
    {"s", ""}};

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  Spacing spacing = Spacing::kNone;
  size_t i = 0;
  while (i < text.size()) {
    auto [cp, len] = decode_utf8(text, i);
    CharClass kind = classify(cp);
    if (kind == CharClass::kSpace || kind == CharClass::kLineBreak) {
      if (kind == CharClass::kLineBreak)
        spacing = Spacing::kLineBreak;
      else if (spacing == Spacing::kNone && cp == ' ')
        spacing = Spacing::kSingleSpace;
      else if (spacing != Spacing::kLineBreak)
        spacing = Spacing::kOtherSpace;
      i += len;
      continue;
    }
    Token token{TokenKind::kPunct, spacing, i, i + len, {}};
    spacing = Spacing::kNone;
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
        if (k != CharClass::kJoiner && k != CharClass::kDecimalMark) break;
        if (j + l >= text.size()) break;
        CharClass next = classify(decode_utf8(text, j + l).first);
        bool joins = k == CharClass::kJoiner
                         ? is_alnum(next)
                         : previous == CharClass::kDigit && next == CharClass::kDigit;
        if (!joins) break;
        j += l;
      }
      token.end = j;
    }
    token.lower = lower_token(text.substr(token.begin, token.end - token.begin));
    i = token.end;
    tokens.push_back(std::move(token));
  }
  return tokens;
}

size_t count_words(const std::vector<Token>& tokens) {
  return static_cast<size_t>(std::count_if(
      tokens.begin(), tokens.end(), [](const Token& t) { return t.kind != TokenKind::kPunct; }));
}

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string normalize_words(std::string_view text) {
  std::string out;
  for (const Token& t : tokenize(text)) {
    if (t.kind == TokenKind::kPunct) continue;
    if (!out.empty()) out += ' ';
    out += t.lower;
  }
  return out;
}

bool is_stopword(std::string_view lower_word) {
  static const std::vector<std::string_view> sorted = [] {
    std::vector<std::string_view> v(std::begin(kStopwords), std::end(kStopwords));
    std::sort(v.begin(), v.end());
    return v;
  }();
  return std::binary_search(sorted.begin(), sorted.end(), lower_word);
}

bool is_ly_adverb(std::string_view w) {
  return w.size() >= kMinInflectedLength && ends_with(w, "ly") &&
         std::find(std::begin(kLyNonAdverbs), std::end(kLyNonAdverbs), w) ==
             std::end(kLyNonAdverbs);
}

bool is_irregular_past(std::string_view w) {
  return std::find(std::begin(kIrregularPast), std::end(kIrregularPast), w) !=
         std::end(kIrregularPast);
}

bool is_ed_form(std::string_view w) {
  return w.size() >= kMinInflectedLength && ends_with(w, "ed") && !ends_with(w, "eed");
}

bool is_ing_form(std::string_view w) {
  return w.size() >= kMinInflectedLength + 1 && ends_with(w, "ing");
}

std::string light_stem(std::string_view lower_word) {
  std::string word(lower_word);
  if (ends_with(word, "'s")) word.resize(word.size() - 2);
  for (const auto& [suffix, replacement] : kSuffixes) {
    if (!ends_with(word, suffix)) continue;
    if (suffix == "s" && (ends_with(word, "ss") || ends_with(word, "us"))) break;
    if (word.size() - suffix.size() + replacement.size() < kMinStemLength) break;
    word.resize(word.size() - suffix.size());
    word += replacement;
    break;
  }
  if (word.size() > kMinStemLength && word.back() == 'e') word.pop_back();
  return word;
}

bool stems_match(std::string_view a, std::string_view b) {
  if (a == b) return true;
  size_t shorter = std::min(a.size(), b.size());
  if (shorter < kMinPrefixMatch) return false;
  size_t common = 0;
  while (common < shorter && a[common] == b[common]) ++common;
  return common + 1 >= shorter;
}

std::vector<std::string> content_stems(std::string_view text) {
  std::vector<std::string> stems;
  for (const Token& t : tokenize(text)) {
    if (t.kind != TokenKind::kWord || is_stopword(t.lower)) continue;
    stems.push_back(light_stem(t.lower));
  }
  return stems;
}

bool contains_words(std::string_view haystack, std::string_view phrase) {
  if (phrase.empty()) return false;
  for (size_t at = haystack.find(phrase); at != std::string_view::npos;
       at = haystack.find(phrase, at + 1)) {
    bool starts = at == 0 || haystack[at - 1] == ' ';
    size_t end = at + phrase.size();
    bool ends = end == haystack.size() || haystack[end] == ' ';
    if (starts && ends) return true;
  }
  return false;
}

}  // namespace mockroom::llm_rules
