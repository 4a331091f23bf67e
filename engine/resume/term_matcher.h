// Internal: dictionary lookup of technologies and skills in free text.
//
// A match must stand on word boundaries, where letters, digits, '_', '+' and '#' join a
// word, and so do '-', '&' and '.' when a letter or digit follows (or precedes) them. So "C"
// is not found in "C-suite", "C++" or "Objective-C", "R" not in "R&D", "Go" not in
// "go-to-market". Aliases of two or more characters may carry a version suffix ("Python3",
// "C++17"). Where aliases overlap, the longest wins ("React Native" over "React").
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mockroom::resume::detail {

struct Term {
  std::string_view canonical;   // the name reported ("PostgreSQL")
  std::string_view any_case;    // '|'-separated lower-case aliases, matched in any case
  std::string_view exact_case;  // '|'-separated aliases that are also English words ("Go",
                                // "React"): matched only as written or in capitals
};

std::span<const Term> technology_terms();  // dictionaries.cpp
std::span<const Term> skill_terms();       // dictionaries.cpp

// Canonical names of the terms mentioned in text, in order of first mention, no repeats.
std::vector<std::string> find_terms(std::string_view text, std::span<const Term> terms);

}  // namespace mockroom::resume::detail
