// Static signals of submitted code, for the coding rubric's code quality criterion:
// naming, function length, nesting, duplication and comments. Line-based and
// language-aware only as far as Python, C++ and JavaScript differ in comments, blocks and
// function headers; it reads code, never runs it. Every finding keeps the byte span of the
// line that shows it, so evidence quotes are exact substrings of the source. Pure
// functions, safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text.h"

namespace mockroom::scoring_rubric {

struct CodeFacts {
  size_t code_lines = 0;     // lines with code (not blank, not only a comment)
  size_t comment_lines = 0;  // lines with a comment
  size_t functions = 0;
  size_t longest_function = 0;  // lines, header to end
  Span longest_function_head;   // the header line of the longest function
  int max_nesting = 0;          // block depth inside functions/top level
  Span deepest_line;
  size_t identifiers = 0;                // distinct names the code defines or uses
  std::vector<std::string> vague_names;  // one letter (beyond loop indices) or placeholder names
  Span vague_name_line;                  // first line that defines one
  size_t duplicated_lines = 0;           // non-trivial lines that occur more than once
  Span duplicated_line;
  Span first_comment;
  Span first_code_line;

  bool empty() const { return code_lines == 0; }
};

CodeFacts review_code(std::string_view source, std::string_view language);

// Each factor in [0, 1]: 1 is clean.
double naming_factor(const CodeFacts& f);
double function_length_factor(const CodeFacts& f);
double nesting_factor(const CodeFacts& f);
double duplication_factor(const CodeFacts& f);
double comment_factor(const CodeFacts& f);
// The mean of the five factors; 0 for empty code.
double code_quality(const CodeFacts& f);

}  // namespace mockroom::scoring_rubric
