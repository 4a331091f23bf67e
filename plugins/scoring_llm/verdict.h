// The judge's verdict as the model returns it, checked for shape before anything in it is
// believed:
//   {"categories": [{"name", "score", "claims": [{"text", "quote", "criterion"}]}],
//    "strengths": [{"text", "quote"}], "improvements": [{"text", "quote"}], "summary"}
// check_verdict refuses (so the judge is asked once more) a reply whose categories are not a
// list of objects with a string name, whose score for a rubric category is not a number from
// 0 to 100, whose strings are past their bounds, or that scores no rubric category at all.
// Entries naming no category the rubric assesses are skipped and counted; claims and notes
// past their count limits are left out and counted. Whether a quote is really the
// candidate's is decided later (quotes.h). Pure functions, safe from any thread.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mockroom::scoring_llm {

inline constexpr size_t kMaxVerdictCategories = 16;
inline constexpr size_t kMaxClaimsPerCategory = 3;
inline constexpr size_t kMaxNotesPerList = 3;  // strengths, improvements
inline constexpr size_t kMaxClaimTextBytes = 600;
inline constexpr size_t kMaxJudgeQuoteBytes = 600;
inline constexpr size_t kMaxNameBytes = 80;  // category names and criteria
inline constexpr size_t kMaxSummaryBytes = 2000;
inline constexpr double kMinJudgeScore = 0;
inline constexpr double kMaxJudgeScore = 100;

// A statement about the candidate with the words of theirs it rests on.
struct Claim {
  std::string text;
  std::string quote;
  std::string criterion;  // empty for strengths and improvements
};

struct CategoryVerdict {
  std::string name;  // one of the rubric's assessed categories
  double score = 0;  // 0..100
  std::vector<Claim> claims;
};

struct Verdict {
  std::vector<CategoryVerdict> categories;  // one per named category, in the judge's order
  std::vector<Claim> strengths;
  std::vector<Claim> improvements;
  std::string summary;
  int categories_ignored = 0;  // entries naming no assessed category, or repeating one
  int claims_over_limit = 0;   // claims and notes past their count limits
};

// "" and `out` filled when `reply` has the verdict's shape; else the problem. `categories`
// are the names the rubric assesses.
std::string check_verdict(const nlohmann::json& reply, const std::vector<std::string>& categories, Verdict& out);

}  // namespace mockroom::scoring_llm
