#include "verdict.h"

#include <algorithm>
#include <cmath>

namespace mockroom::scoring_llm {
namespace {

using nlohmann::json;

// The string member `key` of `object` into `out`: "" when fine, else the problem.
std::string read_text(const json& object, const char* key, const std::string& where, size_t max_bytes,
                      bool required, std::string& out) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return required ? where + "." + key + " is missing" : "";
  if (!it->is_string()) return where + "." + key + " must be a string";
  const auto& s = it->get_ref<const std::string&>();
  if (s.size() > max_bytes) return where + "." + key + " is longer than " + std::to_string(max_bytes) + " bytes";
  out = s;
  return "";
}

// The list member `key` of claims (or notes), keeping the first `limit`.
std::string read_claims(const json& object, const char* key, const std::string& where, bool with_criterion,
                        size_t limit, std::vector<Claim>& out, int& over_limit) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return "";
  if (!it->is_array()) return where + key + " must be a list";
  for (size_t i = 0; i < it->size(); ++i) {
    const json& item = (*it)[i];
    std::string at = where + key + "[" + std::to_string(i) + "]";
    if (!item.is_object()) return at + " must be an object";
    Claim claim;
    std::string problem = read_text(item, "text", at, kMaxClaimTextBytes, true, claim.text);
    if (problem.empty()) problem = read_text(item, "quote", at, kMaxJudgeQuoteBytes, true, claim.quote);
    if (problem.empty() && with_criterion)
      problem = read_text(item, "criterion", at, kMaxNameBytes, false, claim.criterion);
    if (!problem.empty()) return problem;
    if (claim.text.find_first_not_of(" \t\r\n") == std::string::npos) return at + ".text is empty";
    if (out.size() < limit) out.push_back(std::move(claim));
    else ++over_limit;
  }
  return "";
}

}  // namespace

std::string check_verdict(const json& reply, const std::vector<std::string>& categories, Verdict& out) {
  Verdict v;
  auto list = reply.find("categories");
  if (list == reply.end() || !list->is_array()) return "\"categories\" must be a list";
  if (list->size() > kMaxVerdictCategories)
    return "\"categories\" has " + std::to_string(list->size()) + " entries; the limit is " +
           std::to_string(kMaxVerdictCategories);
  for (size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    std::string at = "categories[" + std::to_string(i) + "]";
    if (!item.is_object()) return at + " must be an object";
    CategoryVerdict c;
    if (std::string problem = read_text(item, "name", at, kMaxNameBytes, true, c.name); !problem.empty())
      return problem;
    bool known = std::find(categories.begin(), categories.end(), c.name) != categories.end();
    bool repeated = std::any_of(v.categories.begin(), v.categories.end(),
                                [&](const CategoryVerdict& seen) { return seen.name == c.name; });
    if (!known || repeated) {
      ++v.categories_ignored;
      continue;
    }
    auto score = item.find("score");
    if (score == item.end() || !score->is_number() || !std::isfinite(score->get<double>()) ||
        score->get<double>() < kMinJudgeScore || score->get<double>() > kMaxJudgeScore)
      return at + ".score must be a number from 0 to 100";
    c.score = score->get<double>();
    if (std::string problem = read_claims(item, "claims", at + ".", true, kMaxClaimsPerCategory, c.claims,
                                          v.claims_over_limit);
        !problem.empty())
      return problem;
    v.categories.push_back(std::move(c));
  }
  if (v.categories.empty()) return "\"categories\" scores none of the rubric's categories";
  for (auto [key, target] : {std::pair{"strengths", &v.strengths}, {"improvements", &v.improvements}}) {
    if (std::string problem = read_claims(reply, key, "", false, kMaxNotesPerList, *target, v.claims_over_limit);
        !problem.empty())
      return problem;
  }
  if (std::string problem = read_text(reply, "summary", "verdict", kMaxSummaryBytes, false, v.summary); !problem.empty())
    return problem;
  out = std::move(v);
  return "";
}

}  // namespace mockroom::scoring_llm
