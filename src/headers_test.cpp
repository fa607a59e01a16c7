#include "headers.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

std::string error_of(std::string_view text) {
  Result<Headers> headers = parse_headers(text);
  REQUIRE_FALSE(headers.ok());
  return headers.error().message;
}

} // namespace

// The expected values below are what Python 3.11's
// email.parser.HeaderParser().parsestr(text).items() / .get_payload() return.
TEST_CASE("parse_headers reads fields, folded values and the body like HeaderParser") {
  Result<Headers> headers = parse_headers("Metadata-Version: 2.1\n"
                                          "Name: pkg\n"
                                          "Description: first\n"
                                          "        |second\n"
                                          "\t\n"
                                          "\tthird\n"
                                          "Classifier: A\n"
                                          "classifier:B  \n"
                                          "X-Empty:\n"
                                          "X-Folded:\n"
                                          "  only\n"
                                          "\n"
                                          "Body line 1\n"
                                          "\n"
                                          "Body line 3\n");
  REQUIRE(headers.ok());
  CHECK(headers->fields == Fields{{"Metadata-Version", "2.1"},
                                  {"Name", "pkg"},
                                  {"Description", "first\n        |second\n\t\n\tthird"},
                                  {"Classifier", "A"},
                                  {"classifier", "B  "},
                                  {"X-Empty", ""},
                                  {"X-Folded", "\n  only"}});
  CHECK(headers->body == "Body line 1\n\nBody line 3\n");
}

TEST_CASE("parse_headers accepts CRLF and keeps the body as it is") {
  Result<Headers> headers = parse_headers("Wheel-Version: 1.0\r\nTag: py3-none-any\r\n"
                                          "Tag: py2-none-any\r\n  more\r\n\r\nbody\r\n");
  REQUIRE(headers.ok());
  CHECK(headers->fields ==
        Fields{{"Wheel-Version", "1.0"}, {"Tag", "py3-none-any"}, {"Tag", "py2-none-any\n  more"}});
  CHECK(headers->body == "body\r\n");
}

TEST_CASE("parse_headers edge cases") {
  Result<Headers> colon = parse_headers("A:b:c\nNa!me~: v");
  REQUIRE(colon.ok());
  CHECK(colon->fields == Fields{{"A", "b:c"}, {"Na!me~", "v"}});
  CHECK(colon->body == "");

  Result<Headers> no_headers = parse_headers("\nbody");
  REQUIRE(no_headers.ok());
  CHECK(no_headers->fields.empty());
  CHECK(no_headers->body == "body");

  Result<Headers> empty = parse_headers("");
  REQUIRE(empty.ok());
  CHECK(empty->fields.empty());
  CHECK(empty->body == "");

  Result<Headers> body_not_parsed = parse_headers("A: 1\n\nnot a header\n\tx\n");
  REQUIRE(body_not_parsed.ok());
  CHECK(body_not_parsed->body == "not a header\n\tx\n");
}

TEST_CASE("Headers::get and get_all match names case-insensitively") {
  Result<Headers> headers = parse_headers("Tag: a\nName: x\nTAG: b\ntag: c\n");
  REQUIRE(headers.ok());
  REQUIRE(headers->get("name") != nullptr);
  CHECK(*headers->get("NAME") == "x");
  CHECK(*headers->get("Tag") == "a");
  CHECK(headers->get("Version") == nullptr);
  CHECK(headers->get_all("tag") == std::vector<std::string>{"a", "b", "c"});
  CHECK(headers->get_all("Missing").empty());
}

TEST_CASE("parse_headers refuses lines that are not headers") {
  CHECK(error_of("A: 1\nnot a header\n") ==
        "line 2: not a 'Name: value' header, a continuation line or an empty line");
  CHECK(error_of("A: 1\r\nB: 2\r\nName with space: x\r\n") ==
        "line 3: not a 'Name: value' header, a continuation line or an empty line");
  CHECK(error_of(": no name\n") ==
        "line 1: not a 'Name: value' header, a continuation line or an empty line");
  CHECK(error_of("Caf\xc3\xa9: x\n") ==
        "line 1: not a 'Name: value' header, a continuation line or an empty line");
  CHECK(error_of(" folded: x\n") == "line 1: continuation line before any header");
  CHECK(error_of("\tx") == "line 1: continuation line before any header");
}
