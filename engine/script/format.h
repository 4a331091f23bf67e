// Interview formats: reading a script's `interview{...}` declaration and checking it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "script/sandbox.h"
#include "store/store.h"
#include "util/result.h"

namespace mockroom::script {

// One file of the shared prelude every format runs on top of (interviews/lib/*.lua).
struct LibChunk {
  std::string chunk_name;  // "@interviews/lib/interview.lua"
  std::string source;
};
using Libs = std::vector<LibChunk>;

// Runs the prelude and the script's top level in a fresh sandbox (host functions are
// unavailable there) and returns a FormatRecord with the validated metadata as JSON; the
// version hashes the prelude too, so a session pins both. Errors name the script and line
// ("interviews/behavioral.lua:7: ...") or the metadata field at fault.
Result<store::FormatRecord> inspect_format(const std::string& source,
                                           const std::string& chunk_name,
                                           const Libs& libs = {});

// Runs a format's pinned prelude in `sandbox` (before the format itself).
Status run_libs(Sandbox& sandbox, const store::FormatRecord& format);

// Checks a declaration: id ([a-z0-9_-], 1-64), title, kind, rubric, and `options`, where
// each option is {default=..., choices={...}} or {default=n, min=a, max=b}.
Status validate_meta(const nlohmann::json& meta);

// Merges a client's setup into the format's defaults, checking each value against the
// declared choices or range. Unknown keys are refused, naming the key.
Result<nlohmann::json> resolve_setup(const nlohmann::json& meta, const nlohmann::json& request);

}  // namespace mockroom::script
