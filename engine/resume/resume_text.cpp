// resume_text: route an upload by content type, then check and tidy plain text.
#include "resume/resume_text.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "resume/text_cleanup.h"

namespace mockroom::resume {

namespace {

enum class Kind { kPdf, kText, kSniff, kUnsupported };

// "Text/Plain; charset=UTF-8" -> "text/plain"
std::string media_type(std::string_view content_type) {
  std::string t(content_type.substr(0, content_type.find(';')));
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
  const auto first = t.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return t.substr(first, t.find_last_not_of(" \t") - first + 1);
}

Kind kind_of(std::string_view content_type) {
  const std::string type = media_type(content_type);
  if (type.empty() || type == "application/octet-stream") return Kind::kSniff;
  if (type == "application/pdf" || type == "application/x-pdf") return Kind::kPdf;
  if (type.starts_with("text/")) return Kind::kText;
  return Kind::kUnsupported;
}

Result<std::string> plain_text(std::string_view bytes) {
  if (auto bad = detail::find_invalid_utf8(bytes); bad != std::string_view::npos) {
    return invalid("the file is not UTF-8 text (invalid byte at offset " + std::to_string(bad) +
                   "); upload a PDF or save the resume as UTF-8 plain text");
  }
  const std::size_t controls = detail::count_stray_controls(bytes);
  if (bytes.find('\0') != std::string_view::npos || controls > 8 + bytes.size() / 100) {
    return invalid("the file looks like binary data, not text; upload a PDF or paste the text");
  }
  std::string text = detail::truncate_utf8(detail::normalise_text(bytes), kMaxResumeTextChars);
  if (!detail::has_visible_text(text)) return invalid("the resume has no text");
  return text;
}

}  // namespace

Result<std::string> resume_text(std::string_view bytes, std::string_view content_type) {
  if (bytes.empty()) return invalid("the resume is empty");
  if (bytes.size() > kMaxResumeBytes) {
    return invalid("the resume is larger than " + std::to_string(kMaxResumeBytes / (1024 * 1024)) + " MB");
  }
  switch (kind_of(content_type)) {
    case Kind::kPdf: return pdf_to_text(bytes);
    case Kind::kText: return plain_text(bytes);
    case Kind::kSniff: return detail::looks_like_pdf(bytes) ? pdf_to_text(bytes) : plain_text(bytes);
    case Kind::kUnsupported: break;
  }
  return invalid("unsupported content type \"" + std::string(content_type) +
                 "\"; upload a PDF or plain text");
}

}  // namespace mockroom::resume
