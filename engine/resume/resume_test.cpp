#include <doctest/doctest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "resume/profile.h"
#include "resume/resume_text.h"

using namespace mockroom;
using namespace mockroom::resume;

namespace {

std::string pdf_literal(std::string_view text) {
  std::string out = "(";
  for (char c : text) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out + ")";
}

// A content stream writing one line of Helvetica text per entry, top to bottom.
std::string text_stream(const std::vector<std::string>& lines) {
  std::string s = "BT\n/F1 11 Tf\n14 TL\n72 740 Td\n";
  for (const auto& line : lines) s += pdf_literal(line) + " Tj T*\n";
  return s + "ET";
}

enum class Encryption { kNone, kUnknownUserPassword };

// A complete PDF, one page per content stream: catalog (1), page tree (2), Helvetica (3),
// then a page and its content stream per page, and an xref table with real byte offsets.
// kUnknownUserPassword adds a standard security handler whose /U entry matches no password
// (not even the empty one), which is how a password-protected file looks to a reader.
std::string build_pdf(const std::vector<std::string>& page_streams, Encryption encryption = Encryption::kNone) {
  std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>", "",
                                      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string kids;
  for (const auto& stream : page_streams) {
    const std::size_t page_id = objects.size() + 1;
    kids += std::to_string(page_id) + " 0 R ";
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents " +
                      std::to_string(page_id + 1) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream");
  }
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(page_streams.size()) + " >>";
  std::string trailer_extra;
  if (encryption == Encryption::kUnknownUserPassword) {
    const std::string hex32(64, 'A');
    objects.push_back("<< /Filter /Standard /V 1 /R 2 /O <" + hex32 + "> /U <" + hex32 + "> /P -44 >>");
    trailer_extra = " /Encrypt " + std::to_string(objects.size()) + " 0 R /ID [<" + std::string(32, 'B') +
                    "> <" + std::string(32, 'B') + ">]";
  }
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char entry[21];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", off);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R" + trailer_extra + " >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

const std::vector<std::string> kPdfResume = {
    "Ada Lovelace",
    "EXPERIENCE",
    "Senior Software Engineer, Acme Corp - Jan 2019 - Present",
    "- Cut p99 latency by 40% by rewriting the scheduler in C++ and Python",
    "Data Analyst | Initech | 2015-2018",
    "- Built dashboards on PostgreSQL and AWS for 300 users",
    "EDUCATION",
    "BSc Mathematics, University of London, 2011 - 2015",
};

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool has_word(const std::string& text, std::string_view word) { return text.find(word) != std::string::npos; }

}  // namespace

// --- PDF ----------------------------------------------------------------------------------

TEST_CASE("resume: pdf_to_text recovers the words of a hand-built PDF") {
  auto text = pdf_to_text(build_pdf({text_stream(kPdfResume)}));
  REQUIRE_MESSAGE(text.ok(), text.error().message);
  for (std::string_view word : {"Ada Lovelace", "Senior Software Engineer", "Acme Corp", "Initech",
                                "PostgreSQL", "40%", "University of London"}) {
    CHECK_MESSAGE(has_word(*text, word), word);
  }
}

TEST_CASE("resume: the profile of a PDF resume has its technologies, roles and years") {
  auto text = resume_text(build_pdf({text_stream(kPdfResume)}), "application/pdf");
  REQUIRE(text.ok());
  const Profile p = extract_profile(*text, 2024);
  CHECK(p.technologies == std::vector<std::string>{"C++", "Python", "PostgreSQL", "AWS"});
  REQUIRE(p.roles.size() == 2);
  CHECK(p.roles[0].title == "Senior Software Engineer");
  CHECK(p.roles[0].company == "Acme Corp");
  CHECK(p.roles[0].start_year == 2019);
  CHECK(p.roles[0].end_year == 0);
  CHECK(p.roles[1].title == "Data Analyst");
  CHECK(p.roles[1].company == "Initech");
  CHECK(p.years_experience == 8);  // 2015-2018 and 2019-2024
}

TEST_CASE("resume: text from every page of a multi-page PDF is kept in order") {
  auto text = pdf_to_text(build_pdf({text_stream({"first page words"}), text_stream({"second page words"})}));
  REQUIRE(text.ok());
  CHECK(text->find("first page") < text->find("second page"));
}

TEST_CASE("resume: empty or oversized uploads are rejected before parsing") {
  CHECK_FALSE(pdf_to_text("").ok());
  CHECK_FALSE(resume_text("", "text/plain").ok());
  const std::string huge = "%PDF-1.4\n" + std::string(kMaxResumeBytes, 'a');
  auto pdf = pdf_to_text(huge);
  REQUIRE_FALSE(pdf.ok());
  CHECK(has_word(pdf.error().message, "larger than 5 MB"));
  auto text = resume_text(std::string(kMaxResumeBytes + 1, 'a'), "text/plain");
  REQUIRE_FALSE(text.ok());
  CHECK(text.error().code == ErrorCode::kInvalidArgument);
  CHECK(resume_text(std::string(kMaxResumeBytes, 'a'), "text/plain").ok());
}

TEST_CASE("resume: bytes without a %PDF- header sent as application/pdf are not a PDF") {
  auto r = resume_text("Senior Engineer at Acme, 2019 - 2021", "application/pdf");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kInvalidArgument);
  CHECK(has_word(r.error().message, "not a PDF"));
}

