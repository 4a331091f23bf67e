// Report export: a session's report as a Markdown file or a printable, self-contained
// HTML page, rendered from the Mustache templates in the templates directory
// (report.md.mustache, report.html.mustache). The engine turns the report into a plain
// view (export_view); the templates only lay it out, so a coach can restyle the page
// without touching C++. Everything from the candidate is escaped for the target format.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "util/result.h"

namespace mockroom::report {

enum class ExportFormat { kMarkdown, kHtml };

inline constexpr const char* kMarkdownTemplate = "report.md.mustache";
inline constexpr const char* kHtmlTemplate = "report.html.mustache";

// "markdown" (or "md") and "html"; anything else is a 400 naming the choices.
Result<ExportFormat> parse_export_format(std::string_view name);

// What the page says about the session besides the report.
struct ExportMeta {
  std::string session_id;
  std::string format_id;
  std::string format_title;
  std::string status;          // completed or ended
  std::string candidate_name;
  int64_t created_at_ms = 0;
  nlohmann::json setup = nlohmann::json::object();  // the session's setup values
};

// The data the templates see: {title, formatTitle, sessionId, candidateName, date, status,
// endedEarly, details[{label, value}], overallScore, hireSignal, hireClass, scoreWidth,
// categories[{name, assessed, score, scoreLabel, scoreWidth, explanation, hasExamples,
// examples[{quote, note, questionId}]}], hasStrengths, strengths[{text}], hasImprovements,
// improvements[{text}], hasNotes, notes[{at, text}], summary, nextStep, generatedBy}.
nlohmann::json export_view(const nlohmann::json& report, const ExportMeta& meta);

// "2024-05-03 14:20 UTC".
std::string utc_date(int64_t unix_ms);

// "At 17:30"-style clock for a number of seconds into the session: m:ss, or h:mm:ss.
std::string clock_text(double seconds);

// Backslash-escapes what Markdown would read as markup (and raw HTML) and folds line
// breaks into spaces, so a quote stays inside its list item or blockquote.
std::string markdown_escape(const std::string& text);

struct ExportedReport {
  std::string body;
  std::string content_type;
  std::string filename;  // for Content-Disposition
};

// The two templates, read once at start-up. Thread-safe after construction.
class ReportTemplates {
 public:
  // Reads and checks both templates in `dir`. A missing or broken template is not fatal:
  // the engine serves everything else, and export answers 503 with problem().
  static ReportTemplates load(const std::string& dir);

  bool ready() const { return problem_.empty(); }
  const std::string& problem() const { return problem_; }

  Result<ExportedReport> render(ExportFormat format, const nlohmann::json& report,
                                const ExportMeta& meta) const;

 private:
  std::string markdown_;
  std::string html_;
  std::string problem_;  // why export is unavailable; empty when ready
};

}  // namespace mockroom::report
