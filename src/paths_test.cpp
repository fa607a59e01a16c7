#include "paths.h"

#include <doctest/doctest.h>

using namespace whlinst;

TEST_CASE("normalize_path collapses like os.path.normpath") {
  CHECK(normalize_path("/a//b/./c/../d") == "/a/b/d");
  CHECK(normalize_path("/../a") == "/a");
  CHECK(normalize_path("a/../..") == "..");
  CHECK(normalize_path("") == ".");
}

TEST_CASE("relative_path matches os.path.relpath for scheme paths") {
  CHECK(relative_path("/p/bin/x", "/p/lib/python3.11/site-packages") == "../../../bin/x");
  CHECK(relative_path("/p/lib/python3.11/site-packages/a/b.py",
                      "/p/lib/python3.11/site-packages") == "a/b.py");
  CHECK(relative_path("/p/lib", "/p/lib") == ".");
}

TEST_CASE("parent_path, base_name, join_path, reroot_path") {
  CHECK(parent_path("a/b/c") == "a/b");
  CHECK(parent_path("/c") == "/");
  CHECK(parent_path("c") == "");
  CHECK(base_name("a/b/c") == "c");
  CHECK(join_path("a/", "b") == "a/b");
  CHECK(reroot_path("/stage", "/usr/lib") == "/stage/usr/lib");
  CHECK(reroot_path("", "/usr/lib") == "/usr/lib");
}
