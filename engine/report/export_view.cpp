// The view the report templates render: the report's fields made plain (numbers as text,
// sections flagged present or not), so templates need no logic beyond Mustache sections.
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <string_view>
#include <utility>

#include "report/export.h"

namespace mockroom::report {

using nlohmann::json;

namespace {

// Setup values worth naming on the page, with their labels, in this order.
constexpr std::array<std::pair<const char*, const char*>, 5> kSetupDetails = {{
    {"role", "Role"},
    {"roleLevel", "Level"},
    {"industry", "Industry"},
    {"company", "Company style"},
    {"difficulty", "Difficulty"},
}};
// Setup values that mean "not chosen" and are left off the page.
constexpr std::array<const char*, 2> kUnsetValues = {"none", "mixed"};

std::string text_of(const json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key)) return {};
  const json& v = obj[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number()) return std::to_string(static_cast<int64_t>(std::lround(v.get<double>())));
  return {};
}

// A score as a bar width in percent: a whole number from 0 to 100.
int bar_width(const json& score) {
  if (!score.is_number()) return 0;
  return static_cast<int>(std::clamp(std::lround(score.get<double>()), 0L, 100L));
}

// "strong-hire", "lean-no-hire": the hire signal as a CSS class name.
std::string css_class(const std::string& signal) {
  std::string out;
  for (char c : signal) {
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

json text_items(const json& report, const char* key) {
  json out = json::array();
  for (const auto& item : report.value(key, json::array())) {
    if (item.is_string() && !item.get<std::string>().empty()) out.push_back({{"text", item}});
  }
  return out;
}

json category_view(const json& c) {
  bool assessed = c.value("assessed", true) != false && c.contains("score") && c["score"].is_number();
  std::string score = assessed ? text_of(c, "score") : "";
  json examples = json::array();
  for (const auto& e : c.value("examples", json::array())) {
    if (!e.is_object() || text_of(e, "quote").empty()) continue;
    examples.push_back({{"quote", text_of(e, "quote")}, {"note", text_of(e, "note")},
                        {"questionId", text_of(e, "questionId")}});
  }
  return {{"name", text_of(c, "name")},
          {"assessed", assessed},
          {"score", score},
          {"scoreLabel", assessed ? score + "/100" : "Not assessed"},
          {"scoreWidth", assessed ? bar_width(c["score"]) : 0},
          {"explanation", text_of(c, "explanation")},
          {"hasExamples", !examples.empty()},
          {"examples", std::move(examples)}};
}

json notes_view(const json& report) {
  json out = json::array();
  for (const auto& n : report.value("notes", json::array())) {
    if (!n.is_object() || text_of(n, "text").empty()) continue;
    double at = n.contains("atSeconds") && n["atSeconds"].is_number() ? n["atSeconds"].get<double>() : 0.0;
    out.push_back({{"at", clock_text(at)}, {"text", text_of(n, "text")}});
  }
  return out;
}

json details_view(const json& setup) {
  json out = json::array();
  for (const auto& [key, label] : kSetupDetails) {
    std::string value = text_of(setup, key);
    if (value.empty() || std::find(kUnsetValues.begin(), kUnsetValues.end(), value) != kUnsetValues.end()) continue;
    out.push_back({{"label", label}, {"value", value}});
  }
  return out;
}

}  // namespace

Result<ExportFormat> parse_export_format(std::string_view name) {
  if (name == "markdown" || name == "md") return ExportFormat::kMarkdown;
  if (name == "html") return ExportFormat::kHtml;
  if (name.empty()) return invalid("add ?format=markdown or ?format=html");
  return invalid("unknown export format '" + std::string(name) + "'; use ?format=markdown or ?format=html");
}

std::string utc_date(int64_t unix_ms) {
  std::time_t t = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

std::string clock_text(double seconds) {
  auto total = static_cast<int64_t>(std::max(0.0, std::floor(seconds)));
  int64_t h = total / 3600, m = (total % 3600) / 60, s = total % 60;
  char buf[32];
  if (h > 0) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(h), static_cast<long long>(m),
                  static_cast<long long>(s));
  } else {
    std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(m), static_cast<long long>(s));
  }
  return buf;
}

std::string markdown_escape(const std::string& text) {
  static constexpr std::string_view kMarkup = "\\`*_[]<>|~#";
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += ' ';
      continue;
    }
    if (kMarkup.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// Practice recommendations: the question, when to redo it, why, and related questions.
json practice_view(const json& report) {
  json out = json::array();
  for (const auto& p : report.value("practice", json::array())) {
    if (!p.is_object() || !p.contains("question") || !p["question"].is_string()) continue;
    json related = json::array();
    for (const auto& r : p.value("related", json::array()))
      if (r.is_object() && r.contains("text") && r["text"].is_string()) related.push_back({{"text", r["text"]}});
    int64_t at = p.contains("redoAt") && p["redoAt"].is_number_integer() ? p["redoAt"].get<int64_t>() : 0;
    out.push_back({{"question", p["question"]},
                   {"redoDate", at > 0 ? utc_date(at).substr(0, 10) : ""},
                   {"reason", text_of(p, "reason")},
                   {"hasRelated", !related.empty()},
                   {"related", std::move(related)}});
  }
  return out;
}

json export_view(const json& report, const ExportMeta& meta) {
  json categories = json::array();
  for (const auto& c : report.value("categories", json::array())) {
    if (c.is_object()) categories.push_back(category_view(c));
  }
  json strengths = text_items(report, "strengths");
  json improvements = text_items(report, "improvements");
  json notes = notes_view(report);
  json practice = practice_view(report);
  json details = details_view(meta.setup);
  std::string scorer = text_of(report, "scorer");
  std::string scorer_version = text_of(report, "scorerVersion");
  std::string signal = text_of(report, "hireSignal");
  std::string title = (meta.format_title.empty() ? meta.format_id : meta.format_title) + " report";
  return {{"title", title},
          {"formatTitle", meta.format_title},
          {"sessionId", meta.session_id},
          {"candidateName", meta.candidate_name},
          {"date", utc_date(meta.created_at_ms)},
          {"status", meta.status},
          {"endedEarly", meta.status == "ended"},
          {"hasDetails", !details.empty()},
          {"details", std::move(details)},
          {"overallScore", text_of(report, "overallScore")},
          {"scoreWidth", bar_width(report.value("overallScore", json(nullptr)))},
          {"hireSignal", signal},
          {"hireClass", css_class(signal)},
          {"categories", std::move(categories)},
          {"hasStrengths", !strengths.empty()},
          {"strengths", std::move(strengths)},
          {"hasImprovements", !improvements.empty()},
          {"improvements", std::move(improvements)},
          {"hasNotes", !notes.empty()},
          {"notes", std::move(notes)},
          {"hasPractice", !practice.empty()},
          {"practice", std::move(practice)},
          {"summary", text_of(report, "summary")},
          {"nextStep", text_of(report, "nextStep")},
          {"generatedBy", scorer.empty() ? "" : scorer + (scorer_version.empty() ? "" : " " + scorer_version)}};
}

}  // namespace mockroom::report
