#include "resume/role_parts.h"

#include <algorithm>
#include <cctype>

namespace mockroom::resume::detail {

namespace {

constexpr std::size_t kMaxDatedLineBytes = 300;  // longer lines are prose, not role headers
constexpr std::size_t kMaxPartWords = 8;
constexpr char kSeparator = '\x1f';  // normalised text holds no control characters

constexpr std::string_view kTitleWords[] = {
    "engineer", "developer", "programmer", "architect", "analyst", "scientist", "manager",
    "director", "lead", "head", "vp", "president", "ceo", "cto", "cfo", "coo", "cio", "founder",
    "cofounder", "intern", "consultant", "designer", "specialist", "coordinator", "administrator",
    "officer", "associate", "assistant", "researcher", "fellow", "technician", "principal",
    "staff", "senior", "junior", "sr", "jr", "editor", "writer", "accountant", "teacher",
    "instructor", "professor", "lecturer", "recruiter", "representative", "executive",
    "strategist", "marketer", "sre", "devops", "tester", "qa", "chief", "advisor", "owner",
    "contractor", "freelance", "freelancer", "trainee", "apprentice", "supervisor", "member",
    "nurse", "physician", "attorney", "counsel", "paralegal", "agent", "operator", "mechanic"};

constexpr std::string_view kCompanyWords[] = {
    "inc", "corp", "corporation", "llc", "ltd", "limited", "gmbh", "co", "company", "labs", "lab",
    "technologies", "technology", "tech", "software", "systems", "group", "solutions", "bank",
    "university", "college", "institute", "ag", "plc", "sa", "studio", "studios", "holdings",
    "ventures", "capital", "agency", "consulting", "networks", "media", "foundation", "io", "ai",
    "com", "hospital", "school", "gov", "ministry", "department"};

constexpr std::string_view kCompanySuffixes[] = {"inc", "inc.", "llc", "ltd", "ltd.", "corp",
                                                 "corp.", "co.", "plc", "gmbh", "ag", "s.a."};

struct Heading {
  std::string_view name;
  bool holds_roles;
};

constexpr Heading kHeadings[] = {
    {"experience", true}, {"work experience", true}, {"professional experience", true},
    {"relevant experience", true}, {"employment", true}, {"employment history", true},
    {"work history", true}, {"career history", true}, {"career", true}, {"summary", true},
    {"professional summary", true}, {"profile", true}, {"about me", true}, {"skills", true},
    {"technical skills", true}, {"core skills", true}, {"education", false},
    {"education and training", false}, {"certifications", false}, {"certificates", false},
    {"courses", false}, {"training", false}, {"publications", false}, {"awards", false},
    {"honors", false}, {"projects", false}, {"personal projects", false},
    {"side projects", false}, {"volunteering", false}, {"volunteer experience", false},
    {"languages", false}, {"interests", false}, {"references", false}};

constexpr std::string_view kDegreePhrases[] = {
    "bachelor", "bachelors", "master of", "master's", "masters", "b.sc", "m.sc", "b.s.", "m.s.", "b.a.", "m.a.",
    "ph.d", "phd", "msc", "bsc", "mba", "b.eng", "m.eng", "beng", "meng", "degree", "diploma",
    "high school", "coursework", "gpa"};

constexpr std::string_view kBulletMarks[] = {"- ", "* ", "+ ", "\u2022", "\u00B7", "\u25AA",
                                             "\u2023", "\u25E6", "\u25CB", "\u25CF", "\u25A0",
                                             "\u25BA", "\u2713", "\u2714", "\u27A2"};

constexpr std::string_view kDashes[] = {"\u2012", "\u2013", "\u2014", "\u2015", "\u2212"};

template <std::size_t N>
bool contains(const std::string_view (&table)[N], std::string_view word) {
  return std::find(std::begin(table), std::end(table), word) != std::end(table);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s, std::string_view chars) {
  const auto first = s.find_first_not_of(chars);
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(chars) - first + 1));
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

// Lower-case runs of ASCII letters and digits.
std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::string word;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

template <std::size_t N>
int count_words_in(std::string_view part, const std::string_view (&table)[N]) {
  const auto ws = words(part);
  return static_cast<int>(std::count_if(ws.begin(), ws.end(), [&](const auto& w) { return contains(table, w); }));
}

std::optional<bool> heading_holds_roles(std::string_view text) {
  std::string name = lower(trim(text, " \t:-"));
  replace_all(name, " & ", " and ");
  for (const Heading& h : kHeadings) {
    if (h.name == name) return h.holds_roles;
  }
  return std::nullopt;
}

bool is_bullet(std::string_view text) {
  return std::any_of(std::begin(kBulletMarks), std::end(kBulletMarks),
                     [&](std::string_view mark) { return text.starts_with(mark); });
}

std::string tidy_line(std::string_view raw) {
  std::string s(raw);
  for (std::string_view dash : kDashes) replace_all(s, dash, " - ");
  return trim(s, " \t");
}

LineKind kind_of(ResumeLine& line) {
  if (line.text.empty()) return LineKind::kBlank;
  if (is_bullet(line.text)) return LineKind::kBullet;
  if (heading_holds_roles(line.text)) return LineKind::kHeading;
  if (line.text.size() <= kMaxDatedLineBytes) line.range = find_date_range(line.text);
  return line.range ? LineKind::kDated : LineKind::kPlain;
}

bool is_company_suffix(const std::string& part) { return contains(kCompanySuffixes, lower(part)); }

std::string mark_separators(std::string_view text) {
  std::string s(text);
  replace_all(s, "  ", std::string(1, kSeparator));
  for (std::string_view sep : {" at ", " @ ", "@", "|", " - ", ", ", ";", "\t", "(", ")", "\u00B7", "\u2022"}) {
    replace_all(s, sep, std::string(1, kSeparator));
  }
  return s;
}

}  // namespace

