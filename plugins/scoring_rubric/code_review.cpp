#include "code_review.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "text_support.h"

namespace mockroom::scoring_rubric {
namespace {

// Function length: up to kShortFunction lines is fine; kLongFunction lines or more earn
// kLongFunctionFactor.
constexpr double kShortFunction = 30;
constexpr double kLongFunction = 80;
constexpr double kLongFunctionFactor = 0.3;
// Nesting: up to kComfortableNesting blocks deep is fine; each level beyond costs
// kNestingStep, down to kDeepNestingFactor.
constexpr int kComfortableNesting = 3;
constexpr double kNestingStep = 0.3;
constexpr double kDeepNestingFactor = 0.2;
// Naming: this share of vague names earns 0.
constexpr double kVagueShareForZero = 0.4;
// Duplication: this share of duplicated lines earns 0; lines shorter than kMinDuplicateChars
// ("return 0;", "}") repeat in any program.
constexpr double kDuplicateShareForZero = 0.25;
constexpr size_t kMinDuplicateChars = 16;
// Comments: programs this short need none; longer ones earn kUncommentedFactor without any,
// and kOvercommentedFactor when comments outnumber code.
constexpr size_t kNeedsCommentsFrom = 15;
constexpr double kUncommentedFactor = 0.5;
constexpr double kOvercommentedFactor = 0.7;

constexpr std::string_view kKeywords[] = {
    "and", "as", "assert", "auto", "bool", "break", "case", "catch", "char", "class", "const",
    "constexpr", "continue", "def", "default", "del", "delete", "do", "double", "elif", "else",
    "enum", "except", "false", "False", "finally", "float", "for", "from", "function", "if",
    "import", "in", "include", "int", "is", "lambda", "let", "long", "new", "None", "not",
    "null", "nullptr", "or", "pass", "private", "public", "raise", "return", "self", "short",
    "signed", "size_t", "sizeof", "static", "std", "string", "struct", "switch", "this",
    "throw", "true", "True", "try", "typedef", "typename", "undefined", "unsigned", "using",
    "var", "vector", "void", "while", "with", "yield", "print", "range", "len", "main", "cin",
    "cout", "endl", "console", "log", "input", "map", "set", "list", "dict", "str", "min",
    "max", "sum", "sorted", "append", "push_back", "size", "length", "split", "strip", "join",
    "namespace", "template", "const_cast", "readline", "require", "process", "stdin", "sys",
    "of", "int64_t", "uint64_t", "unordered_map", "unordered_set", "pair", "first",
    "second", "begin", "end", "push", "pop", "get", "items", "keys", "values", "abs", "enumerate",
    "zip", "reversed", "deque", "heapq", "collections", "math", "Math", "JSON", "Array", "Object",
    "Number", "String", "Map", "Set", "parseInt", "toString", "forEach", "reduce", "filter"};
// Loop indices, coordinates and sizes: one letter is the convention there.
constexpr std::string_view kConventionalShort[] = {"i", "j", "k", "n", "m", "x", "y", "_", "a", "b", "c"};
constexpr std::string_view kPlaceholderNames[] = {"foo", "bar", "baz", "tmp", "temp", "thing", "stuff",
                                                   "data1", "var1", "asdf", "qwerty", "xx", "yy", "aa"};

struct Line {
  Span span;          // the whole line, without its newline
  std::string_view text;
  std::string_view code;  // before any line comment, trimmed
  bool has_comment = false;
  size_t indent = 0;      // leading spaces (a tab counts as 4)
};

bool is_python(std::string_view language) { return language == "python"; }

std::string_view trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::vector<Line> split_lines(std::string_view source, bool python) {
  std::vector<Line> lines;
  bool in_block_comment = false;
  size_t at = 0;
  while (at <= source.size()) {
    size_t end = std::min(source.find('\n', at), source.size());
    Line l;
    l.span = {at, end};
    l.text = source.substr(at, end - at);
    for (char c : l.text) {
      if (c == ' ') ++l.indent;
      else if (c == '\t') l.indent += 4;
      else break;
    }
    std::string_view body = l.text;
    if (in_block_comment) {
      l.has_comment = true;
      size_t close = body.find("*/");
      if (close == std::string_view::npos) body = {};
      else {
        body = body.substr(close + 2);
        in_block_comment = false;
      }
    }
    size_t marker = python ? body.find('#') : body.find("//");
    if (!python) {
      size_t open = body.find("/*");
      if (open != std::string_view::npos && (marker == std::string_view::npos || open < marker)) {
        l.has_comment = true;
        size_t close = body.find("*/", open + 2);
        if (close == std::string_view::npos) in_block_comment = true;
        body = body.substr(0, open);
        marker = std::string_view::npos;
      }
    }
    if (marker != std::string_view::npos) {
      l.has_comment = true;
      body = body.substr(0, marker);
    }
    l.code = trim(body);
    lines.push_back(l);
    if (end == source.size()) break;
    at = end + 1;
  }
  return lines;
}

bool starts_block_keyword(std::string_view code) {
  for (std::string_view k : {"if", "for", "while", "switch", "catch", "else", "do", "try"}) {
    if (code.starts_with(k) && (code.size() == k.size() || !std::isalnum(static_cast<unsigned char>(code[k.size()])))) return true;
  }
  return false;
}

bool is_function_header(std::string_view code, bool python) {
  if (python) return code.starts_with("def ") || code.starts_with("async def ");
  if (code.starts_with("function ") || code.find("=>") != std::string_view::npos) return code.find('(') != std::string_view::npos;
  return code.find('(') != std::string_view::npos && code.find(')') != std::string_view::npos &&
         !starts_block_keyword(code) && code.find(';') == std::string_view::npos &&
         code.find('=') == std::string_view::npos;
}

void measure_blocks(const std::vector<Line>& lines, bool python, CodeFacts& f) {
  if (python) {
    // Indentation unit: the smallest indent in use.
    size_t unit = 0;
    for (const Line& l : lines)
      if (!l.code.empty() && l.indent > 0) unit = unit == 0 ? l.indent : std::min(unit, l.indent);
    if (unit == 0) unit = 4;
    for (size_t i = 0; i < lines.size(); ++i) {
      const Line& l = lines[i];
      if (l.code.empty()) continue;
      int depth = static_cast<int>(l.indent / unit);
      if (depth > f.max_nesting) {
        f.max_nesting = depth;
        f.deepest_line = l.span;
      }
      if (!is_function_header(l.code, true)) continue;
      ++f.functions;
      size_t length = 1;
      for (size_t k = i + 1; k < lines.size(); ++k) {
        if (!lines[k].code.empty() && lines[k].indent <= l.indent) break;
        ++length;
      }
      if (length > f.longest_function) {
        f.longest_function = length;
        f.longest_function_head = l.span;
      }
    }
    // A function body is one level in by construction; count nesting inside it.
    if (f.functions > 0 && f.max_nesting > 0) --f.max_nesting;
    return;
  }
  int depth = 0;
  struct Open {
    int depth;
    size_t line;
    bool function;
  };
  std::vector<Open> open;
  int function_depth = -1;
  for (size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (l.code.empty()) continue;
    int inner = depth - (function_depth >= 0 ? function_depth + 1 : 0);
    if (inner > f.max_nesting) {
      f.max_nesting = inner;
      f.deepest_line = l.span;
    }
    for (char c : l.code) {
      if (c == '{') {
        bool function = function_depth < 0 && is_function_header(l.code, false);
        if (function) {
          function_depth = depth;
          ++f.functions;
        }
        open.push_back({depth, i, function});
        ++depth;
      } else if (c == '}' && !open.empty()) {
        Open o = open.back();
        open.pop_back();
        depth = o.depth;
        if (o.function) {
          size_t length = i - o.line + 1;
          if (length > f.longest_function) {
            f.longest_function = length;
            f.longest_function_head = lines[o.line].span;
          }
          function_depth = -1;
        }
      }
    }
  }
}

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

void measure_names(const std::vector<Line>& lines, CodeFacts& f) {
  std::set<std::string> names, vague;
  for (const Line& l : lines) {
    std::string_view code = l.code;
    bool in_string = false;
    char quote = 0;
    for (size_t i = 0; i < code.size();) {
      char c = code[i];
      if (in_string) {
        if (c == '\\') i += 2;
        else {
          if (c == quote) in_string = false;
          ++i;
        }
        continue;
      }
      if (c == '"' || c == '\'' || c == '`') {
        in_string = true;
        quote = c;
        ++i;
        continue;
      }
      if (!ident_start(c) || (i > 0 && ident_char(code[i - 1]))) {
        ++i;
        continue;
      }
      size_t e = i;
      while (e < code.size() && ident_char(code[e])) ++e;
      std::string name(code.substr(i, e - i));
      i = e;
      if (plugin_support::in_list(kKeywords, name)) continue;
      names.insert(name);
      bool is_vague = (name.size() == 1 && !plugin_support::in_list(kConventionalShort, name)) || plugin_support::in_list(kPlaceholderNames, name);
      if (is_vague && vague.insert(name).second && f.vague_name_line.empty()) f.vague_name_line = l.span;
    }
  }
  f.identifiers = names.size();
  f.vague_names.assign(vague.begin(), vague.end());
}

void measure_duplication(const std::vector<Line>& lines, CodeFacts& f) {
  std::map<std::string_view, size_t> seen;
  for (const Line& l : lines)
    if (l.code.size() >= kMinDuplicateChars) ++seen[l.code];
  for (const Line& l : lines) {
    if (l.code.size() < kMinDuplicateChars || seen[l.code] < 2) continue;
    ++f.duplicated_lines;
    if (f.duplicated_line.empty()) f.duplicated_line = l.span;
  }
}

}  // namespace

CodeFacts review_code(std::string_view source, std::string_view language) {
  CodeFacts f;
  bool python = is_python(language);
  std::vector<Line> lines = split_lines(source, python);
  for (const Line& l : lines) {
    if (!l.code.empty() && ++f.code_lines == 1) f.first_code_line = l.span;
    if (l.has_comment) {
      ++f.comment_lines;
      if (f.first_comment.empty()) f.first_comment = l.span;
    }
  }
  if (f.code_lines == 0) return f;
  measure_blocks(lines, python, f);
  measure_names(lines, f);
  measure_duplication(lines, f);
  return f;
}

double naming_factor(const CodeFacts& f) {
  if (f.identifiers == 0) return 1.0;
  double share = static_cast<double>(f.vague_names.size()) / static_cast<double>(f.identifiers);
  return 1.0 - std::min(1.0, share / kVagueShareForZero);
}

double function_length_factor(const CodeFacts& f) {
  double n = static_cast<double>(f.longest_function);
  if (n <= kShortFunction) return 1.0;
  if (n >= kLongFunction) return kLongFunctionFactor;
  return 1.0 - (1.0 - kLongFunctionFactor) * (n - kShortFunction) / (kLongFunction - kShortFunction);
}

double nesting_factor(const CodeFacts& f) {
  if (f.max_nesting <= kComfortableNesting) return 1.0;
  return std::max(kDeepNestingFactor, 1.0 - kNestingStep * (f.max_nesting - kComfortableNesting));
}

double duplication_factor(const CodeFacts& f) {
  if (f.code_lines == 0) return 1.0;
  double share = static_cast<double>(f.duplicated_lines) / static_cast<double>(f.code_lines);
  return 1.0 - std::min(1.0, share / kDuplicateShareForZero);
}

double comment_factor(const CodeFacts& f) {
  if (f.code_lines < kNeedsCommentsFrom) return 1.0;
  if (f.comment_lines == 0) return kUncommentedFactor;
  if (f.comment_lines > f.code_lines) return kOvercommentedFactor;
  return 1.0;
}

double code_quality(const CodeFacts& f) {
  if (f.empty()) return 0;
  return (naming_factor(f) + function_length_factor(f) + nesting_factor(f) + duplication_factor(f) +
          comment_factor(f)) / 5.0;
}

}  // namespace mockroom::scoring_rubric
