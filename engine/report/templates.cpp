// ReportTemplates: reading the report templates and rendering them with kainjow::mustache
// (Debian's libkainjow-mustache-dev, header-only). Only this file sees the library.
#include <kainjow/mustache.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/export.h"

namespace mockroom::report {

using nlohmann::json;
namespace mustache = kainjow::mustache;

namespace {

// The view as Mustache data: objects and lists as they are, numbers as text, null and ""
// as false, so that {{#field}} leaves out what is empty (kainjow counts "" as true).
mustache::data to_data(const json& v) {
  if (v.is_object()) {
    mustache::data out{mustache::data::type::object};
    for (const auto& [key, value] : v.items()) out.set(key, to_data(value));
    return out;
  }
  if (v.is_array()) {
    mustache::data out{mustache::data::type::list};
    for (const auto& item : v) out.push_back(to_data(item));
    return out;
  }
  if (v.is_string()) {
    if (v.get_ref<const std::string&>().empty()) return mustache::data{false};
    return mustache::data{v.get<std::string>()};
  }
  if (v.is_boolean()) return mustache::data{v.get<bool>()};
  if (v.is_number()) return mustache::data{v.dump()};
  return mustache::data{false};
}

Result<std::string> read_template(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    return unavailable("report export is unavailable: cannot read the template " + path.string() +
                       " (set templatesDir in the config to the folder holding " + kMarkdownTemplate +
                       " and " + kHtmlTemplate + ")");
  }
  std::stringstream ss;
  ss << in.rdbuf();
  mustache::mustache parsed{ss.str()};
  if (!parsed.is_valid()) {
    return unavailable("report export is unavailable: the template " + path.string() +
                       " is not valid Mustache: " + parsed.error_message());
  }
  return ss.str();
}

// kainjow leaves a blank line behind where a section is skipped; Markdown reads any run
// of blank lines as one, so fold them for a tidy file.
std::string fold_blank_lines(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\n' && out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') continue;
    out += c;
  }
  return out;
}

std::string filename(const ExportMeta& meta, const char* extension) {
  // Format ids are [a-z_] and session ids hex, so the name needs no quoting rules.
  std::string date = utc_date(meta.created_at_ms).substr(0, 10);  // YYYY-MM-DD
  return "mockroom-" + meta.format_id + "-" + date + "-" + meta.session_id.substr(0, 8) + extension;
}

}  // namespace

ReportTemplates ReportTemplates::load(const std::string& dir) {
  ReportTemplates t;
  auto markdown = read_template(std::filesystem::path(dir) / kMarkdownTemplate);
  auto html = read_template(std::filesystem::path(dir) / kHtmlTemplate);
  if (!markdown.ok()) t.problem_ = markdown.error().message;
  else if (!html.ok()) t.problem_ = html.error().message;
  else {
    t.markdown_ = std::move(markdown.value());
    t.html_ = std::move(html.value());
  }
  return t;
}

Result<ExportedReport> ReportTemplates::render(ExportFormat format, const json& report,
                                               const ExportMeta& meta) const {
  if (!ready()) return unavailable(problem_);
  bool markdown = format == ExportFormat::kMarkdown;
  // A fresh template per render: kainjow's render is not const, and parsing is cheap.
  mustache::mustache tmpl{markdown ? markdown_ : html_};
  // {{name}} escapes for the target format (the default escape is HTML's); templates
  // never use {{{ }}} or {{& }} for anything that came from the candidate.
  if (markdown) tmpl.set_custom_escape(markdown_escape);
  std::string body = tmpl.render(to_data(export_view(report, meta)));
  if (!tmpl.is_valid()) return internal("rendering the report failed: " + tmpl.error_message());
  if (markdown) return ExportedReport{fold_blank_lines(body), "text/markdown; charset=utf-8", filename(meta, ".md")};
  return ExportedReport{std::move(body), "text/html; charset=utf-8", filename(meta, ".html")};
}

}  // namespace mockroom::report
