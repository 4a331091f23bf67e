#include "speech/sentences.h"

namespace mockroom::speech {

namespace {

std::string trimmed(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

std::vector<std::string> speech_pieces(std::string_view text, std::size_t min_chars) {
  std::vector<std::string> out;
  std::string piece;
  auto flush = [&](bool force) {
    std::string t = trimmed(piece);
    if (t.empty()) {
      piece.clear();
      return;
    }
    if (!force && t.size() < min_chars) return;  // joined with what follows
    out.push_back(std::move(t));
    piece.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    piece.push_back(c);
    bool end = c == '\n' || ((c == '.' || c == '?' || c == '!' || c == ':' || c == ';') &&
                             (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n'));
    if (end) flush(false);
  }
  flush(true);
  return out;
}

}  // namespace mockroom::speech
