// Key-phrase extraction with RAKE (Rose et al., "Automatic Keyword Extraction from
// Individual Documents", 2010).
//
// Candidate phrases are the runs of content words between stopwords, numbers, punctuation
// and line breaks, trimmed of leading verb forms and split at past-tense verbs (a cheap
// noun-phrase chunker), at most kMaxPhraseWords words. Each word scores degree/frequency over
// the candidates; a phrase scores the sum of its words. Phrases that share a stem with the
// question's concepts or hints rank higher. Every phrase keeps the bytes the candidate
// wrote, so it can be quoted back. Pure function, safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mockroom::llm_rules {

inline constexpr size_t kMaxPhraseWords = 4;

struct KeyPhrase {
  // As the candidate wrote it, preferring a mid-sentence occurrence; a phrase seen only at
  // a sentence start has its sentence-case capital lowered. Equal to a substring of the
  // text when compared case-insensitively.
  std::string text;
  std::string key;          // lower-cased words joined by single spaces
  double score = 0;         // RAKE score times the relatedness boost
  bool related = false;     // shares a stem with a question concept or hint
  size_t first_offset = 0;  // byte offset of the first occurrence
};

// The best `max_phrases` phrases of `text`, best first (ties: earlier first).
// `related_terms` are the question's concepts and hints.
std::vector<KeyPhrase> extract_key_phrases(std::string_view text,
                                           const std::vector<std::string>& related_terms,
                                           size_t max_phrases);

}  // namespace mockroom::llm_rules
