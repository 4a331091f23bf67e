// Implementation of decoder.h on pocketsphinx 5prealpha (Debian's libpocketsphinx3).
#include "decoder.h"

#include <pocketsphinx.h>
#include <sphinxbase/ckd_alloc.h>
#include <sphinxbase/ngram_model.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace mockroom::stt_pocketsphinx {
namespace {

constexpr char kDefaultSearch[] = "_default";
constexpr char kBiasedSearch[] = "biased";
constexpr size_t kMaxBiasWords = 300;

// What the decoder puts between words that are not words.
bool is_filler(const char* word) { return !word || word[0] == '<' || word[0] == '[' || word[0] == '+'; }

// A unigram ARPA model giving `words` equal shares, written to a temporary file that is
// removed once read. Null when the file cannot be written.
ngram_model_t* unigram_model(const std::vector<std::string>& words, cmd_ln_t* cmdline, logmath_t* lmath,
                             std::string& error) {
  std::string path = (std::filesystem::temp_directory_path() / "mockroom-stt-bias-XXXXXX").string();
  int fd = mkstemp(path.data());
  if (fd < 0) {
    error = "cannot create a temporary file for the vocabulary model";
    return nullptr;
  }
  FILE* out = fdopen(fd, "w");
  if (!out) {
    close(fd);
    unlink(path.c_str());
    error = "cannot write the vocabulary model";
    return nullptr;
  }
  double share = -std::log10(static_cast<double>(words.size()));
  std::fprintf(out, "\\data\\\nngram 1=%zu\n\n\\1-grams:\n", words.size() + 2);
  std::fprintf(out, "-99 <s>\n%.4f </s>\n", share);
  for (const std::string& w : words) std::fprintf(out, "%.4f %s\n", share, w.c_str());
  std::fprintf(out, "\n\\end\\\n");
  bool written = std::fclose(out) == 0;
  ngram_model_t* model =
      written ? ngram_model_read(cmdline, path.c_str(), NGRAM_ARPA, logmath_retain(lmath)) : nullptr;
  unlink(path.c_str());
  if (!model) error = "pocketsphinx could not read the vocabulary model";
  return model;
}

}  // namespace

std::unique_ptr<Decoder> Decoder::create(const Config& config, std::string& error) {
  std::string lookahead = std::to_string(config.phone_lookahead);
  const char* argv[] = {"-hmm", config.model_dir.c_str(), "-dict", config.dictionary.c_str(),
                        "-lm", config.language_model.c_str(), "-logfn", "/dev/null",
                        "-pl_window", lookahead.c_str()};
  cmd_ln_t* cmdline = cmd_ln_parse_r(nullptr, ps_args(), static_cast<int>(std::size(argv)),
                                     const_cast<char**>(argv), FALSE);
  if (!cmdline) {
    error = "pocketsphinx refused its arguments";
    return nullptr;
  }
  ps_decoder_t* ps = ps_init(cmdline);
  if (!ps) {
    cmd_ln_free_r(cmdline);
    error = "pocketsphinx could not load the model from " + config.model_dir;
    return nullptr;
  }
  return std::unique_ptr<Decoder>(new Decoder(config, cmdline, ps));
}

Decoder::Decoder(const Config& config, cmd_ln_s* cmdline, ps_decoder_s* ps)
    : config_(config), cmdline_(cmdline), ps_(ps) {}

Decoder::~Decoder() {
  ps_free(ps_);
  cmd_ln_free_r(cmdline_);
}

bool Decoder::known(const std::string& word) {
  char* phones = ps_lookup_word(ps_, word.c_str());
  if (!phones) return false;
  ckd_free(phones);
  return true;
}

