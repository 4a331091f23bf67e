// The authoring commands: `mockroom validate` and `mockroom rehearse`.
#pragma once

#include <iosfwd>
#include <string>

#include "config/config.h"

namespace mockroom::tools {

struct CliOptions {
  std::string script_path;
  std::string answers_path;     // rehearse only
  std::string setup_json;       // rehearse: setup options as JSON text, "" = defaults
  double minutes_per_answer = 2.0;
  bool json_output = false;     // rehearse: print the result as JSON
};

// Exit codes: 0 ok, 1 problems found / rehearsal failed, 2 bad usage or input.
int run_validate(const config::Config& cfg, const CliOptions& options, std::ostream& out,
                 std::ostream& err);
int run_rehearse(const config::Config& cfg, const CliOptions& options, std::ostream& out,
                 std::ostream& err);

}  // namespace mockroom::tools
