// Text primitives for scoring candidate answers: tokens and sentences with byte spans into
// the original answer (so quotes are exact substrings), a folded form for cue matching,
// and boundary-aware phrase counting. Only ASCII is case-folded; other code points count as
// letters. Pure functions, safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mockroom::scoring_rubric {

// A byte range [begin, end) of some text.
struct Span {
  size_t begin = 0;
  size_t end = 0;
  bool empty() const { return end <= begin; }
  std::string_view of(std::string_view text) const { return text.substr(begin, end - begin); }
};

enum class TokenKind { kWord, kNumber, kPunct };

struct Token {
  TokenKind kind;
  Span span;
  std::string lower;  // ASCII-lower-cased; a typographic apostrophe becomes '\''
};

std::vector<Token> tokenize(std::string_view text);

// Number of word and number tokens.
size_t count_words(const std::vector<Token>& tokens);

// Sentences of `text`, split after . ! ? (followed by a space, a quote or the end) and at
// line breaks, trimmed of surrounding whitespace. Fragments without a letter or digit are
// dropped.
std::vector<Span> split_sentences(std::string_view text);

// Lower-cased ASCII, typographic apostrophes as '\'', whitespace runs as one space, trimmed.
// Punctuation is kept, so a filler like "like," can be told from "like".
std::string fold(std::string_view text);

// Occurrences of `phrase` in `folded`, both folded, where the phrase is not glued to a
// letter or digit on either side.
size_t count_phrase(std::string_view folded, std::string_view phrase);

// `sentence` trimmed to at most `max_bytes`, cut at a word boundary and never inside a
// UTF-8 sequence, so the result is still an exact substring of `text`.
Span clip_to_words(std::string_view text, Span sentence, size_t max_bytes);

// Function words that carry no topic ("the", "about", "would"). Expects a lower-cased word.
bool is_stopword(std::string_view lower_word);

enum class Compounds {
  kWordsOnly,  // hyphenated words give their parts and the joined word ("follow-up")
  kAlsoPairs,  // ... and adjacent words joined too, so "rolled back" can match "rollback"
};

// Porter stems of the non-stopword words of `text`, sorted and unique.
std::vector<std::string> content_stems(std::string_view text,
                                       Compounds compounds = Compounds::kWordsOnly);

}  // namespace mockroom::scoring_rubric
