// The filters of GET /api/interviews: what they accept and which interviews they keep.
#include <doctest/doctest.h>

#include "api/history_filter.h"

using namespace mockroom;
using namespace mockroom::api;
using nlohmann::json;

namespace {

constexpr int64_t kMarch1 = 1772323200000;  // 2026-03-01T00:00:00Z in ms

json item(std::string format, std::string status, std::string company, int64_t created, json score) {
  json summary = score.is_null() ? json(nullptr) : json{{"overallScore", score}, {"hireSignal", "Hire"}};
  return {{"id", "s"}, {"format", format}, {"formatTitle", format == "coding" ? "Coding interview" : "Behavioral interview"},
          {"status", status}, {"setup", {{"company", company}, {"role", "Backend Engineer"}}},
          {"summary", summary}, {"createdAt", created}};
}

HistoryFilter filter(std::map<std::string, std::string> query) {
  auto f = parse_history_filter(query);
  REQUIRE_MESSAGE(f.ok(), f.error().message);
  return *f;
}

}  // namespace

TEST_SUITE_BEGIN("history filter");

TEST_CASE("No filter keeps every interview") {
  CHECK(history_matches(filter({}), item("coding", "paused", "none", kMarch1, nullptr)));
}

TEST_CASE("Format and status filters keep any of the listed values") {
  auto f = filter({{"format", "coding,mixed"}, {"status", "completed,ended"}});
  CHECK(history_matches(f, item("coding", "completed", "none", kMarch1, 70)));
  CHECK_FALSE(history_matches(f, item("behavioral", "completed", "none", kMarch1, 70)));
  CHECK_FALSE(history_matches(f, item("coding", "in_progress", "none", kMarch1, nullptr)));
}

TEST_CASE("The company filter matches the setup's company style") {
  auto f = filter({{"company", "amazon-style"}});
  CHECK(history_matches(f, item("coding", "completed", "amazon-style", kMarch1, 70)));
  CHECK_FALSE(history_matches(f, item("coding", "completed", "google-style", kMarch1, 70)));
}

TEST_CASE("Day bounds include the whole of both days in UTC") {
  auto f = filter({{"from", "2026-03-01"}, {"to", "2026-03-01"}});
  CHECK(history_matches(f, item("coding", "completed", "none", kMarch1, 70)));
  CHECK(history_matches(f, item("coding", "completed", "none", kMarch1 + 86'400'000 - 1, 70)));
  CHECK_FALSE(history_matches(f, item("coding", "completed", "none", kMarch1 - 1, 70)));
  CHECK_FALSE(history_matches(f, item("coding", "completed", "none", kMarch1 + 86'400'000, 70)));
}

TEST_CASE("Bounds in milliseconds are taken as given") {
  auto f = filter({{"from", std::to_string(kMarch1 + 5)}});
  CHECK_FALSE(history_matches(f, item("coding", "completed", "none", kMarch1, 70)));
}

TEST_CASE("A score filter keeps scored interviews in range and drops unscored ones") {
  auto f = filter({{"minScore", "60"}, {"maxScore", "80"}});
  CHECK(history_matches(f, item("coding", "completed", "none", kMarch1, 60)));
  CHECK_FALSE(history_matches(f, item("coding", "completed", "none", kMarch1, 81)));
  CHECK_FALSE(history_matches(f, item("coding", "in_progress", "none", kMarch1, nullptr)));
}

TEST_CASE("The text filter looks in the title and the role, ignoring case") {
  CHECK(history_matches(filter({{"q", "CODING"}}), item("coding", "completed", "none", kMarch1, 70)));
  CHECK(history_matches(filter({{"q", "backend"}}), item("behavioral", "completed", "none", kMarch1, 70)));
  CHECK_FALSE(history_matches(filter({{"q", "frontend"}}), item("behavioral", "completed", "none", kMarch1, 70)));
}

TEST_CASE("Unknown keys and malformed values are refused with the reason") {
  auto bad = [](std::map<std::string, std::string> q) {
    auto f = parse_history_filter(q);
    REQUIRE_FALSE(f.ok());
    CHECK(f.error().code == ErrorCode::kInvalidArgument);
    return f.error().message;
  };
  CHECK(bad({{"sort", "date"}}).find("unknown filter 'sort'") != std::string::npos);
  CHECK(bad({{"status", "done"}}).find("status") != std::string::npos);
  CHECK(bad({{"format", "Coding!"}}).find("format") != std::string::npos);
  CHECK(bad({{"from", "2026-02-30"}}).find("from") != std::string::npos);
  CHECK(bad({{"to", "March 1"}}).find("to") != std::string::npos);
  CHECK(bad({{"minScore", "101"}}).find("0 to 100") != std::string::npos);
  CHECK(bad({{"q", std::string(kMaxHistoryTextFilterChars + 1, 'a')}}).find("q must") != std::string::npos);
}

TEST_SUITE_END();
