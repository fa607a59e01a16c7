#include "size_value.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {
std::string size_error(std::string_view text) {
  auto size = parse_size(text);
  REQUIRE_FALSE(size.ok());
  return size.error().message;
}
} // namespace

TEST_CASE("parse_size: plain bytes") {
  CHECK(*parse_size("1") == 1u);
  CHECK(*parse_size("1048576") == 1048576u);
  CHECK(*parse_size("18446744073709551615") == UINT64_MAX);
}

TEST_CASE("parse_size: units are powers of 1024, case-insensitive, with or without iB") {
  CHECK(*parse_size("1K") == 1024u);
  CHECK(*parse_size("3k") == 3072u);
  CHECK(*parse_size("2KiB") == 2048u);
  CHECK(*parse_size("500M") == 500ull << 20);
  CHECK(*parse_size("500mib") == 500ull << 20);
  CHECK(*parse_size("4G") == 4ull << 30);
  CHECK(*parse_size("4GiB") == 4ull << 30);
  CHECK(*parse_size("1T") == 1ull << 40);
  CHECK(*parse_size("16777215TiB") == 16777215ull << 40);
}

TEST_CASE("parse_size: refused forms") {
  for (std::string_view text : {"", "G", "1.5G", "-1", "+1", " 1", "1 G", "1G ", "1KB", "1MB", "1B",
                                "1Gi", "1Gib2", "0x10", "1e6", "1P"})
    CHECK_MESSAGE(size_error(text).rfind("expected a size in bytes, optionally followed by K, M, G, T "
                                         "(or KiB, MiB, GiB, TiB), got '", 0) == 0, text);
  CHECK(size_error("0") == "expected a size above 0, got '0'");
  CHECK(size_error("0M") == "expected a size above 0, got '0M'");
}

TEST_CASE("parse_size: overflow is an error, not a wrap-around") {
  CHECK(size_error("18446744073709551616") == "size too large: '18446744073709551616'");
  CHECK(size_error("16777216T") == "size too large: '16777216T'");
  CHECK(size_error("17179869184G") == "size too large: '17179869184G'");
  CHECK(*parse_size("17179869183G") == 17179869183ull << 30);
}

TEST_CASE("parse_positive_number") {
  CHECK(*parse_positive_number("1") == 1u);
  CHECK(*parse_positive_number("1000") == 1000u);
  for (std::string_view text : {"", "0", "-5", "10x", "1.5", " 7", "100K"})
    CHECK_MESSAGE(parse_positive_number(text).error().message ==
                      "expected a whole number above 0, got '" + std::string(text) + "'",
                  text);
  CHECK(parse_positive_number("18446744073709551616").error().message ==
        "number too large: '18446744073709551616'");
}
