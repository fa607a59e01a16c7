#include "utf8.h"

#include <doctest/doctest.h>

using namespace whlinst;

TEST_CASE("is_valid_utf8 and printable_name") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("ascii"));
  CHECK(is_valid_utf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x90\x8d\xf4\x8f\xbf\xbf"));
  for (std::string_view bad : {"\x80", "\xc3", "\xc1\xbf", "\xe0\x9f\xbf", "\xed\xbf\xbf", "\xf4\x90\x80\x80",
                               "\xf5\x80\x80\x80", "\xff", "\xe2\x28\xa1"}) {
    CAPTURE(bad);
    CHECK_FALSE(is_valid_utf8(bad));
  }
  CHECK(printable_name("caf\xc3\xa9 \\ x") == "caf\xc3\xa9 \\ x");
  CHECK(printable_name("a\nb\x7f\xff\xc3") == R"(a\x0Ab\x7F\xFF\xC3)");
}
