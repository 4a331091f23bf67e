// mockroom_calibrate: how far the scorer agrees with human grades.
//
// Loads the labelled evaluation set (bench/calibration/set/*.json, written for this purpose
// and kept out of the scorer's own data; see GUIDE.md), scores every answer on its own with
// the active scorer plugin loaded through the ABI, and prints the Pearson correlation
// between the scores and the human grades and the hire/no-hire agreement, overall and per
// question kind. Prints figures and asserts nothing.
//
//   mockroom_calibrate [--set DIR] [--plugins DIR] [--rubrics DIR] [--scorer NAME] [--json]
//                      [--worst N] [--show ITEM/ANSWER] [--split dev|test|all]
//
// The scorer's hire decision is its hire signal: Strong Hire and Hire count as hire.
//
// The questions fall into two fixed halves by a hash of their id: "dev", the only half a
// person changing the scorer may look at (--worst, --show), and "test", held out, whose
// figures are the ones reported. Answers to one question stay in one half.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "plugin/registry.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr double kMaxGrade = 5.0;
constexpr int kDefaultWorst = 0;

struct Options {
  fs::path set = fs::path(MOCKROOM_SOURCE_DIR) / "bench/calibration/set";
  fs::path plugins = MOCKROOM_PLUGIN_DIR;
  fs::path rubrics = fs::path(MOCKROOM_SOURCE_DIR) / "interviews/rubrics";
  std::string scorer = "scoring_rubric";
  bool json_out = false;
  int worst = kDefaultWorst;  // list the N answers the scorer disagrees with most
  std::string show;           // print the whole report of this answer ("item/answer")
  std::string split = "all";  // dev, test or all
};

// FNV-1a: a fixed, platform-independent split of the questions.
std::string split_of(const std::string& item_id) {
  uint32_t h = 2166136261u;
  for (unsigned char c : item_id) h = (h ^ c) * 16777619u;
  return h % 2 == 0 ? "dev" : "test";
}

struct Scored {
  std::string id;  // item/answer
  std::string kind;
  double grade = 0;  // 0..5
  bool hire = false;
  int score = 0;  // 0..100
  bool scorer_hire = false;
};

[[noreturn]] void usage(const std::string& message) {
  std::fprintf(stderr,
               "%s\nusage: mockroom_calibrate [--set DIR] [--plugins DIR] [--rubrics DIR] "
               "[--scorer NAME] [--json] [--worst N] [--show ITEM/ANSWER] [--split dev|test|all]\n",
               message.c_str());
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(a + " needs a value");
      return argv[++i];
    };
    if (a == "--set") o.set = value();
    else if (a == "--plugins") o.plugins = value();
    else if (a == "--rubrics") o.rubrics = value();
    else if (a == "--scorer") o.scorer = value();
    else if (a == "--json") o.json_out = true;
    else if (a == "--worst") o.worst = std::stoi(value());
    else if (a == "--show") o.show = value();
    else if (a == "--split") {
      o.split = value();
      if (o.split != "dev" && o.split != "test" && o.split != "all") usage("--split is dev, test or all");
    }
    else if (a == "--help") usage("Prints how far the scorer agrees with the labelled evaluation set.");
    else usage("unknown argument " + a);
  }
  return o;
}

json read_json(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

// The rubric a question kind is judged by: the bundled format's of the same name.
const json& rubric_for(const std::string& kind, const Options& o, std::map<std::string, json>& cache) {
  auto it = cache.find(kind);
  if (it == cache.end()) it = cache.emplace(kind, read_json(o.rubrics / (kind + ".json"))).first;
  return it->second;
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() < 2) return 0;
  double n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0;
}

struct Figures {
  size_t answers = 0;
  double r = 0;
  double agreement = 0;  // share of answers where the hire decisions agree
  double mean_abs_error = 0;  // in points of 100, grade scaled by 20
};

Figures figures(const std::vector<Scored>& rows) {
  Figures f;
  std::vector<double> scores, grades;
  size_t agree = 0;
  double abs_error = 0;
  for (const Scored& s : rows) {
    scores.push_back(s.score);
    grades.push_back(s.grade);
    agree += s.hire == s.scorer_hire;
    abs_error += std::fabs(s.score - s.grade / kMaxGrade * 100.0);
  }
  f.answers = rows.size();
  f.r = pearson(scores, grades);
  if (!rows.empty()) {
    f.agreement = static_cast<double>(agree) / static_cast<double>(rows.size());
    f.mean_abs_error = abs_error / static_cast<double>(rows.size());
  }
  return f;
}

