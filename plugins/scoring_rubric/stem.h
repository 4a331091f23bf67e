// The Porter stemmer (M. F. Porter, "An algorithm for suffix stripping", 1980), so that
// "migrated", "migrating" and "migration" all become "migrat". Pure function, safe from any
// thread.
#pragma once

#include <string>
#include <string_view>

namespace mockroom::scoring_rubric {

// Stems one lower-cased word. Words that are not plain ASCII letters (after dropping a
// possessive "'s") and words of one or two letters are returned unchanged.
std::string porter_stem(std::string_view lower_word);

}  // namespace mockroom::scoring_rubric
