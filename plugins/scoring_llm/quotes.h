// Finds a judge's quote in the candidate's answers the way a careful reader would: ignoring
// case, runs of whitespace, typographic quote marks and dashes, and the quote marks,
// ellipses and end punctuation around the quote. A quote must cover whole words, and one of
// fewer than kMinQuoteWords words or kMinQuoteChars characters cites nothing, so a single
// common word cannot pass for evidence.
//
// Contract: a QuoteFinder borrows the answers it was built from; they must outlive it.
// Immutable once built; find() is safe from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mockroom::scoring_llm {

inline constexpr size_t kMinQuoteWords = 3;
inline constexpr size_t kMinQuoteChars = 12;

class QuoteFinder {
 public:
  explicit QuoteFinder(const std::vector<std::string_view>& answers);

  struct Found {
    size_t answer = 0;  // index into the answers
    std::string exact;  // the answer's own text for the quote
  };
  // The first answer holding `quote`, or nothing (also for a quote too short to cite).
  std::optional<Found> find(std::string_view quote) const;

 private:
  // An answer folded for comparison; byte i of `text` comes from bytes [begin[i], end[i]) of
  // the answer.
  struct Folded {
    std::string text;
    std::vector<size_t> begin, end;
  };
  static Folded fold(std::string_view text);

  std::vector<std::string_view> answers_;
  std::vector<Folded> folded_;
};

}  // namespace mockroom::scoring_llm
