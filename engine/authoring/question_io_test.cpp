// Question imports and exports: CSV and JSON rows, bad rows reported one by one.
#include <doctest/doctest.h>

#include "authoring/question_check.h"
#include "authoring/question_io.h"

using namespace mockroom;
using nlohmann::json;

TEST_CASE("a CSV import reads list columns, extra JSON and the default bank") {
  auto rows = authoring::rows_from_csv(
      "id,kind,text,levels,tags,extra\n"
      "conflict-1,behavioral,Tell me about a conflict.,mid|senior,teamwork,\"{\"\"hints\"\": [\"\"what did you say?\"\"]}\"\n",
      "coach");
  REQUIRE_MESSAGE(rows.ok(), rows.error().message);
  REQUIRE(rows->size() == 1);
  const auto& row = (*rows)[0];
  CHECK(row.error.empty());
  CHECK(row.bank == "coach");
  CHECK(row.row == 2);
  CHECK(row.entry["levels"] == json::array({"mid", "senior"}));
  CHECK(row.entry["hints"][0] == "what did you say?");
  auto checked = authoring::check_question(row.entry, row.bank);
  CHECK_MESSAGE(checked.ok(), (checked.ok() ? "" : checked.error().message));
}

TEST_CASE("bad CSV rows carry their own errors and the good ones still read") {
  auto rows = authoring::rows_from_csv(
      "id,kind,text,extra\n"
      "ok-1,technical,What is an index?,\n"
      "short-row,technical\n"
      "bad-extra,technical,Why?,not json\n",
      "coach");
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 3);
  CHECK((*rows)[0].error.empty());
  CHECK((*rows)[1].error.find("fields") != std::string::npos);
  CHECK((*rows)[2].error.find("extra") != std::string::npos);
  CHECK_FALSE(authoring::rows_from_csv("id,kind\nx,technical\n", "coach").ok());  // no text column
  CHECK_FALSE(authoring::rows_from_csv("id,kind,text,colour\n", "coach").ok());  // unknown column
}

TEST_CASE("a question written as a CSV line reads back as the same entry") {
  json entry = {{"id", "design-cache"}, {"kind", "system_design"}, {"text", "Design a cache, with eviction."},
                {"levels", {"senior"}}, {"concepts", {"eviction", "ttl"}}, {"requirements", {"read heavy"}}};
  auto rows = authoring::rows_from_csv(authoring::csv_header() + authoring::csv_line("design", entry), "coach");
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 1);
  CHECK((*rows)[0].bank == "design");
  CHECK((*rows)[0].entry["requirements"] == entry["requirements"]);
  CHECK((*rows)[0].entry["concepts"] == entry["concepts"]);
  CHECK((*rows)[0].entry["text"] == entry["text"]);
}

TEST_CASE("a question is checked field by field before it is saved") {
  auto error = [](json entry) {
    auto r = authoring::check_question(entry, "coach");
    return r.ok() ? std::string() : r.error().message;
  };
  json good = {{"id", "q-1"}, {"kind", "technical"}, {"text", "What is a hash map?"}};
  CHECK(error(good).empty());
  CHECK(error({{"id", "Q 1"}, {"kind", "technical"}, {"text", "x"}}).find("'id'") != std::string::npos);
  CHECK(error({{"id", "q-1"}, {"kind", "riddle"}, {"text", "x"}}).find("'kind'") != std::string::npos);
  json hard = good;
  hard["difficulty"] = "brutal";
  CHECK(error(hard).find("difficulty") != std::string::npos);
  json typo = good;
  typo["hintz"] = json::array();
  CHECK(error(typo).find("hintz") != std::string::npos);
  CHECK(error({{"id", "q-2"}, {"kind", "coding"}, {"text", "Sum"}}).find("reference") != std::string::npos);
  CHECK_FALSE(authoring::check_question(good, "Bad Bank").ok());
}

TEST_CASE("a JSON import takes a bank, a list of banks or a bare list") {
  json q = {{"id", "a"}, {"kind", "technical"}, {"text", "Why?"}};
  CHECK(authoring::rows_from_json({{"bank", "b1"}, {"questions", {q}}}, "coach")->at(0).bank == "b1");
  CHECK(authoring::rows_from_json({{"banks", {{{"bank", "b2"}, {"questions", {q, q}}}}}}, "coach")->size() == 2);
  CHECK(authoring::rows_from_json(json::array({q}), "coach")->at(0).bank == "coach");
  CHECK_FALSE(authoring::rows_from_json({{"nope", 1}}, "coach").ok());
}
