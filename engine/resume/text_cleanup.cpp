#include "resume/text_cleanup.h"

#include <cstdint>

namespace mockroom::resume::detail {

namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 when it is malformed.
std::size_t sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t n = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (n == 0 || lead > 0xF4 || i + n > s.size()) return 0;
  std::uint32_t cp = lead & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  const bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
  const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
  return overlong || surrogate || cp > 0x10FFFF ? 0 : n;
}

bool is_stray_control(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F;
}

void trim_trailing_blanks(std::string& out) {
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
}

// Appends the normalised form of the sequence s[i, i+n).
void append_normalised(std::string& out, std::string_view s, std::size_t i, std::size_t n) {
  const std::string_view seq = s.substr(i, n);
  const auto c = static_cast<unsigned char>(seq[0]);
  if (n == 1) {
    if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') return;  // the LF follows
    if (c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      trim_trailing_blanks(out);
      out += '\n';
    } else if (!is_stray_control(c)) {
      out += seq[0];
    }
    return;
  }
  if (seq == "\u2028" || seq == "\u2029") return append_normalised(out, "\n", 0, 1);
  if (seq == "\u00A0") { out += ' '; return; }
  if (n == 2 && c == 0xC2 && static_cast<unsigned char>(seq[1]) < 0xA0) return;  // C1 control
  out += seq;
}

}  // namespace

bool looks_like_pdf(std::string_view bytes) {
  constexpr std::size_t kHeaderWindow = 1024;
  return bytes.substr(0, kHeaderWindow).find("%PDF-") != std::string_view::npos;
}

std::size_t find_invalid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = sequence_length(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

std::size_t count_stray_controls(std::string_view s) {
  std::size_t count = 0;
  for (unsigned char c : s) count += is_stray_control(c) ? 1 : 0;
  return count;
}

std::string normalise_text(std::string_view utf8) {
  if (utf8.starts_with("\xEF\xBB\xBF")) utf8.remove_prefix(3);
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t n = sequence_length(utf8, i);
    if (n == 0) { ++i; continue; }  // callers validate first; never emit malformed bytes
    append_normalised(out, utf8, i, n);
    i += n;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ' || out.back() == '\t')) out.pop_back();
  return out;
}

std::string truncate_utf8(std::string s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  return s;
}

bool has_visible_text(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return true;
  }
  return false;
}

}  // namespace mockroom::resume::detail
