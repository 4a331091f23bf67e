// Implementation of text_support.h: see the contract there. The word lists below are part
// of every plugin's observable behaviour (they decide cues in reports and follow-ups);
// change them only on purpose, for all plugins at once.
#include "text_support.h"

namespace mockroom::plugin_support {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2099;
constexpr size_t kMinLyAdverbLength = 5;

constexpr std::string_view kMultiplierWords[] = {"twice",  "doubled", "tripled", "quadrupled",
                                                 "halved", "tenfold", "percent", "percentage"};

constexpr std::string_view kNumberWords[] = {
    "two",      "three",   "four",    "five",     "six",      "seven",     "eight",
    "nine",     "ten",     "eleven",  "twelve",   "fifteen",  "twenty",    "thirty",
    "forty",    "fifty",   "hundred", "hundreds", "thousand", "thousands", "million",
    "millions", "billion", "dozen",   "dozens",   "half"};

constexpr std::string_view kUnits[] = {
    "percent",  "seconds", "minutes",  "hours",     "days",    "weeks",   "months",
    "quarters", "years",   "users",    "customers", "clients", "people",  "engineers",
    "members",  "teams",   "dollars",  "times",     "orders",  "tickets", "incidents",
    "releases", "deals",   "patients", "accounts"};

constexpr std::string_view kFirstPersonSubjects[] = {"i", "i've", "i'd", "i'll"};

constexpr std::string_view kAdverbs[] = {"then",        "also",       "first",
                                         "finally",     "just",       "eventually",
                                         "immediately", "personally", "actually"};

}  // namespace

bool is_year(std::string_view w) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (w.size() != 4 || !std::all_of(w.begin(), w.end(), digit)) return false;
  int year = (w[0] - '0') * 1000 + (w[1] - '0') * 100 + (w[2] - '0') * 10 + (w[3] - '0');
  return year >= kMinYear && year <= kMaxYear;
}

bool is_multiplier_word(std::string_view w) { return in_list(kMultiplierWords, w); }

bool is_number_word(std::string_view w) { return in_list(kNumberWords, w); }

bool is_unit_word(std::string_view w) { return in_list(kUnits, w); }

bool is_first_person_subject(std::string_view w) { return in_list(kFirstPersonSubjects, w); }

bool is_adverb_after_subject(std::string_view w) {
  return in_list(kAdverbs, w) || (w.size() >= kMinLyAdverbLength && w.ends_with("ly"));
}

}  // namespace mockroom::plugin_support
