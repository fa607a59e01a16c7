#include "wheel_name.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {

std::string error_of(std::string_view file_name) {
  Result<WheelName> name = parse_wheel_name(file_name);
  REQUIRE_FALSE(name.ok());
  return name.error().message;
}

using Strings = std::vector<std::string>;

const std::string kShapeError =
    "not a wheel file name (expected NAME-VERSION[-BUILD]-PYTHON-ABI-PLATFORM.whl)";

} // namespace

TEST_CASE("parse_wheel_name reads the five-part form") {
  Result<WheelName> name =
      parse_wheel_name("zope_interface-6.0-cp311-cp311-manylinux_2_17_x86_64.whl");
  REQUIRE(name.ok());
  CHECK(name->distribution == "zope_interface");
  CHECK(name->version == "6.0");
  CHECK(name->build_tag == "");
  CHECK(name->python_tags == Strings{"cp311"});
  CHECK(name->abi_tags == Strings{"cp311"});
  CHECK(name->platform_tags == Strings{"manylinux_2_17_x86_64"});
  CHECK(name->project_key() == "zope-interface");
}

TEST_CASE("parse_wheel_name reads a build tag") {
  Result<WheelName> name = parse_wheel_name("Pkg.Name-1.0.post1+local-12abc-py3-none-any.whl");
  REQUIRE(name.ok());
  CHECK(name->distribution == "Pkg.Name");
  CHECK(name->version == "1.0.post1+local");
  CHECK(name->build_tag == "12abc");
  CHECK(name->project_key() == "pkg-name");
  CHECK(parse_wheel_name("a-1-0-py3-none-any.whl")->build_tag == "0");
}

TEST_CASE("parse_wheel_name splits and expands compressed tag sets") {
  Result<WheelName> name =
      parse_wheel_name("six-1.16.0-py2.py3-none-manylinux1_x86_64.manylinux2014_x86_64.whl");
  REQUIRE(name.ok());
  CHECK(name->python_tags == Strings{"py2", "py3"});
  CHECK(name->abi_tags == Strings{"none"});
  CHECK(name->platform_tags == Strings{"manylinux1_x86_64", "manylinux2014_x86_64"});
  CHECK(name->expanded_tags() ==
        Strings{"py2-none-manylinux1_x86_64", "py2-none-manylinux2014_x86_64",
                "py3-none-manylinux1_x86_64", "py3-none-manylinux2014_x86_64"});
  CHECK(parse_wheel_name("a-1-py3-none-any.whl")->expanded_tags() == Strings{"py3-none-any"});
}

TEST_CASE("parse_wheel_name refuses names of the wrong shape") {
  CHECK(error_of("pkg-1.0-py3-none-any.zip") == kShapeError);
  CHECK(error_of("pkg-1.0-py3-none-any.WHL") == kShapeError);
  CHECK(error_of("pkg-1.0-py3-none-any") == kShapeError);
  CHECK(error_of(".whl") == kShapeError);
  CHECK(error_of("pkg-1.0-none-any.whl") == kShapeError);
  CHECK(error_of("pkg-1.0-1-2-py3-none-any.whl") == kShapeError);
  CHECK(error_of("my-pkg-v1.0-py3-none-any.whl") == "build tag 'v1.0' must start with a digit");
}

TEST_CASE("parse_wheel_name refuses empty parts") {
  CHECK(error_of("-1.0-py3-none-any.whl") == "empty distribution name");
  CHECK(error_of("pkg--py3-none-any.whl") == "empty version");
  CHECK(error_of("pkg-1.0--py3-none-any.whl") == "empty build tag");
  CHECK(error_of("pkg-1.0-1--none-any.whl") == "empty python tag");
  CHECK(error_of("pkg-1.0-py3--any.whl") == "empty ABI tag");
  CHECK(error_of("pkg-1.0-py3-none-.whl") == "empty platform tag");
  CHECK(error_of("pkg-1.0-py2..py3-none-any.whl") == "empty python tag in 'py2..py3'");
  CHECK(error_of("pkg-1.0-py3-none.-any.whl") == "empty ABI tag in 'none.'");
  CHECK(error_of("pkg-1.0-py3-none-.any.whl") == "empty platform tag in '.any'");
}

TEST_CASE("parse_wheel_name checks the build tag, distribution and version") {
  CHECK(error_of("pkg-1.0-x1-py3-none-any.whl") == "build tag 'x1' must start with a digit");
  CHECK(error_of("pk g-1.0-py3-none-any.whl") == "invalid distribution name 'pk g'");
  CHECK(error_of("_pkg-1.0-py3-none-any.whl") == "invalid distribution name '_pkg'");
  CHECK(error_of("pkg_-1.0-py3-none-any.whl") == "invalid distribution name 'pkg_'");
  CHECK(error_of("dir/pkg-1.0-py3-none-any.whl") == "invalid distribution name 'dir/pkg'");
  CHECK(error_of("pkg-1.0 a-py3-none-any.whl") == "version '1.0 a' contains whitespace");
  CHECK(error_of("pkg-1.0\t-py3-none-any.whl") == "version '1.0\t' contains whitespace");
}
