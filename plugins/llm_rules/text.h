// Word-level view of candidate text for the rule-based interviewer.
//
// tokenize() splits UTF-8 text into words, numbers and punctuation. Every token keeps its
// byte span in the original text, so callers can quote exactly what the candidate wrote.
// Only ASCII letters are case-folded; other code points are kept as they are (they still
// count as word characters). Pure functions, safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mockroom::llm_rules {

enum class TokenKind { kWord, kNumber, kPunct };

// What separates a token from the one before it.
enum class Spacing { kNone, kSingleSpace, kOtherSpace, kLineBreak };

struct Token {
  TokenKind kind;
  Spacing spacing_before;
  size_t begin;       // byte offset in the original text
  size_t end;         // one past the last byte
  std::string lower;  // ASCII-lower-cased; a typographic apostrophe becomes '\''
};

std::vector<Token> tokenize(std::string_view text);

// Number of word and number tokens.
size_t count_words(const std::vector<Token>& tokens);

std::string to_lower_ascii(std::string_view text);

// Lower-cased words joined by single spaces; punctuation dropped. For comparing phrases.
std::string normalize_words(std::string_view text);

// True for function words and for generic words that never make a useful key concept
// ("really", "thing", "went"). Expects a lower-cased word.
bool is_stopword(std::string_view lower_word);

// Part-of-speech guesses for phrase boundaries (expect a lower-cased word):
// an adverb in -ly ("mostly"), not one of the few -ly nouns or adjectives ("daily");
bool is_ly_adverb(std::string_view lower_word);
// a common irregular past-tense verb ("broke", "built", "led");
bool is_irregular_past(std::string_view lower_word);
// a regular past tense or participle ("migrated") or a gerund ("building").
bool is_ed_form(std::string_view lower_word);
bool is_ing_form(std::string_view lower_word);

// A light suffix stripper ("migrated", "migration", "migrating" -> "migrat") used to relate
// answer phrases to question concepts. Expects a lower-cased word.
std::string light_stem(std::string_view lower_word);

// True when two stems name the same idea: equal, or one extends the other by at most one
// character beyond a shared prefix of kMinPrefixMatch or more ("priority" ~ "prioritiz").
bool stems_match(std::string_view a, std::string_view b);

// Stems of the non-stopword words of `text`.
std::vector<std::string> content_stems(std::string_view text);

// True when `phrase` (normalized words) occurs in `haystack` (normalized words) on word
// boundaries.
bool contains_words(std::string_view haystack, std::string_view phrase);

}  // namespace mockroom::llm_rules