std::vector<ResumeLine> classify_lines(std::string_view text) {
  std::vector<ResumeLine> lines;
  bool holds_roles = true;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    ResumeLine line;
    line.text = tidy_line(text.substr(0, nl));
    line.kind = kind_of(line);
    if (line.kind == LineKind::kHeading) holds_roles = *heading_holds_roles(line.text);
    line.may_hold_roles = holds_roles;
    lines.push_back(std::move(line));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  }
  return lines;
}

std::string strip_bullet(std::string_view line) {
  std::string s = trim(line, " \t");
  for (std::string_view mark : kBulletMarks) {
    if (s.starts_with(mark)) return trim(std::string_view(s).substr(mark.size()), " \t");
  }
  return s;
}

std::vector<std::string> split_parts(std::string_view text) {
  const std::string marked = mark_separators(text);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= marked.size()) {
    const std::size_t end = std::min(marked.find(kSeparator, start), marked.size());
    std::string part = trim(std::string_view(marked).substr(start, end - start), " ,;:-");
    if (!part.empty() && is_company_suffix(part) && !parts.empty()) {
      parts.back() += ", " + part;
    } else if (!part.empty()) {
      parts.push_back(std::move(part));
    }
    start = end + 1;
  }
  return parts;
}

bool looks_like_prose(const std::string& part) {
  const std::size_t n = words(part).size();
  return n > kMaxPartWords || (part.ends_with('.') && n > 3 && !is_company_suffix(part));
}

int title_bias(std::string_view part) {
  return 2 * count_words_in(part, kTitleWords) - count_words_in(part, kCompanyWords);
}

Role assign_title_and_company(const std::vector<std::string>& parts) {
  Role role;
  if (parts.empty()) return role;
  std::size_t title = 0;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (title_bias(parts[i]) > title_bias(parts[title])) title = i;
  }
  if (parts.size() == 1 && title_bias(parts[0]) < 0) {
    role.company = parts[0];
    return role;
  }
  role.title = parts[title];
  std::optional<std::size_t> company;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i == title) continue;
    if (!company || count_words_in(parts[i], kCompanyWords) > count_words_in(parts[*company], kCompanyWords)) {
      company = i;
    }
  }
  if (company) role.company = parts[*company];
  return role;
}

bool mentions_degree(const Role& role) {
  const std::string text = lower(role.title + " " + role.company);
  const auto ws = words(text);
  return std::any_of(std::begin(kDegreePhrases), std::end(kDegreePhrases), [&](std::string_view p) {
    const bool one_word = std::all_of(p.begin(), p.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
    return one_word ? std::find(ws.begin(), ws.end(), p) != ws.end() : text.find(p) != std::string::npos;
  });
}

}  // namespace mockroom::resume::detail
