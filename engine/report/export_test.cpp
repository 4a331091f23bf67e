// Report export: the view, escaping for each format, and the bundled templates.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "report/export.h"

using namespace mockroom;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kTemplatesDir = std::string(MOCKROOM_SOURCE_DIR) + "/templates";
const std::string kHostileQuote = R"(I said "ship <b>fast</b> & learn" to the team.)";

json sample_report() {
  return {{"overallScore", 72},
          {"hireSignal", "Lean No Hire"},
          {"categories",
           {{{"name", "Communication"}, {"assessed", true}, {"score", 81},
             {"explanation", "Clear answers."},
             {"examples", {{{"quote", kHostileQuote}, {"questionId", "q2"}, {"note", "Direct."}}}}},
            {{"name", "Coding"}, {"assessed", false}, {"score", nullptr},
             {"explanation", "Not assessed in this format."}, {"examples", json::array()}}}},
          {"strengths", {"Numbers in every story."}},
          {"improvements", {"Say what you did, not the team."}},
          {"notes", {{{"atSeconds", 1050}, {"text", "You got stuck on complexity."}}}},
          {"practice", {{{"question", "Tell me about a time you fixed a slow process."}, {"redoAt", 1'700'259'200'000},
                         {"reason", "below the hire bar: redo it in three days"},
                         {"related", {{{"id", "beh-x"}, {"text", "Describe a process you automated."}}}}}}},
          {"summary", "Solid stories."},
          {"nextStep", "Rehearse three STAR stories."},
          {"scorer", "scoring_rubric"},
          {"scorerVersion", "1.0.0"}};
}

report::ExportMeta sample_meta() {
  report::ExportMeta meta;
  meta.session_id = "0123456789abcdef0123456789abcdef";
  meta.format_id = "behavioral";
  meta.format_title = "Behavioral interview";
  meta.status = "completed";
  meta.candidate_name = "Ada <script>alert(1)</script>";
  meta.created_at_ms = 1'700'000'000'000;  // 2023-11-14 22:13 UTC
  meta.setup = {{"roleLevel", "senior"}, {"company", "none"}, {"industry", "tech"}};
  return meta;
}

}  // namespace

TEST_CASE("export formats are markdown and html, and anything else says which exist") {
  CHECK(*report::parse_export_format("markdown") == report::ExportFormat::kMarkdown);
  CHECK(*report::parse_export_format("md") == report::ExportFormat::kMarkdown);
  CHECK(*report::parse_export_format("html") == report::ExportFormat::kHtml);
  auto pdf = report::parse_export_format("pdf");
  REQUIRE_FALSE(pdf.ok());
  CHECK(pdf.error().code == ErrorCode::kInvalidArgument);
  CHECK(pdf.error().message.find("?format=markdown or ?format=html") != std::string::npos);
  CHECK_FALSE(report::parse_export_format("").ok());
}

TEST_CASE("note times read like a clock") {
  CHECK(report::clock_text(0) == "0:00");
  CHECK(report::clock_text(1050.7) == "17:30");
  CHECK(report::clock_text(3725) == "1:02:05");
  CHECK(report::clock_text(-3) == "0:00");
}

TEST_CASE("markdown escaping keeps markup and line breaks out of candidate text") {
  CHECK(report::markdown_escape("a *b* _c_ [d](e) <i>x</i> `y` | #") ==
        R"(a \*b\* \_c\_ \[d\](e) \<i\>x\</i\> \`y\` \| \#)");
  CHECK(report::markdown_escape("line one\r\nline two\n> quote") == "line one line two \\> quote");
  CHECK(report::markdown_escape("plain words, 30% & more.") == "plain words, 30% & more.");
}

TEST_CASE("the export view makes the report plain for templates") {
  json view = report::export_view(sample_report(), sample_meta());
  CHECK(view["title"] == "Behavioral interview report");
  CHECK(view["date"] == "2023-11-14 22:13 UTC");
  CHECK(view["overallScore"] == "72");
  CHECK(view["scoreWidth"] == 72);
  CHECK(view["hireClass"] == "lean-no-hire");
  CHECK(view["details"] == json{{{"label", "Level"}, {"value", "senior"}}, {{"label", "Industry"}, {"value", "tech"}}});
  REQUIRE(view["categories"].size() == 2);
  CHECK(view["categories"][0]["scoreLabel"] == "81/100");
  CHECK(view["categories"][0]["examples"][0]["quote"] == kHostileQuote);
  CHECK(view["categories"][1]["assessed"] == false);
  CHECK(view["categories"][1]["scoreLabel"] == "Not assessed");
  CHECK(view["notes"] == json{{{"at", "17:30"}, {"text", "You got stuck on complexity."}}});
  CHECK(view["generatedBy"] == "scoring_rubric 1.0.0");
  json bare = report::export_view(json::object(), sample_meta());
  CHECK(bare["hasNotes"] == false);
  CHECK(bare["categories"] == json::array());
}