TEST_CASE("resume: a truncated PDF is reported as damaged") {
  const std::string pdf = build_pdf({text_stream(kPdfResume)});
  for (std::size_t keep : {std::size_t{20}, std::size_t{120}, pdf.size() / 3}) {
    auto r = pdf_to_text(std::string_view(pdf).substr(0, keep));
    REQUIRE_FALSE_MESSAGE(r.ok(), keep);
    CHECK(r.error().code == ErrorCode::kInvalidArgument);
    CHECK_MESSAGE(has_word(r.error().message, "damaged"), r.error().message);
  }
}

TEST_CASE("resume: a PDF with no text layer asks for a text-based PDF") {
  auto r = pdf_to_text(build_pdf({"0.2 0.2 0.2 rg 72 72 468 648 re f"}));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "this PDF has no text layer; upload a text-based PDF or paste the text");
}

TEST_CASE("resume: a password-protected PDF is refused with a way forward") {
  auto r = pdf_to_text(build_pdf({text_stream(kPdfResume)}, Encryption::kUnknownUserPassword));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "the PDF is password-protected; remove the password or paste the text");
}

TEST_CASE("resume: a PDF over the page limit is refused") {
  std::vector<std::string> pages(kMaxPdfPages + 1, text_stream({"page"}));
  auto r = pdf_to_text(build_pdf(pages));
  REQUIRE_FALSE(r.ok());
  CHECK(has_word(r.error().message, "at most 20"));
  pages.pop_back();
  CHECK(pdf_to_text(build_pdf(pages)).ok());
}

// --- plain text -----------------------------------------------------------------------------

TEST_CASE("resume: binary garbage sent as text/plain is rejected with a clear message") {
  std::mt19937 rng(42);
  std::string garbage(4096, '\0');
  for (char& c : garbage) c = static_cast<char>(rng() & 0xFF);
  auto r = resume_text(garbage, "text/plain");
  REQUIRE_FALSE(r.ok());
  CHECK(has_word(r.error().message, "not UTF-8 text"));
  auto ascii_binary = resume_text(std::string("ab\0\x01\x02\x03 cd", 9), "text/plain");
  REQUIRE_FALSE(ascii_binary.ok());
  CHECK(has_word(ascii_binary.error().message, "binary"));
}

TEST_CASE("resume: overlong UTF-8 and surrogates are not accepted as text") {
  CHECK_FALSE(resume_text("caf\xC0\xA9", "text/plain").ok());
  CHECK_FALSE(resume_text("x\xED\xA0\x80y", "text/plain").ok());
  CHECK(resume_text("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x9A\x80", "text/plain").ok());
}

