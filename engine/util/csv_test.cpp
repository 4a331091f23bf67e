#include <doctest/doctest.h>

#include "util/csv.h"

using namespace mockroom;

TEST_CASE("quoted CSV fields keep commas, quotes and line breaks, and each record knows its line") {
  auto records = csv::parse("id,text\r\na,\"one, two\"\r\nb,\"she said \"\"hi\"\"\nthen left\"\n\nc,plain\n", 10);
  REQUIRE_MESSAGE(records.ok(), records.error().message);
  REQUIRE(records->size() == 4);
  CHECK((*records)[1].fields[1] == "one, two");
  CHECK((*records)[2].fields[1] == "she said \"hi\"\nthen left");
  CHECK((*records)[2].line == 3);
  CHECK((*records)[3].fields[0] == "c");
  CHECK((*records)[3].line == 6);
}

TEST_CASE("a CSV with a stray quote or too many rows is refused with the reason") {
  auto stray = csv::parse("id,text\na,bad\"quote\n", 10);
  REQUIRE_FALSE(stray.ok());
  CHECK(stray.error().message.find("line 2") != std::string::npos);
  CHECK_FALSE(csv::parse("a\nb\nc\n", 2).ok());
  CHECK_FALSE(csv::parse("id,\"never closed\n", 10).ok());
}

TEST_CASE("a row written as CSV reads back the same") {
  std::vector<std::string> fields = {"plain", "with, comma", "with \"quotes\"", "two\nlines", ""};
  auto records = csv::parse(csv::row(fields), 5);
  REQUIRE(records.ok());
  REQUIRE(records->size() == 1);
  CHECK((*records)[0].fields == fields);
}
