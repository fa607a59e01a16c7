#include "text.h"

#include <doctest/doctest.h>

using namespace whlinst;

TEST_CASE("trim removes surrounding whitespace only") {
  CHECK(trim("  a b \r\n") == "a b");
  CHECK(trim("") == "");
}

TEST_CASE("split keeps empty fields") {
  auto fields = split("a,,b,", ',');
  REQUIRE(fields.size() == 4);
  CHECK(fields[1] == "");
  CHECK(fields[3] == "");
}

TEST_CASE("split_lines accepts LF, CRLF and a missing final newline") {
  auto lines = split_lines("a\r\nb\nc");
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "a");
  CHECK(lines[2] == "c");
  CHECK(split_lines("x\n").size() == 1);
}

TEST_CASE("to_lower is ASCII only") { CHECK(to_lower("AbC\xc3\x89") == "abc\xc3\x89"); }
