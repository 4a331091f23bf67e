#include "keyphrases.h"

#include <algorithm>
#include <map>

#include "text.h"
#include "text_support.h"

namespace mockroom::llm_rules {
namespace {

constexpr size_t kMinContentWordBytes = 2;
// A one-word phrase must be this long, unless it is an acronym ("AWS", "SQL").
constexpr size_t kMinSingleWordBytes = 4;
constexpr size_t kMinAcronymLetters = 2;
// A run this long that spans its whole sentence is the sentence, not a phrase.
constexpr size_t kMinWordsForWholeSentence = 3;
constexpr double kRelatedBoost = 2.0;

// One candidate phrase occurrence: tokens [first, last] of one sentence.
struct Run {
  size_t first;
  size_t last;
  size_t sentence;
  bool starts_sentence;
  size_t words() const { return last - first + 1; }
};

bool is_sentence_end(const Token& t) {
  return t.kind == TokenKind::kPunct &&
         (t.lower == "." || t.lower == "!" || t.lower == "?" || t.lower == ";" || t.lower == ":");
}

bool is_content_word(const Token& t) {
  return t.kind == TokenKind::kWord && t.lower.size() >= kMinContentWordBytes &&
         !is_stopword(t.lower) && !is_ly_adverb(t.lower);
}

bool is_verb_like(const Token& t) { return is_ed_form(t.lower) || is_ing_form(t.lower); }

// Turns one maximal run of content words into phrases, a cheap stand-in for noun-phrase
// chunking: split at irregular past verbs ("store broke login") and at a repeated word
// ("Kafka Kafka"), drop leading verb forms ("started writing daily notes" -> "daily notes")
// and trailing participles, and keep the last kMaxPhraseWords words of a longer run
// (English puts the head noun last).
void refine(const Run& raw, const std::vector<Token>& tokens, std::vector<Run>& out) {
  auto splits_before = [&](size_t i) {
    return is_irregular_past(tokens[i].lower) ||
           (i > raw.first && tokens[i].lower == tokens[i - 1].lower);
  };
  size_t i = raw.first;
  while (i <= raw.last) {
    while (i <= raw.last && is_irregular_past(tokens[i].lower)) ++i;
    if (i > raw.last) break;
    size_t first = i++;
    while (i <= raw.last && !splits_before(i)) ++i;
    size_t last = i - 1;
    while (first < last && is_verb_like(tokens[first])) ++first;
    while (first < last && is_ed_form(tokens[last].lower)) --last;
    if (first == last && is_ed_form(tokens[first].lower)) continue;
    if (last - first + 1 > kMaxPhraseWords) first = last + 1 - kMaxPhraseWords;
    bool starts_sentence = raw.starts_sentence && first == raw.first;
    out.push_back(Run{first, last, raw.sentence, starts_sentence});
  }
}

// Splits the tokens into candidate phrases and counts the words of each sentence.
std::vector<Run> candidate_runs(const std::vector<Token>& tokens,
                                std::vector<size_t>& sentence_words) {
  std::vector<Run> raw_runs;
  size_t sentence = 0;
  sentence_words.assign(1, 0);
  bool open = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.spacing_before == Spacing::kLineBreak && sentence_words[sentence] > 0) {
      ++sentence;
      sentence_words.push_back(0);
      open = false;
    }
    if (is_sentence_end(t)) {
      if (sentence_words[sentence] > 0) {
        ++sentence;
        sentence_words.push_back(0);
      }
      open = false;
      continue;
    }
    bool first_of_sentence = t.kind != TokenKind::kPunct && sentence_words[sentence] == 0;
    if (t.kind != TokenKind::kPunct) ++sentence_words[sentence];
    if (!is_content_word(t)) {
      open = false;
      continue;
    }
    if (open && t.spacing_before == Spacing::kSingleSpace) {
      raw_runs.back().last = i;
    } else {
      raw_runs.push_back(Run{i, i, sentence, first_of_sentence});
      open = true;
    }
  }
  std::vector<Run> runs;
  for (const Run& raw : raw_runs) refine(raw, tokens, runs);
  return runs;
}

