#include "bytecode.h"

#include <doctest/doctest.h>

using namespace whlinst;

// Expected values printed by importlib.util.cache_from_source(path,
// optimization="" / 1 / 2) under Pythons 3.6, 3.8, 3.11 and 3.13 (same shape).

TEST_CASE("cache_path_for matches importlib.util.cache_from_source") {
  const std::string tag = "cpython-311";
  CHECK(cache_path_for("/p/pkg/mod.py", tag, 0) == "/p/pkg/__pycache__/mod.cpython-311.pyc");
  CHECK(cache_path_for("/p/pkg/mod.py", tag, 1) == "/p/pkg/__pycache__/mod.cpython-311.opt-1.pyc");
  CHECK(cache_path_for("/p/pkg/mod.py", tag, 2) == "/p/pkg/__pycache__/mod.cpython-311.opt-2.pyc");
  CHECK(cache_path_for("/p/__init__.py", tag, 0) == "/p/__pycache__/__init__.cpython-311.pyc");
}

TEST_CASE("cache_path_for strips only the last suffix of names with several dots") {
  const std::string tag = "cpython-311";
  CHECK(cache_path_for("/p/a.b.c.py", tag, 0) == "/p/__pycache__/a.b.c.cpython-311.pyc");
  CHECK(cache_path_for("/p/a.b.c.py", tag, 1) == "/p/__pycache__/a.b.c.cpython-311.opt-1.pyc");
  CHECK(cache_path_for("/p/a.b.c.py", tag, 2) == "/p/__pycache__/a.b.c.cpython-311.opt-2.pyc");
  CHECK(cache_path_for("/p/dir.d/m.py", tag, 0) == "/p/dir.d/__pycache__/m.cpython-311.pyc");
}

TEST_CASE("cache_path_for keeps relative paths relative") {
  CHECK(cache_path_for("rel/x.y.py", "cpython-36", 0) == "rel/__pycache__/x.y.cpython-36.pyc");
  CHECK(cache_path_for("rel/x.y.py", "cpython-36", 1) == "rel/__pycache__/x.y.cpython-36.opt-1.pyc");
  CHECK(cache_path_for("m.py", "cpython-313", 0) == "__pycache__/m.cpython-313.pyc");
  CHECK(cache_path_for("m.py", "cpython-313", 2) == "__pycache__/m.cpython-313.opt-2.pyc");
  CHECK(cache_path_for("/p/pkg/mod.py", "pypy39", 0) == "/p/pkg/__pycache__/mod.pypy39.pyc");
}
