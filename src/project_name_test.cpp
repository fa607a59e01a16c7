#include "project_name.h"

#include <doctest/doctest.h>

using namespace whlinst;

TEST_CASE("normalize_project_name follows PEP 503") {
  CHECK(normalize_project_name("Django") == "django");
  CHECK(normalize_project_name("zope.interface") == "zope-interface");
  CHECK(normalize_project_name("Foo__Bar") == "foo-bar");
  CHECK(normalize_project_name("a-_.-b") == "a-b");
  CHECK(normalize_project_name("pkg_resources") == "pkg-resources");
  CHECK(normalize_project_name("already-normal") == "already-normal");
  CHECK(normalize_project_name("_x.") == "-x-");
  CHECK(normalize_project_name("") == "");
}

TEST_CASE("is_valid_project_name accepts PEP 508 names") {
  CHECK(is_valid_project_name("a"));
  CHECK(is_valid_project_name("Z9"));
  CHECK(is_valid_project_name("zope.interface"));
  CHECK(is_valid_project_name("foo_bar-baz.2"));
  CHECK(is_valid_project_name("A.-_b"));
}

TEST_CASE("is_valid_project_name refuses everything else") {
  CHECK_FALSE(is_valid_project_name(""));
  CHECK_FALSE(is_valid_project_name("-a"));
  CHECK_FALSE(is_valid_project_name("a-"));
  CHECK_FALSE(is_valid_project_name("_"));
  CHECK_FALSE(is_valid_project_name(".a"));
  CHECK_FALSE(is_valid_project_name("a b"));
  CHECK_FALSE(is_valid_project_name("a+b"));
  CHECK_FALSE(is_valid_project_name("caf\xc3\xa9"));
  CHECK_FALSE(is_valid_project_name("a/b"));
}
