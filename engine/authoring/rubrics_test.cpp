#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "authoring/rubrics.h"

using namespace mockroom;
using nlohmann::json;

namespace {
json bundled(const std::string& id) {
  std::ifstream in(std::string(MOCKROOM_SOURCE_DIR) + "/interviews/rubrics/" + id + ".json");
  return json::parse(in);
}
}  // namespace

TEST_CASE("every bundled rubric passes the editor's checks") {
  for (const auto& file : std::filesystem::directory_iterator(std::string(MOCKROOM_SOURCE_DIR) + "/interviews/rubrics")) {
    auto st = authoring::check_rubric(bundled(file.path().stem().string()));
    CHECK_MESSAGE(st.ok(), file.path().filename().string() << ": " << (st.ok() ? "" : st.error().message));
  }
}

TEST_CASE("a rubric whose weights do not sum to 100 percent is refused, naming the sum") {
  json r = bundled("behavioral");
  r["categories"][0]["weight"] = 40;
  auto st = authoring::check_rubric(r);
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find("sum to 110%") != std::string::npos);
}

TEST_CASE("an assessed category needs its level descriptions and known signals") {
  json r = bundled("behavioral");
  r["categories"][0]["levels"].erase("below");
  CHECK(authoring::check_rubric(r).error().message.find("categories[0].levels.below") != std::string::npos);
  r = bundled("behavioral");
  r["categories"][0]["signals"] = {{"charisma", 1.0}};
  CHECK(authoring::check_rubric(r).error().message.find("charisma") != std::string::npos);
  r = bundled("behavioral");
  r["categories"].erase(3);
  CHECK(authoring::check_rubric(r).error().message.find("Coding") != std::string::npos);
  r = bundled("behavioral");
  r["hireThresholds"]["hire"] = 90;
  CHECK_FALSE(authoring::check_rubric(r).ok());
}