TEST_CASE("resume: text is normalised to LF lines without control characters") {
  auto r = resume_text("\xEF\xBB\xBFLine one  \r\nLine\x07 two\rLine\x1b three\f\xC2\x85\xC2\xA0x\n\n", "Text/Plain; charset=utf-8");
  REQUIRE(r.ok());
  CHECK(*r == "Line one\nLine two\nLine three\n x");
}

TEST_CASE("resume: an upload without a content type is sniffed as PDF or text") {
  auto pdf = resume_text(build_pdf({text_stream({"Kubernetes operator"})}), "");
  REQUIRE(pdf.ok());
  CHECK(has_word(*pdf, "Kubernetes operator"));
  auto text = resume_text("Plain resume text", "");
  REQUIRE(text.ok());
  CHECK(*text == "Plain resume text");
  CHECK_FALSE(resume_text("PK\x03\x04", "application/vnd.openxmlformats-officedocument.wordprocessingml.document").ok());
}

TEST_CASE("resume: extracted text is capped at the character limit on a UTF-8 boundary") {
  std::string big;
  while (big.size() < kMaxResumeTextChars + 10) big += "\xC3\xA9t\xC3\xA9 ";
  auto r = resume_text(big, "text/plain");
  REQUIRE(r.ok());
  CHECK(r->size() <= kMaxResumeTextChars);
  CHECK(r->size() > kMaxResumeTextChars - 4);
  CHECK(static_cast<unsigned char>(r->back()) != 0xC3);
}

// --- roles and years ------------------------------------------------------------------------

namespace {

void check_role(const Role& r, std::string_view title, std::string_view company, int start, int end) {
  CHECK(r.title == title);
  CHECK(r.company == company);
  CHECK(r.start_year == start);
  CHECK(r.end_year == end);
}

}  // namespace

TEST_CASE("resume: roles written 'Title, Company — Month Year – Present' are read, newest first") {
  const Profile p = extract_profile(
      "EXPERIENCE\n"
      "Software Engineer, Initech \xE2\x80\x94 Jun 2015 \xE2\x80\x93 Dec 2018\n"
      "\xE2\x80\xA2 Built billing in Java\n"
      "Senior Software Engineer, Acme Corp \xE2\x80\x94 Jan 2019 \xE2\x80\x93 Present\n"
      "EDUCATION\n"
      "BSc Computer Science, State University \xE2\x80\x94 2011 \xE2\x80\x93 2015\n",
      2024);
  REQUIRE(p.roles.size() == 2);
  check_role(p.roles[0], "Senior Software Engineer", "Acme Corp", 2019, 0);
  check_role(p.roles[1], "Software Engineer", "Initech", 2015, 2018);
  CHECK(p.years_experience == 8);  // 43 months + 60 months; the degree is not a job
}

TEST_CASE("resume: roles written 'Company | Title | Years' put the title where it belongs") {
  const Profile p = extract_profile(
      "Acme Corp | Data Analyst | 2017-2019\n"
      "Globex Inc. | Senior Data Analyst | 2019 - Current\n"
      "Initech | Analyst Intern | 2016 to 2017\n",
      2024);
  REQUIRE(p.roles.size() == 3);
  check_role(p.roles[0], "Senior Data Analyst", "Globex Inc.", 2019, 0);
  check_role(p.roles[1], "Data Analyst", "Acme Corp", 2017, 2019);
  check_role(p.roles[2], "Analyst Intern", "Initech", 2016, 2017);
  CHECK(p.years_experience == 8);  // 2016 .. 2024
}

