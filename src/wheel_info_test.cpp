#include "wheel_info.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {

std::string error_of(std::string_view text) {
  Result<WheelInfo> info = parse_wheel_info(text);
  REQUIRE_FALSE(info.ok());
  return info.error().message;
}

} // namespace

TEST_CASE("parse_wheel_info reads a typical WHEEL file") {
  Result<WheelInfo> info = parse_wheel_info("Wheel-Version: 1.0\n"
                                            "Generator: bdist_wheel (0.41.2)\n"
                                            "Root-Is-Purelib: false\n"
                                            "Tag: cp311-cp311-manylinux_2_17_x86_64\n"
                                            "Tag: cp311-cp311-manylinux2014_x86_64\n"
                                            "\n");
  REQUIRE(info.ok());
  CHECK(info->version_major == 1);
  CHECK(info->version_minor == 0);
  CHECK_FALSE(info->newer_minor());
  CHECK_FALSE(info->root_is_purelib);
  CHECK(info->tags == std::vector<std::string>{"cp311-cp311-manylinux_2_17_x86_64",
                                               "cp311-cp311-manylinux2014_x86_64"});
  CHECK(info->generator == "bdist_wheel (0.41.2)");
}

TEST_CASE("parse_wheel_info: case, CRLF, whitespace, optional fields, newer minor") {
  Result<WheelInfo> info = parse_wheel_info(
      "wheel-version:  1.12 \r\nROOT-IS-PURELIB: True\r\nRoot-Is-Purelib: false\r\n");
  REQUIRE(info.ok());
  CHECK(info->version_major == 1);
  CHECK(info->version_minor == 12);
  CHECK(info->newer_minor());
  CHECK(info->root_is_purelib);
  CHECK(info->tags.empty());
  CHECK(info->generator == "");
  CHECK(parse_wheel_info("Wheel-Version: 01.1\nRoot-Is-Purelib: FALSE\n")->version_minor == 1);
}

TEST_CASE("parse_wheel_info refuses a Wheel-Version newer than 1.x, accepts 0.x (older_major)") {
  CHECK(error_of("Root-Is-Purelib: true\n") == "missing Wheel-Version");
  CHECK(error_of("Wheel-Version: 2.0\nRoot-Is-Purelib: true\n") ==
        "unsupported Wheel-Version 2.0 (whlinst supports up to 1.x)");
  Result<WheelInfo> old = parse_wheel_info("Wheel-Version: 0.9\nRoot-Is-Purelib: true\n");
  REQUIRE(old.ok());
  CHECK(old->older_major());
  CHECK_FALSE(old->newer_minor());
  CHECK_FALSE(parse_wheel_info("Wheel-Version: 1.0\nRoot-Is-Purelib: true\n")->older_major());
  for (const char* bad :
       {"1", "1.0.0", "1.", ".0", "1.x", "-1.0", "1.-0", "+1.0", "1 .0", "", "99999999999.0"}) {
    CAPTURE(bad);
    CHECK(error_of(std::string("Wheel-Version: ") + bad + "\nRoot-Is-Purelib: true\n") ==
          std::string("invalid Wheel-Version '") + bad + "' (expected MAJOR.MINOR)");
  }
}

TEST_CASE("parse_wheel_info requires Root-Is-Purelib true or false") {
  CHECK(error_of("Wheel-Version: 1.0\n") == "missing Root-Is-Purelib");
  CHECK(error_of("Wheel-Version: 1.0\nRoot-Is-Purelib: yes\n") ==
        "invalid Root-Is-Purelib 'yes' (expected 'true' or 'false')");
  CHECK(error_of("Wheel-Version: 1.0\nRoot-Is-Purelib: true \n") ==
        "invalid Root-Is-Purelib 'true ' (expected 'true' or 'false')");
  CHECK(error_of("Wheel-Version: 1.0\nRoot-Is-Purelib:\n") ==
        "invalid Root-Is-Purelib '' (expected 'true' or 'false')");
}

TEST_CASE("parse_wheel_info reports header syntax errors") {
  CHECK(error_of("Wheel-Version: 1.0\ngarbage\n") ==
        "line 2: not a 'Name: value' header, a continuation line or an empty line");
}
