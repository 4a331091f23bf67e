// pdf_to_text: poppler-cpp does the parsing; this file decides what counts as unusable.
#include <memory>
#include <mutex>
#include <string>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <spdlog/spdlog.h>

#include "resume/resume_text.h"
#include "resume/text_cleanup.h"

namespace mockroom::resume {

namespace {

// Poppler reports damaged input on stderr by default; send it to the debug log instead.
void route_poppler_messages() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function(
        [](const std::string& message, void*) { spdlog::debug("poppler: {}", message); }, nullptr);
  });
}

std::string page_text(const poppler::document& doc, int index) {
  std::unique_ptr<poppler::page> page(doc.create_page(index));
  if (!page) return {};
  poppler::byte_array utf8 = page->text().to_utf8();
  return std::string(utf8.begin(), utf8.end());
}

Result<std::string> document_text(const poppler::document& doc) {
  const int pages = doc.pages();
  if (pages <= 0) return invalid("the PDF is damaged or unreadable: it has no pages");
  if (pages > kMaxPdfPages) {
    return invalid("the PDF has " + std::to_string(pages) + " pages; a resume may have at most " +
                   std::to_string(kMaxPdfPages));
  }
  std::string text;
  for (int i = 0; i < pages && text.size() <= kMaxResumeTextChars; ++i) {
    if (i > 0) text += "\n\n";
    text += page_text(doc, i);
  }
  return text;
}

}  // namespace

Result<std::string> pdf_to_text(std::string_view bytes) {
  if (bytes.empty()) return invalid("the PDF is empty");
  if (bytes.size() > kMaxResumeBytes) {
    return invalid("the PDF is larger than " + std::to_string(kMaxResumeBytes / (1024 * 1024)) + " MB");
  }
  if (!detail::looks_like_pdf(bytes)) return invalid("the file is not a PDF (it has no %PDF- header)");
  route_poppler_messages();
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return invalid("the PDF is damaged or unreadable");
  if (doc->is_locked()) {
    return invalid("the PDF is password-protected; remove the password or paste the text");
  }
  auto raw = document_text(*doc);
  if (!raw.ok()) return raw.error();
  std::string text = detail::truncate_utf8(detail::normalise_text(*raw), kMaxResumeTextChars);
  if (!detail::has_visible_text(text)) {
    return invalid("this PDF has no text layer; upload a text-based PDF or paste the text");
  }
  return text;
}

}  // namespace mockroom::resume