TEST_CASE("resume: roles written 'Title at Company (years)' are read") {
  const Profile p = extract_profile(
      "Product Manager at Foo (2020 - 2023)\n"
      "- Grew weekly active users 3x\n"
      "Associate Product Manager at Bar Labs (2018 - 2020)\n",
      2024);
  REQUIRE(p.roles.size() == 2);
  check_role(p.roles[0], "Product Manager", "Foo", 2020, 2023);
  check_role(p.roles[1], "Associate Product Manager", "Bar Labs", 2018, 2020);
  CHECK(p.years_experience == 5);
}

TEST_CASE("resume: a title on one line with company and dates on the next is one role") {
  const Profile p = extract_profile(
      "Work Experience\n"
      "Principal Engineer\n"
      "Hooli, 01/2019 - now\n"
      "- Led 3 teams\n"
      "Staff Engineer\n"
      "Globex Inc, Mar 2015 - Dec 2018\n"
      "- Shipped the payments platform\n",
      2024);
  REQUIRE(p.roles.size() == 2);
  check_role(p.roles[0], "Principal Engineer", "Hooli", 2019, 0);
  check_role(p.roles[1], "Staff Engineer", "Globex Inc", 2015, 2018);
}

TEST_CASE("resume: a company with dates followed by the title on the next line is one role") {
  const Profile p = extract_profile(
      "Experience\n"
      "Acme Corp, 2019 - Present\n"
      "Senior Engineer\n"
      "Globex Corp, 2015 - 2019\n"
      "Engineer\n",
      2024);
  REQUIRE(p.roles.size() == 2);
  check_role(p.roles[0], "Senior Engineer", "Acme Corp", 2019, 0);
  check_role(p.roles[1], "Engineer", "Globex Corp", 2015, 2019);
}

TEST_CASE("resume: overlapping roles are not counted twice in the years of experience") {
  const Profile p = extract_profile(
      "Engineer, Alpha, 2010 - 2015\n"
      "Consultant, Beta, 2013 - 2018\n"
      "Architect, Gamma, 2020 - Present\n",
      2024);
  CHECK(p.roles.size() == 3);
  CHECK(p.years_experience == 12);  // 2010-2018 and 2020-2024, not 5 + 5 + 4
}

TEST_CASE("resume: 'present', 'now' and a stated number of years are understood") {
  const Profile stated = extract_profile("Over 10+ years of professional experience.\nEngineer, Alpha, 2021 - now\n", 2024);
  CHECK(stated.years_experience == 10);
  CHECK(extract_profile("Seven years experience in retail", 2024).years_experience == 7);
  CHECK(extract_profile("5 years of\nhands-on experience", 2024).years_experience == 5);
  const Profile present = extract_profile("Engineer, Alpha, Sept 2021 - Present\n", 2024);
  REQUIRE(present.roles.size() == 1);
  CHECK(present.roles[0].end_year == 0);
  CHECK(present.years_experience == 2);  // Sep 2021 to the start of 2024
}

TEST_CASE("resume: date ranges in bullets, prose, education or the future make no role") {
  const Profile p = extract_profile(
      "- Migrated 2019 - 2020 data to the new warehouse\n"
      "In 2015 to 2016 I travelled around South America and learned Spanish along the way.\n"
      "Engineer, Alpha, 2030 - 2032\n"
      "Projects\n"
      "Compiler Author, Toy Lang, 2018 - 2019\n"
      "Education\n"
      "MSc Physics, ETH Zurich, 2012 - 2014\n",
      2024);
  CHECK(p.roles.empty());
  CHECK(p.years_experience == 0);
}

TEST_CASE("resume: at most five roles are kept, the most recent ones") {
  std::string text;
  for (int year = 2000; year < 2024; year += 3) {
    text += "Engineer, Company" + std::to_string(year) + ", " + std::to_string(year) + " - " +
            std::to_string(year + 3) + "\n";
  }
  const Profile p = extract_profile(text, 2024);
  REQUIRE(p.roles.size() == kMaxRoles);
  CHECK(p.roles[0].start_year == 2021);
  CHECK(p.roles[4].start_year == 2009);
  CHECK(p.years_experience == 24);
}

// --- technologies, skills, highlights ------------------------------------------------------

