// The three supported languages and how each is compiled and run inside a box.
// Paths are the box's view: the source directory is mounted read-only at kBoxSourceDir,
// a compile step writes into kBoxOutputDir, and a compiled program is mounted at
// kBoxProgramPath. Argument vectors are fixed: no shell ever sees candidate text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mockroom::runner_sandbox {

enum class Language { kPython, kCpp, kJavaScript };

// How a box's memory limit is enforced; node needs to know when it is only RLIMIT_AS.
enum class MemoryEnforcement { kCgroup, kRlimit };

inline constexpr char kBoxHome[] = "/box";
inline constexpr char kBoxSourceDir[] = "/box/src";
inline constexpr char kBoxOutputDir[] = "/box/out";
inline constexpr char kBoxProgramPath[] = "/box/a.out";
inline constexpr char kCompiledProgramName[] = "a.out";

std::optional<Language> language_from_name(std::string_view name);
std::string_view language_name(Language language);

// The file name the source is stored under in the source directory.
std::string_view source_file_name(Language language);

bool needs_compile(Language language);

// The compiler command (only for languages that need one).
std::vector<std::string> compile_argv(Language language);

// The command that runs the program. `memory_kb` is the run's memory limit.
std::vector<std::string> run_argv(Language language, MemoryEnforcement memory, long memory_kb);

// Node reserves far more address space than it uses, so RLIMIT_AS cannot bound it.
bool limits_address_space(Language language);

}  // namespace mockroom::runner_sandbox
