#include "result.h"

#include <doctest/doctest.h>

using namespace whlinst;

TEST_CASE("Error: an entry's error in a wheel keeps its parts apart") {
  Error error = in_wheel(entry_error("pkg/a.py", "hash mismatch with RECORD"), "pkg-1.0-py3-none-any.whl");
  CHECK(error.message == "pkg-1.0-py3-none-any.whl: pkg/a.py: hash mismatch with RECORD");
  CHECK(error.wheel == "pkg-1.0-py3-none-any.whl");
  CHECK(error.entry == "pkg/a.py");
  CHECK(error.what() == "hash mismatch with RECORD");
}

TEST_CASE("Error: what() of a plain error is its line") {
  CHECK(make_error("no .dist-info directory").what() == "no .dist-info directory");
  Error error = in_wheel(make_error("no .dist-info directory"), "x-1.0-py3-none-any.whl");
  CHECK(error.entry.empty());
  CHECK(error.what() == "no .dist-info directory");
}