TEST_CASE("the HTML page shows the whole report and escapes the candidate's words") {
  auto templates = report::ReportTemplates::load(kTemplatesDir);
  REQUIRE_MESSAGE(templates.ready(), templates.problem());
  auto page = templates.render(report::ExportFormat::kHtml, sample_report(), sample_meta());
  REQUIRE(page.ok());
  CHECK(page->content_type == "text/html; charset=utf-8");
  CHECK(page->filename == "mockroom-behavioral-2023-11-14-01234567.html");
  const std::string& html = page->body;
  CHECK(html.find("<!doctype html>") == 0);
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("72<small>/100</small>") != std::string::npos);
  CHECK(html.find("Lean No Hire") != std::string::npos);
  CHECK(html.find("I said &quot;ship &lt;b&gt;fast&lt;/b&gt; &amp; learn&quot; to the team.") != std::string::npos);
  CHECK(html.find("<b>fast</b>") == std::string::npos);
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("Ada &lt;script&gt;") != std::string::npos);
  for (const char* text : {"Communication", "81/100", "Clear answers.", "Not assessed", "Numbers in every story.",
                           "Say what you did, not the team.", "At 17:30", "You got stuck on complexity.",
                           "Solid stories.", "Rehearse three STAR stories.", "Redo on 2023-11-17",
                           "Describe a process you automated."}) {
    CAPTURE(text);
    CHECK(html.find(text) != std::string::npos);
  }
  // Self-contained: no stylesheet, script, image or font fetched from anywhere.
  for (const char* external : {"<link", "<script", "src=", "@import", "url("}) {
    CAPTURE(external);
    CHECK(html.find(external) == std::string::npos);
  }
}

TEST_CASE("the Markdown file shows the whole report with markup escaped") {
  auto templates = report::ReportTemplates::load(kTemplatesDir);
  REQUIRE_MESSAGE(templates.ready(), templates.problem());
  auto file = templates.render(report::ExportFormat::kMarkdown, sample_report(), sample_meta());
  REQUIRE(file.ok());
  CHECK(file->content_type == "text/markdown; charset=utf-8");
  CHECK(file->filename == "mockroom-behavioral-2023-11-14-01234567.md");
  const std::string& md = file->body;
  CHECK(md.find("# Behavioral interview report\n") == 0);
  CHECK(md.find("## Overall: 72/100 · Lean No Hire") != std::string::npos);
  CHECK(md.find(R"(> "I said "ship \<b\>fast\</b\> & learn" to the team.")") != std::string::npos);
  CHECK(md.find("&quot;") == std::string::npos);  // no HTML entities in Markdown
  CHECK(md.find("- **At 17:30:** You got stuck on complexity.") != std::string::npos);
  CHECK(md.find("### Coding: Not assessed") != std::string::npos);
  CHECK(md.find("Rehearse three STAR stories.") != std::string::npos);
  CHECK(md.find("- **Tell me about a time you fixed a slow process.** Redo on 2023-11-17") != std::string::npos);
  INFO(md);
  CHECK(md.find("\n\n\n") == std::string::npos);  // sections left out leave no gaps
}

TEST_CASE("missing or broken templates turn export off with a clear reason") {
  fs::path dir = fs::temp_directory_path() / ("mockroom-templates-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto none = report::ReportTemplates::load(dir.string());
  CHECK_FALSE(none.ready());
  CHECK(none.problem().find((dir / "report.md.mustache").string()) != std::string::npos);
  CHECK(none.problem().find("templatesDir") != std::string::npos);
  auto refused = none.render(report::ExportFormat::kHtml, sample_report(), sample_meta());
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == ErrorCode::kUnavailable);

  std::ofstream(dir / "report.md.mustache") << "# {{title}}\n";
  std::ofstream(dir / "report.html.mustache") << "<h1>{{#title}}</h1>\n";  // section never closed
  auto broken = report::ReportTemplates::load(dir.string());
  CHECK_FALSE(broken.ready());
  CHECK(broken.problem().find("is not valid Mustache") != std::string::npos);
  fs::remove_all(dir);
}
