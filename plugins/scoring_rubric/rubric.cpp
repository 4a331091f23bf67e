#include "rubric.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "text.h"

namespace mockroom::scoring_rubric {
namespace {

constexpr size_t kMaxIdBytes = 128;
constexpr size_t kMaxTitleBytes = 256;
constexpr size_t kMaxRubricCategories = 16;
constexpr int kMaxAnswerWords = 10000;
// Signal weights are decimals written by people; allow for rounding like 0.33 + 0.33 + 0.34.
constexpr double kSignalSumTolerance = 0.011;

constexpr std::string_view kDefaultFillers[] = {"um",       "uh",        "erm",      "like,",
                                                "you know", "basically", "kind of",  "sort of",
                                                "i mean",   "literally", "actually", "so yeah"};

constexpr std::string_view kDefaultStrong = "Consistently strong evidence across the answers.";
constexpr std::string_view kDefaultMeets = "Meets the bar, with room to sharpen.";
constexpr std::string_view kDefaultBelow = "Below the bar for this interview.";

void read_levels(Fields levels, CategoryRubric& c) {
  levels.reject_unknown({"strong", "meets", "below"});
  c.strong = levels.text("strong", Presence::kOptional, kMaxLevelTextBytes);
  c.meets = levels.text("meets", Presence::kOptional, kMaxLevelTextBytes);
  c.below = levels.text("below", Presence::kOptional, kMaxLevelTextBytes);
  if (c.strong.empty()) c.strong = kDefaultStrong;
  if (c.meets.empty()) c.meets = kDefaultMeets;
  if (c.below.empty()) c.below = kDefaultBelow;
}

std::string signal_list() {
  std::string out;
  for (std::string_view name : kSignalNames) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

void read_signals(Fields fields, CategoryRubric& category, InputError& error) {
  std::vector<std::string> keys = fields.keys();
  if (keys.empty()) {
    error.set(fields.path() + " must name at least one signal (" + signal_list() + ")");
    return;
  }
  double sum = 0;
  for (const std::string& key : keys) {
    auto it = std::find(kSignalNames.begin(), kSignalNames.end(), key);
    if (it == kSignalNames.end()) {
      error.set(fields.path() + " has unknown signal \"" + key +
                "\" (known: " + signal_list() + ")");
      return;
    }
    double w = fields.number(key, Presence::kRequired, 0.0, 1.0, 0.0);
    category.signals[static_cast<size_t>(it - kSignalNames.begin())] = w;
    sum += w;
  }
  if (!error.failed() && std::fabs(sum - 1.0) > kSignalSumTolerance) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3g", sum);
    error.set(fields.path() + ": signal weights sum to " + buffer + "; they must sum to 1");
    return;
  }
  for (double& w : category.signals) w /= sum;  // exact 1 from here on
}

void read_categories(Fields& root, Rubric& rubric, InputError& error) {
  std::vector<Fields> items = root.objects("categories", Presence::kRequired, kMaxRubricCategories);
  std::array<bool, kCategoryCount> seen{};
  int total_weight = 0;
  for (Fields& item : items) {
    item.reject_unknown({"name", "assessed", "weight", "signals", "levels", "description"});
    std::string name = item.text("name", Presence::kRequired, kMaxTitleBytes);
    if (error.failed()) return;
    auto it = std::find(kCategoryNames.begin(), kCategoryNames.end(), name);
    if (it == kCategoryNames.end()) {
      error.set(item.path() + ".name \"" + name +
                "\" is not a report category (Communication, Problem Solving, Algorithm "
                "Reasoning, Coding)");
      return;
    }
    size_t index = static_cast<size_t>(it - kCategoryNames.begin());
    if (seen[index]) {
      error.set(item.path() + ": category \"" + name + "\" appears twice");
      return;
    }
    seen[index] = true;
    CategoryRubric& c = rubric.categories[index];
    c.description = item.text("description", Presence::kOptional, kMaxLevelTextBytes);
    c.assessed = item.boolean("assessed", Presence::kRequired, false);
    c.weight = static_cast<int>(item.integer("weight",
                                             c.assessed ? Presence::kRequired : Presence::kOptional,
                                             0, kTotalCategoryWeight, 0));
    read_levels(item.object("levels", Presence::kOptional), c);
    if (error.failed()) return;
    if (!c.assessed) {
      if (c.weight != 0) error.set(item.path() + ".weight must be 0 for a category not assessed");
      continue;
    }
    if (c.weight == 0) {
      error.set(item.path() + ".weight must be above 0 for an assessed category");
      return;
    }
    read_signals(item.object("signals", Presence::kRequired), c, error);
    total_weight += c.weight;
  }
  if (error.failed()) return;
  for (size_t i = 0; i < kCategoryCount; ++i) {
    if (!seen[i]) {
      error.set(root.path() + ".categories is missing \"" + std::string(kCategoryNames[i]) + "\"");
      return;
    }
  }
  if (total_weight != kTotalCategoryWeight) {
    error.set(root.path() + ".categories: weights of assessed categories sum to " +
              std::to_string(total_weight) + "; they must sum to 100");
  }
}

void read_thresholds(Fields fields, HireThresholds& t, InputError& error) {
  fields.reject_unknown({"strongHire", "hire", "leanNoHire"});
  t.strong_hire = static_cast<int>(fields.integer("strongHire", Presence::kRequired, 1, 100, 0));
  t.hire = static_cast<int>(fields.integer("hire", Presence::kRequired, 1, 100, 0));
  t.lean_no_hire = static_cast<int>(fields.integer("leanNoHire", Presence::kRequired, 1, 100, 0));
  if (!error.failed() && !(t.strong_hire > t.hire && t.hire > t.lean_no_hire))
    error.set(fields.path() + " must satisfy strongHire > hire > leanNoHire");
}

void read_length(Fields fields, AnswerLength& l, InputError& error) {
  fields.reject_unknown({"minWords", "idealMin", "idealMax", "maxWords"});
  AnswerLength d;
  l.min_words = static_cast<int>(
      fields.integer("minWords", Presence::kOptional, 1, kMaxAnswerWords, d.min_words));
  l.ideal_min = static_cast<int>(
      fields.integer("idealMin", Presence::kOptional, 1, kMaxAnswerWords, d.ideal_min));
  l.ideal_max = static_cast<int>(
      fields.integer("idealMax", Presence::kOptional, 1, kMaxAnswerWords, d.ideal_max));
  l.max_words = static_cast<int>(
      fields.integer("maxWords", Presence::kOptional, 1, kMaxAnswerWords, d.max_words));
  if (!error.failed() &&
      !(l.min_words < l.ideal_min && l.ideal_min <= l.ideal_max && l.ideal_max < l.max_words))
    error.set(fields.path() + " must satisfy minWords < idealMin <= idealMax < maxWords");
}

void read_criteria(Fields& root, Rubric& rubric, InputError& error) {
  if (!root.has("criteria")) return;
  std::array<bool, kCriterionCount> seen{};
  int total = 0;
  for (Fields& item : root.objects("criteria", Presence::kOptional, kCriterionCount)) {
    item.reject_unknown({"name", "weight", "source"});
    std::string name = item.text("name", Presence::kRequired, kMaxTitleBytes);
    int weight = static_cast<int>(item.integer("weight", Presence::kRequired, 0, kTotalCategoryWeight, 0));
    item.text("source", Presence::kOptional, kMaxLevelTextBytes);
    if (error.failed()) return;
    auto it = std::find(kCriterionNames.begin(), kCriterionNames.end(), name);
    if (it == kCriterionNames.end()) {
      error.set(item.path() + ".name \"" + name + "\" is not one of Correctness, Efficiency, Code quality, "
                "Problem-solving process");
      return;
    }
    size_t i = static_cast<size_t>(it - kCriterionNames.begin());
    if (seen[i]) {
      error.set(item.path() + ".name \"" + name + "\" appears twice");
      return;
    }
    seen[i] = true;
    rubric.criteria[i] = weight;
    total += weight;
  }
  if (error.failed()) return;
  for (size_t i = 0; i < kCriterionCount; ++i) {
    if (!seen[i]) {
      error.set(root.path() + ".criteria is missing \"" + std::string(kCriterionNames[i]) + "\"");
      return;
    }
  }
  if (total != kTotalCategoryWeight)
    error.set(root.path() + ".criteria weights sum to " + std::to_string(total) + "; they must sum to 100");
}

void read_extras(Fields& root, Rubric& rubric, InputError& error) {
  for (Fields& item : root.objects("extraCategories", Presence::kOptional, kMaxExtraCategories)) {
    item.reject_unknown({"name", "signals", "levels"});
    std::string name = item.text("name", Presence::kRequired, kMaxCategoryNameBytes);
    if (error.failed()) return;
    bool taken = std::find(kCategoryNames.begin(), kCategoryNames.end(), name) != kCategoryNames.end() ||
                 std::any_of(rubric.extras.begin(), rubric.extras.end(), [&](const auto& e) { return e.first == name; });
    if (taken) {
      error.set(item.path() + ".name \"" + name + "\" is already a category");
      return;
    }
    CategoryRubric c;
    c.assessed = true;
    read_signals(item.object("signals", Presence::kRequired), c, error);
    read_levels(item.object("levels", Presence::kOptional), c);
    if (error.failed()) return;
    rubric.extras.emplace_back(std::move(name), std::move(c));
  }
}

void read_gate(Fields fields, RelevanceGate& g) {
  fields.reject_unknown({"onTopic", "floor"});
  RelevanceGate d;
  g.on_topic = fields.number("onTopic", Presence::kOptional, 0.0, 1.0, d.on_topic);
  g.floor = fields.number("floor", Presence::kOptional, 0.0, 1.0, d.floor);
}

}  // namespace

Rubric read_rubric(Fields root) {
  InputError& error = root.error();
  Rubric rubric;
  root.reject_unknown({"id", "title", "description", "version", "categories", "hireThresholds",
                       "fillerWords", "answerLength", "relevanceGate", "criteria", "extraCategories"});
  rubric.id = root.text("id", Presence::kOptional, kMaxIdBytes);
  rubric.title = root.text("title", Presence::kOptional, kMaxTitleBytes);
  read_categories(root, rubric, error);
  read_thresholds(root.object("hireThresholds", Presence::kRequired), rubric.thresholds, error);
  read_length(root.object("answerLength", Presence::kOptional), rubric.length, error);
  read_gate(root.object("relevanceGate", Presence::kOptional), rubric.gate);
  read_criteria(root, rubric, error);
  read_extras(root, rubric, error);

  // Absent: the default list; an explicit [] turns filler counting off.
  std::vector<std::string> fillers(std::begin(kDefaultFillers), std::end(kDefaultFillers));
  if (root.has("fillerWords"))
    fillers = root.texts("fillerWords", Presence::kOptional, kMaxFillerWords, kMaxFillerWordBytes);
  for (const std::string& f : fillers) {
    std::string folded = fold(f);
    if (folded.empty()) {
      error.set(root.path() + ".fillerWords must not contain empty entries");
      break;
    }
    if (std::find(rubric.filler_words.begin(), rubric.filler_words.end(), folded) ==
        rubric.filler_words.end())
      rubric.filler_words.push_back(std::move(folded));
  }
  return rubric;
}

}  // namespace mockroom::scoring_rubric
