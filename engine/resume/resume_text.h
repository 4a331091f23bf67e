// Turning an uploaded resume (PDF or plain text) into clean UTF-8 text.
//
// Both functions are pure: they read only their arguments, so any thread may call them.
// Expected failures (empty, too large, not a PDF, damaged, password-protected, no text
// layer, binary data sent as text) come back as ErrorCode::kInvalidArgument with a message
// a candidate can act on.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "util/result.h"

namespace mockroom::resume {

constexpr std::size_t kMaxResumeBytes = 5 * 1024 * 1024;  // upload cap
constexpr std::size_t kMaxResumeTextChars = 200'000;       // extracted text cap (bytes of UTF-8)
constexpr int kMaxPdfPages = 20;

// Plain text of a PDF file's bytes, pages separated by a blank line. The text is
// normalised like resume_text's and cut (at a character boundary) to kMaxResumeTextChars.
Result<std::string> pdf_to_text(std::string_view bytes);

// Text of an upload. content_type is "application/pdf", "text/plain" (any text/*,
// parameters such as "; charset=utf-8" ignored) or "" / "application/octet-stream" to
// sniff the bytes. Text must be UTF-8; the result has LF line ends, no control characters
// other than tab and newline, and at most kMaxResumeTextChars bytes.
Result<std::string> resume_text(std::string_view bytes, std::string_view content_type);

}  // namespace mockroom::resume