bool Decoder::use_vocabulary(const std::vector<std::string>& vocabulary, std::string& error) {
  std::vector<std::string> words;
  if (config_.vocabulary_weight > 0) {
    for (const std::string& w : vocabulary) {
      if (words.size() >= kMaxBiasWords) break;
      if (known(w)) words.push_back(w);
    }
  }
  std::string key;
  for (const std::string& w : words) key += w + ' ';
  if (words.empty()) {
    bias_words_.clear();
    return ps_set_search(ps_, kDefaultSearch) == 0 || (error = "pocketsphinx cannot select its model", false);
  }
  if (key == bias_key_) {
    bias_words_ = words;
    return ps_set_search(ps_, kBiasedSearch) == 0 || (error = "pocketsphinx cannot select the biased model", false);
  }
  // The biased search is replaced: step off it first, so nothing points at it when freed.
  ps_set_search(ps_, kDefaultSearch);
  if (!bias_key_.empty()) ps_unset_search(ps_, kBiasedSearch);
  bias_key_.clear();
  ngram_model_t* base_set = ps_get_lm(ps_, kDefaultSearch);
  ngram_model_set_iter_t* it = base_set ? ngram_model_set_iter(base_set) : nullptr;
  const char* name = nullptr;
  ngram_model_t* base = it ? ngram_model_set_iter_model(it, &name) : nullptr;
  if (it) ngram_model_set_iter_free(it);
  if (!base) {
    error = "pocketsphinx has no language model to bias";
    return false;
  }
  ngram_model_t* bias = unigram_model(words, cmdline_, ps_get_logmath(ps_), error);
  if (!bias) return false;
  ngram_model_t* models[2] = {ngram_model_retain(base), bias};
  const char* names[2] = {"base", "vocabulary"};
  float32 weights[2] = {static_cast<float32>(1.0 - config_.vocabulary_weight),
                        static_cast<float32>(config_.vocabulary_weight)};
  ngram_model_t* set = ngram_model_set_init(cmdline_, models, const_cast<char**>(names), weights, 2);
  if (!set) {
    ngram_model_free(models[0]);
    ngram_model_free(bias);
    error = "pocketsphinx could not combine the language models";
    return false;
  }
  int added = ps_set_lm(ps_, kBiasedSearch, set);
  ngram_model_free(set);  // the search holds its own reference
  if (added != 0 || ps_set_search(ps_, kBiasedSearch) != 0) {
    error = "pocketsphinx could not use the biased model";
    return false;
  }
  bias_key_ = key;
  bias_words_ = std::move(words);
  return true;
}

bool Decoder::begin(const std::vector<std::string>& vocabulary, std::string& error) {
  if (in_utterance_) abandon();
  if (!use_vocabulary(vocabulary, error)) return false;
  if (ps_start_utt(ps_) != 0) {
    error = "pocketsphinx could not start an utterance";
    return false;
  }
  in_utterance_ = true;
  return true;
}

bool Decoder::feed(const int16_t* samples, size_t count, Piece piece) {
  if (!in_utterance_) return false;
  return count == 0 || ps_process_raw(ps_, samples, count, FALSE, piece == Piece::kWhole ? TRUE : FALSE) >= 0;
}

std::string Decoder::partial() {
  int32 score = 0;
  const char* hyp = ps_get_hyp(ps_, &score);
  return hyp ? hyp : "";
}

std::optional<Decoder::Final> Decoder::finish() {
  if (!in_utterance_) return std::nullopt;
  in_utterance_ = false;
  if (ps_end_utt(ps_) != 0) return std::nullopt;
  Final out;
  // Words from the segmentation rather than ps_get_hyp, to drop fillers and the "(2)" of
  // alternate pronunciations; each word's posterior (from the lattice) for the confidence.
  ps_get_prob(ps_);  // computes the posteriors ps_seg_prob reports
  logmath_t* lmath = ps_get_logmath(ps_);
  double posterior_sum = 0;
  int words = 0;
  for (ps_seg_t* seg = ps_seg_iter(ps_); seg; seg = ps_seg_next(seg)) {
    const char* word = ps_seg_word(seg);
    if (is_filler(word)) continue;
    std::string w(word);
    if (size_t paren = w.find('('); paren != std::string::npos) w.resize(paren);
    if (!out.text.empty()) out.text += ' ';
    out.text += w;
    int32 ascr = 0, lscr = 0, lback = 0;
    double p = logmath_exp(lmath, ps_seg_prob(seg, &ascr, &lscr, &lback));
    posterior_sum += (p >= 0 && p <= 1) ? p : 0;
    ++words;
  }
  if (words > 0) out.confidence = posterior_sum / words;
  return out;
}

void Decoder::abandon() {
  if (!in_utterance_) return;
  in_utterance_ = false;
  ps_end_utt(ps_);
}

}  // namespace mockroom::stt_pocketsphinx