TEST_CASE("resume: technologies are found by alias and reported by their canonical names") {
  const Profile p = extract_profile(
      "Stack: golang, C/C++17, cpp, NodeJS, node.js, Node, postgres, k8s, C#, .NET, React Native, "
      "Java and JavaScript, python3, Objective-C, AWS Lambda, GCP",
      2024);
  CHECK(p.technologies == std::vector<std::string>{"Go", "C", "C++", "Node.js", "PostgreSQL", "Kubernetes", "C#",
                                                   ".NET", "React Native", "Java", "JavaScript", "Python",
                                                   "Objective-C", "AWS Lambda", "GCP"});
}

TEST_CASE("resume: words that merely contain a technology's name are not technologies") {
  const Profile p = extract_profile(
      "Drove go-to-market with C-level execs and the R&D group; presented to the C-suite.\n"
      "Go-live in Q3. We go fast. Reacted to incidents as a graph node owner; at the helm of sales.\n"
      "A swift turnaround, rust-belt plants, excel at planning; javascripting; asp.net-free; example.net\n",
      2024);
  for (std::string_view wrong : {"Go", "C", "R", "React", "Node.js", "Helm", "Swift", "Rust", ".NET", "JavaScript"}) {
    CHECK_MESSAGE(!contains(p.technologies, wrong), wrong);
  }
}

TEST_CASE("resume: soft skills are found by their common phrasings") {
  const Profile p = extract_profile(
      "Mentored 4 engineers; led a team of 6; strong stakeholder management and cross-functional work.",
      2024);
  CHECK(p.skills == std::vector<std::string>{"mentoring", "leadership", "stakeholder management",
                                             "cross-functional collaboration"});
}

TEST_CASE("resume: highlights are short achievement lines with numbers") {
  const Profile p = extract_profile(
      "Jane Doe, +1 555 123 4567\n"
      "Senior Engineer, Acme, 2019 - 2024\n"
      "- Cut p99 latency by 40%\n"
      "- Wrote documentation for the team\n"
      "- Saved $1.2M a year in cloud costs\n"
      "- Mentored 4 engineers to promotion\n"
      "- Grew revenue 3x in two years\n"
      "- Scaled the API to 20k requests per second\n"
      "- Reduced build time from 30 to 6 minutes\n",
      2024);
  CHECK(p.highlights == std::vector<std::string>{"Cut p99 latency by 40%", "Saved $1.2M a year in cloud costs",
                                                 "Mentored 4 engineers to promotion", "Grew revenue 3x in two years",
                                                 "Scaled the API to 20k requests per second"});
}

TEST_CASE("resume: to_json uses the API field names and null for a current role") {
  Profile p;
  p.skills = {"mentoring"};
  p.technologies = {"Go"};
  p.years_experience = 6;
  p.roles = {{"Engineer", "Acme", 2019, 0}, {"Analyst", "Initech", 2017, 2019}};
  p.highlights = {"Cut costs by 30%"};
  const auto j = to_json(p);
  CHECK(j["skills"] == nlohmann::json{"mentoring"});
  CHECK(j["technologies"] == nlohmann::json{"Go"});
  CHECK(j["yearsExperience"] == 6);
  CHECK(j["roles"][0] == nlohmann::json{{"title", "Engineer"}, {"company", "Acme"}, {"startYear", 2019}, {"endYear", nullptr}});
  CHECK(j["roles"][1]["endYear"] == 2019);
  CHECK(j["highlights"][0] == "Cut costs by 30%");
  CHECK(to_json(Profile{})["roles"].is_array());
}

TEST_CASE("resume: hostile text (huge lines, long runs of spaces or digits) is handled quickly") {
  std::string text = "5" + std::string(150'000, ' ') + "years experience\n" + std::string(40'000, '9') + "%\n";
  const Profile p = extract_profile(text, 2024);
  CHECK(p.years_experience == 0);
  CHECK(p.highlights.empty());
}
