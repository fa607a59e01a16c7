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

TEST_CASE("printable_name escapes what drives a terminal, keeps other UTF-8") {
  CHECK(printable_name("ok\r\x1b[32mfake\x1b[0m") == R"(ok\x0D\x1B[32mfake\x1B[0m)");
  CHECK(printable_name("csi \xc2\x9b" "2J") == R"(csi \xC2\x9B2J)");
  CHECK(printable_name("\xc2\xa0nbsp \xe2\x80\xae" "evil") == "\xc2\xa0nbsp \\xE2\\x80\\xAEevil");
  CHECK(printable_name("line\xe2\x80\xa8sep \xe2\x81\xa6iso") == R"(line\xE2\x80\xA8sep \xE2\x81\xA6iso)");
  CHECK(printable_name("\xe2\x82\xac \xf0\x9f\x90\x8d") == "\xe2\x82\xac \xf0\x9f\x90\x8d");
  std::string once = printable_name("a\nb\xff");
  CHECK(printable_name(once) == once);
}

TEST_CASE("first_invalid_utf8 gives the offset of the first bad byte") {
  CHECK(first_invalid_utf8("all fine \xc3\xa9") == std::string_view::npos);
  CHECK(first_invalid_utf8("caf\xe9!") == 3);
  CHECK(first_invalid_utf8("ab\xc3") == 2);
}

TEST_CASE("Utf8Check finds first_invalid_utf8's offset in a text fed in pieces") {
  const std::string texts[] = {
      "all fine \xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\x8d end", "caf\xe9!", "ab\xc3", "\xf0\x9f\x90",
      "ok \xe2\x82\xac then \xed\xa0\x80 a surrogate",       "",
  };
  for (const std::string& text : texts)
    for (size_t piece = 1; piece <= text.size() + 1; ++piece) {
      CAPTURE(text);
      CAPTURE(piece);
      Utf8Check check;
      for (size_t at = 0; at < text.size(); at += piece)
        check.feed(std::string_view(text).substr(at, piece));
      check.finish();
      CHECK(check.first_invalid() == first_invalid_utf8(text));
    }
}