json answer_request(const json& item, const json& answer, const json& rubric) {
  json a = {{"questionId", item.at("id")},
            {"question", item.at("question")},
            {"kind", item.at("kind")},
            {"concepts", item.value("concepts", json::array())},
            {"hints", json::array()},
            {"referencePoints", item.value("referencePoints", json::array())},
            {"referenceAnswer", item.value("referenceAnswer", "")},
            {"isFollowUp", false},
            {"answer", answer.at("text")},
            {"atSeconds", 0}};
  return {{"format", item.at("kind")}, {"formatTitle", "Calibration"}, {"rubric", rubric}, {"answers", json::array({a})}};
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  spdlog::set_level(spdlog::level::warn);
  try {
    mockroom::plugin::Registry plugins;
    plugins.discover(o.plugins.string());
    if (auto st = plugins.activate(MR_KIND_SCORER, o.scorer, "{}"); !st.ok()) {
      std::fprintf(stderr, "mockroom_calibrate: %s\n", st.error().message.c_str());
      return 1;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(o.set)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) throw std::runtime_error("no evaluation files in " + o.set.string());

    std::map<std::string, json> rubrics;
    std::vector<Scored> rows;
    for (const fs::path& file : files) {
      json doc = read_json(file);
      for (const json& item : doc.at("items")) {
        if (o.split != "all" && split_of(item.at("id")) != o.split) continue;
        const json& rubric = rubric_for(item.at("kind"), o, rubrics);
        for (const json& answer : item.at("answers")) {
          auto report = plugins.score_session(answer_request(item, answer, rubric));
          if (!report.ok()) throw std::runtime_error(item.at("id").get<std::string>() + ": " + report.error().message);
          std::string signal = report->value("hireSignal", "");
          std::string id = item.at("id").get<std::string>() + "/" + answer.at("id").get<std::string>();
          if (id == o.show) std::printf("%s\n", report->dump(2).c_str());
          rows.push_back({id,
                          item.at("kind"), answer.at("grade").get<double>(), answer.at("hire").get<bool>(),
                          report->value("overallScore", 0), signal == "Strong Hire" || signal == "Hire"});
        }
      }
    }

    std::map<std::string, std::vector<Scored>> by_kind;
    for (const Scored& s : rows) by_kind[s.kind].push_back(s);
    Figures all = figures(rows);
    json out = {{"scorer", o.scorer}, {"split", o.split}, {"answers", all.answers}, {"pearson", all.r},
                {"hireAgreement", all.agreement}, {"meanAbsError", all.mean_abs_error}, {"byKind", json::object()}};
    std::printf("%-14s %8s %9s %10s %8s\n", "kind", "answers", "pearson", "agreement", "MAE");
    for (const auto& [kind, kind_rows] : by_kind) {
      Figures f = figures(kind_rows);
      std::printf("%-14s %8zu %9.3f %9.1f%% %8.1f\n", kind.c_str(), f.answers, f.r, 100 * f.agreement, f.mean_abs_error);
      out["byKind"][kind] = {{"answers", f.answers}, {"pearson", f.r}, {"hireAgreement", f.agreement},
                             {"meanAbsError", f.mean_abs_error}};
    }
    std::printf("%-14s %8zu %9.3f %9.1f%% %8.1f\n", "all", all.answers, all.r, 100 * all.agreement, all.mean_abs_error);
    if (o.worst > 0) {
      std::vector<Scored> sorted = rows;
      std::sort(sorted.begin(), sorted.end(), [](const Scored& a, const Scored& b) {
        return std::fabs(a.score - a.grade * 20) > std::fabs(b.score - b.grade * 20);
      });
      std::printf("\nlargest disagreements (score vs grade x 20):\n");
      for (int i = 0; i < o.worst && i < static_cast<int>(sorted.size()); ++i) {
        std::printf("  %-48s score %3d  grade %.1f (%3.0f)\n", sorted[i].id.c_str(), sorted[i].score,
                    sorted[i].grade, sorted[i].grade * 20);
      }
    }
    if (o.json_out) std::printf("%s\n", out.dump().c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mockroom_calibrate: %s\n", e.what());
    return 1;
  }
  return 0;
}
