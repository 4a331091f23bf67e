// `mockroom validate FILE.lua`: checks an interview script before it is published —
// syntax, the interview{} declaration, the rubric and the bank entries it names, and a
// dry run against sample answers — and reports each problem with its line number.
#pragma once

#include <string>
#include <vector>

#include "tools/workbench.h"

namespace mockroom::tools {

struct Problem {
  std::string file;
  int line = 0;  // 0 when the problem has no line
  std::string message;
};

// Splits "interviews/x.lua:12: message" into its parts (line 0 when there is none).
Problem parse_problem(const std::string& error, const std::string& fallback_file);

// An empty list means the script is ready to publish.
std::vector<Problem> validate_script(Workbench& bench, const std::string& path);
// The same for a script's text, loaded as "@<file>" (problems name `file`).
std::vector<Problem> validate_source(Workbench& bench, const std::string& source, const std::string& file);

// "file:line: message" per problem.
std::string format_problems(const std::vector<Problem>& problems);

}  // namespace mockroom::tools