bool is_acronym(std::string_view raw) {
  return raw.size() >= kMinAcronymLetters &&
         std::all_of(raw.begin(), raw.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool acceptable(const Run& run, const std::vector<Token>& tokens, std::string_view text,
                const std::vector<size_t>& sentence_words) {
  if (run.words() == 1) {
    const Token& t = tokens[run.first];
    std::string_view raw = text.substr(t.begin, t.end - t.begin);
    if (is_acronym(raw)) return true;
    if (t.lower.size() < kMinSingleWordBytes || t.lower.ends_with("ly")) return false;
  }
  bool whole_sentence =
      run.words() >= kMinWordsForWholeSentence && run.words() == sentence_words[run.sentence];
  return !whole_sentence;
}

// A phrase seen only at the start of a sentence ("Migrating the ledger ...") is quoted
// mid-sentence, so its sentence-case capital is lowered ("migrating the ledger"). Words with
// other capitals ("AWS", "iOS", "McKinsey") are left as written.
std::string sentence_case_removed(std::string text) {
  size_t word_end = text.find(' ');
  if (word_end == std::string::npos) word_end = text.size();
  bool capitalised = word_end >= 2 && text[0] >= 'A' && text[0] <= 'Z' &&
                     std::all_of(text.begin() + 1, text.begin() + static_cast<long>(word_end),
                                 [](char c) { return c >= 'a' && c <= 'z'; });
  if (capitalised) text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

std::vector<std::string> related_stems(const std::vector<std::string>& terms) {
  std::vector<std::string> stems;
  for (const std::string& term : terms) {
    std::vector<std::string> s = content_stems(term);
    stems.insert(stems.end(), s.begin(), s.end());
  }
  plugin_support::sort_unique(stems);
  return stems;
}

}  // namespace

std::vector<KeyPhrase> extract_key_phrases(std::string_view text,
                                           const std::vector<std::string>& related_terms,
                                           size_t max_phrases) {
  std::vector<Token> tokens = tokenize(text);
  std::vector<size_t> sentence_words;
  std::vector<Run> runs = candidate_runs(tokens, sentence_words);

  struct WordStat {
    double frequency = 0;
    double degree = 0;
  };
  std::map<std::string, WordStat> stats;
  for (const Run& run : runs) {
    for (size_t i = run.first; i <= run.last; ++i) {
      WordStat& s = stats[tokens[i].lower];
      s.frequency += 1;
      s.degree += static_cast<double>(run.words());
    }
  }

  std::vector<std::string> related = related_stems(related_terms);
  std::vector<KeyPhrase> phrases;
  std::map<std::string, size_t> index_by_key;
  std::vector<bool> needs_recase;  // parallel to `phrases`: only seen at a sentence start
  for (const Run& run : runs) {
    if (!acceptable(run, tokens, text, sentence_words)) continue;
    std::string key;
    for (size_t i = run.first; i <= run.last; ++i) {
      if (!key.empty()) key += ' ';
      key += tokens[i].lower;
    }
    auto seen = index_by_key.find(key);
    if (seen != index_by_key.end()) {  // RAKE scores a phrase once; prefer a mid-sentence quote
      if (needs_recase[seen->second] && !run.starts_sentence) {
        KeyPhrase& earlier = phrases[seen->second];
        earlier.text = std::string(
            text.substr(tokens[run.first].begin, tokens[run.last].end - tokens[run.first].begin));
        needs_recase[seen->second] = false;
      }
      continue;
    }
    KeyPhrase p;
    p.first_offset = tokens[run.first].begin;
    p.text = std::string(text.substr(p.first_offset, tokens[run.last].end - p.first_offset));
    p.key = key;
    for (size_t i = run.first; i <= run.last; ++i) {
      const WordStat& s = stats[tokens[i].lower];
      p.score += s.degree / s.frequency;
      std::string stem = light_stem(tokens[i].lower);
      p.related = p.related || std::any_of(related.begin(), related.end(),
                                           [&](const auto& r) { return stems_match(stem, r); });
    }
    if (p.related) p.score *= kRelatedBoost;
    index_by_key.emplace(key, phrases.size());
    phrases.push_back(std::move(p));
    needs_recase.push_back(run.starts_sentence);
  }
  for (size_t i = 0; i < phrases.size(); ++i)
    if (needs_recase[i]) phrases[i].text = sentence_case_removed(std::move(phrases[i].text));

  std::stable_sort(phrases.begin(), phrases.end(), [](const KeyPhrase& a, const KeyPhrase& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.first_offset < b.first_offset;
  });
  if (phrases.size() > max_phrases) phrases.resize(max_phrases);
  return phrases;
}

}  // namespace mockroom::llm_rules
