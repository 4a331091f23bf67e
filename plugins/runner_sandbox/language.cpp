#include "language.h"

namespace mockroom::runner_sandbox {
namespace {

constexpr char kPython[] = "/usr/bin/python3";
constexpr char kNode[] = "/usr/bin/node";
constexpr char kGxx[] = "/usr/bin/g++";
constexpr long kKbPerMb = 1024;
constexpr long kNodeMinHeapMb = 16;

std::string source_path(Language language) {
  return std::string(kBoxSourceDir) + "/" + std::string(source_file_name(language));
}

}  // namespace

std::optional<Language> language_from_name(std::string_view name) {
  if (name == "python") return Language::kPython;
  if (name == "cpp") return Language::kCpp;
  if (name == "javascript") return Language::kJavaScript;
  return std::nullopt;
}

std::string_view language_name(Language language) {
  switch (language) {
    case Language::kPython: return "python";
    case Language::kCpp: return "cpp";
    case Language::kJavaScript: return "javascript";
  }
  return "unknown";
}

std::string_view source_file_name(Language language) {
  switch (language) {
    case Language::kPython: return "main.py";
    case Language::kCpp: return "main.cpp";
    case Language::kJavaScript: return "main.js";
  }
  return "main";
}

bool needs_compile(Language language) { return language == Language::kCpp; }

std::vector<std::string> compile_argv(Language language) {
  if (language != Language::kCpp) return {};
  return {kGxx, "-std=c++17", "-O2", "-pipe", "-o",
          std::string(kBoxOutputDir) + "/" + kCompiledProgramName, source_path(language)};
}

std::vector<std::string> run_argv(Language language, MemoryEnforcement memory, long memory_kb) {
  switch (language) {
    case Language::kPython:
      return {kPython, "-I", "-B", source_path(language)};
    case Language::kCpp:
      return {kBoxProgramPath};
    case Language::kJavaScript:
      if (memory == MemoryEnforcement::kCgroup) return {kNode, source_path(language)};
      return {kNode,
              "--max-old-space-size=" + std::to_string(std::max(kNodeMinHeapMb, memory_kb / kKbPerMb)),
              source_path(language)};
  }
  return {};
}

bool limits_address_space(Language language) { return language != Language::kJavaScript; }

}  // namespace mockroom::runner_sandbox
