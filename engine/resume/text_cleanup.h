// Internal: PDF sniffing, UTF-8 checks and the normalisation shared by the PDF and
// plain-text paths.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mockroom::resume::detail {

// True when "%PDF-" appears in the first 1024 bytes (readers tolerate junk before it).
bool looks_like_pdf(std::string_view bytes);

// Offset of the first byte that is not part of well-formed UTF-8 (overlong forms,
// surrogates and code points past U+10FFFF are malformed), or npos.
std::size_t find_invalid_utf8(std::string_view s);

// Number of control bytes that normalisation would drop (NUL, BEL, ESC, DEL, ...).
std::size_t count_stray_controls(std::string_view s);

// Valid UTF-8 in, tidy text out: a leading BOM removed; CRLF, CR, form feed, vertical tab,
// U+2028 and U+2029 become LF; NBSP becomes a space; other C0/C1 controls and DEL are
// dropped; trailing blanks on each line and at the end are trimmed.
std::string normalise_text(std::string_view utf8);

// s cut to at most max_bytes without splitting a UTF-8 sequence.
std::string truncate_utf8(std::string s, std::size_t max_bytes);

// True when s holds at least one ASCII letter or digit or any non-ASCII character.
bool has_visible_text(std::string_view s);

}  // namespace mockroom::resume::detail
