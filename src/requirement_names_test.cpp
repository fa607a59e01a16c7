#include "requirement_names.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {
using Strings = std::vector<std::string>;

Strings names(std::string_view text) {
  auto parsed = project_names_in_requirements(text, "reqs.txt");
  REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
  return *parsed;
}
} // namespace

TEST_CASE("project_names_in_requirements: PEP 508 names, wheel paths and URLs") {
  CHECK(names("six\nCython==3.0.11\nfoo_bar[extra] >= 1 ; python_version > '3'\n") ==
        Strings{"six", "Cython", "foo_bar"});
  CHECK(names("gmpy2 @ file:///w/gmpy2-2.2.1-cp311-cp311-linux_x86_64.whl\n") == Strings{"gmpy2"});
  CHECK(names("/w/pkgconfig-1.5.5-py3-none-any.whl\nfile:///w/a.b-1.0-py3-none-any.whl\n") ==
        Strings{"pkgconfig", "a.b"});
  CHECK(names("a(>=1)\nb<2\nc!=3\nd~=4\n") == Strings{"a", "b", "c", "d"});
}

TEST_CASE("project_names_in_requirements: comments, blank and option lines, continuations") {
  CHECK(names("# header\n\n  six  # trailing\r\n--hash=sha256:00\n-f /wheels\n-r other.txt\n") ==
        Strings{"six"});
  CHECK(names("six \\\n  ==1.17.0 \\\n  --hash=sha256:00\nnumpy") == Strings{"six", "numpy"});
}

TEST_CASE("project_names_in_requirements: errors name the file and line") {
  auto bad = project_names_in_requirements("six\n\n./not a name\n", "reqs.txt");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "reqs.txt:3: not a requirement: './not a name'");
  CHECK_FALSE(project_names_in_requirements("_x\n", "r").ok());
  CHECK_FALSE(project_names_in_requirements("a b\n", "r").ok());
}
