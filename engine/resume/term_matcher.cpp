#include "resume/term_matcher.h"

#include <algorithm>
#include <cctype>

namespace mockroom::resume::detail {

namespace {

struct Hit {
  std::size_t pos;
  std::size_t len;
  const Term* term;
};

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x80 && (std::isalnum(u) || u == '_');
}

bool is_connector(char c) { return c == '-' || c == '&' || c == '.'; }

bool joined_before(std::string_view text, std::size_t pos) {
  if (pos == 0) return false;
  const char c = text[pos - 1];
  if (is_word_byte(c) || c == '+' || c == '#') return true;
  return is_connector(c) && pos >= 2 && is_word_byte(text[pos - 2]);
}

// End of the match after an optional version suffix ("3" in "python3", "17" in "c++17").
std::size_t skip_version(std::string_view text, std::size_t end, std::size_t alias_len) {
  if (alias_len < 2) return end;
  while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) ||
                               (text[end] == '.' && end + 1 < text.size() &&
                                std::isdigit(static_cast<unsigned char>(text[end + 1])) &&
                                std::isdigit(static_cast<unsigned char>(text[end - 1]))))) {
    ++end;
  }
  return end;
}

bool joined_after(std::string_view text, std::size_t end) {
  if (end >= text.size()) return false;
  const char c = text[end];
  if (is_word_byte(c) || c == '+' || c == '#') return true;
  return is_connector(c) && end + 1 < text.size() && is_word_byte(text[end + 1]);
}

void find_alias(std::string_view haystack, std::string_view alias, const Term& term,
                std::vector<Hit>& hits) {
  for (std::size_t pos = haystack.find(alias); pos != std::string_view::npos;
       pos = haystack.find(alias, pos + 1)) {
    std::size_t end = pos + alias.size();
    if (end < haystack.size() && std::isdigit(static_cast<unsigned char>(haystack[end]))) {
      end = skip_version(haystack, end, alias.size());
    }
    if (!joined_before(haystack, pos) && !joined_after(haystack, end)) {
      hits.push_back({pos, alias.size(), &term});
    }
  }
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string to_upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

template <typename Fn>
void for_each_alias(std::string_view list, Fn fn) {
  while (!list.empty()) {
    const std::size_t bar = list.find('|');
    fn(list.substr(0, bar));
    list = bar == std::string_view::npos ? std::string_view() : list.substr(bar + 1);
  }
}

std::vector<Hit> all_hits(std::string_view text, std::span<const Term> terms) {
  const std::string lower = to_lower_ascii(text);
  std::vector<Hit> hits;
  for (const Term& term : terms) {
    for_each_alias(term.any_case, [&](std::string_view a) { find_alias(lower, a, term, hits); });
    for_each_alias(term.exact_case, [&](std::string_view a) {
      find_alias(text, a, term, hits);
      if (const std::string upper = to_upper_ascii(a); upper != a) find_alias(text, upper, term, hits);
    });
  }
  return hits;
}

// Keeps the longest of overlapping hits, then orders them by position.
std::vector<Hit> longest_non_overlapping(std::vector<Hit> hits, std::size_t text_size) {
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.len != b.len ? a.len > b.len : a.pos < b.pos;
  });
  std::vector<bool> taken(text_size, false);
  std::vector<Hit> kept;
  for (const Hit& h : hits) {
    const auto first = taken.begin() + static_cast<std::ptrdiff_t>(h.pos);
    const auto last = first + static_cast<std::ptrdiff_t>(h.len);
    if (std::find(first, last, true) != last) continue;
    std::fill(first, last, true);
    kept.push_back(h);
  }
  std::sort(kept.begin(), kept.end(), [](const Hit& a, const Hit& b) { return a.pos < b.pos; });
  return kept;
}

}  // namespace

std::vector<std::string> find_terms(std::string_view text, std::span<const Term> terms) {
  std::vector<std::string> names;
  for (const Hit& hit : longest_non_overlapping(all_hits(text, terms), text.size())) {
    const std::string name(hit.term->canonical);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

}  // namespace mockroom::resume::detail
