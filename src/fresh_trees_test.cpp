#include "fresh_trees.h"

#include <doctest/doctest.h>

#include <set>

using namespace whlinst;

namespace {
struct Existing {
  std::set<std::string> directories;
  mutable std::vector<std::string> asked;
  bool operator()(const std::string& directory) const {
    asked.push_back(directory);
    return directories.count(directory) != 0;
  }
};
} // namespace

TEST_CASE("find_fresh_roots: the highest missing directory of each file is a root") {
  Existing existing{{"/", "/p", "/p/lib", "/p/lib/old"}, {}};
  std::vector<std::string> roots =
      find_fresh_roots({"/p/lib/new/a.py", "/p/lib/new/sub/b.py", "/p/lib/old/c.py", "/p/lib/d.py",
                        "/p/bin/tool", "/p/share/man/man1/x.1", "/p/lib/old/added/e.py"},
                       std::function<bool(const std::string&)>(std::cref(existing)));
  CHECK(roots == std::vector<std::string>{"/p/bin", "/p/lib/new", "/p/lib/old/added", "/p/share"});
  std::set<std::string> asked(existing.asked.begin(), existing.asked.end());
  CHECK(asked.size() == existing.asked.size()); // each directory asked once
}

TEST_CASE("find_fresh_roots asks nothing below a missing directory") {
  Existing existing{{"/", "/p", "/p/lib"}, {}};
  std::vector<std::string> roots =
      find_fresh_roots({"/p/lib/pkg/a/x/m.py", "/p/lib/pkg/a/y/m.py", "/p/lib/pkg/b/m.py", "/p/lib/pkg/__init__.py"},
                       std::function<bool(const std::string&)>(std::cref(existing)));
  CHECK(roots == std::vector<std::string>{"/p/lib/pkg"});
  CHECK(existing.asked == std::vector<std::string>{"/p", "/p/lib", "/p/lib/pkg"});
}

TEST_CASE("FreshTrees: write_path maps into the hidden copy of the tree") {
  Existing existing{{"/", "/p", "/p/lib"}, {}};
  std::vector<std::string> roots =
      find_fresh_roots({"/p/lib/new/a.py", "/p/lib/top.py"}, std::function<bool(const std::string&)>(std::cref(existing)));
  REQUIRE(roots == std::vector<std::string>{"/p/lib/new"});
  FreshTrees trees;
  trees.add(DiskPath("/p/lib/new"), DiskPath("/p/lib/.whlinst-1-0"));
  CHECK(trees.write_path(DiskPath("/p/lib/new/a.py")) == DiskPath("/p/lib/.whlinst-1-0/a.py"));
  CHECK(trees.write_path(DiskPath("/p/lib/new/__pycache__/a.cpython-311.pyc")) ==
        DiskPath("/p/lib/.whlinst-1-0/__pycache__/a.cpython-311.pyc"));
  CHECK_FALSE(trees.write_path(DiskPath("/p/lib/top.py")));
  CHECK_FALSE(trees.write_path(DiskPath("/p/lib/newer/x.py")));
  CHECK_FALSE(trees.write_path(DiskPath("/p/lib/new")));
}

TEST_CASE("FreshTrees: nothing is fresh when every directory exists") {
  CHECK(find_fresh_roots({"/a/b.py"}, [](const std::string&) { return true; }).empty());
  CHECK_FALSE(FreshTrees().write_path(DiskPath("/a/b.py")));
}
