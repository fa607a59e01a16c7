#include "kind_changes.h"

#include <doctest/doctest.h>
#include <map>

using namespace whlinst;

namespace {
// A disk of final paths: files and directories.
struct FakeDisk {
  std::map<std::string, FileKind> paths;
  DiskProbe probe() const {
    return {[this](const std::string& path) {
              auto found = paths.find(path);
              return found == paths.end() ? FileKind::missing : found->second;
            },
            [this](const std::string& directory) -> Result<std::vector<std::string>> {
              std::vector<std::string> files;
              for (const auto& [path, kind] : paths)
                if (path.rfind(directory + "/", 0) == 0 && kind != FileKind::directory)
                  files.push_back(path);
              return files;
            }};
  }
};

std::vector<std::string> changes(const FakeDisk& disk, std::vector<std::string> new_files,
                                 std::set<std::string> previous) {
  auto found =
      find_kind_changes(std::vector<std::string_view>(new_files.begin(), new_files.end()), previous, disk.probe());
  REQUIRE(found);
  return *found;
}
} // namespace

TEST_CASE("a previous file that a new file needs as its directory is hidden") {
  FakeDisk disk{{{"/sp/kind", FileKind::directory}, {"/sp/kind/x", FileKind::regular}}};
  CHECK(changes(disk, {"/sp/kind/x/y/deep.py", "/sp/kind/x/__init__.py"}, {"/sp/kind/x"}) ==
        std::vector<std::string>{"/sp/kind/x"});
  SUBCASE("not when the file is not the previous version's") {
    CHECK(changes(disk, {"/sp/kind/x/__init__.py"}, {"/sp/kind/other"}).empty());
  }
}

TEST_CASE("a directory of previous files that becomes a new file is hidden") {
  FakeDisk disk{{{"/sp/kind/d", FileKind::directory},
                 {"/sp/kind/d/__init__.py", FileKind::regular},
                 {"/sp/kind/d/__pycache__", FileKind::directory},
                 {"/sp/kind/d/__pycache__/__init__.cpython-311.pyc", FileKind::regular}}};
  std::set<std::string> previous{"/sp/kind/d/__init__.py", "/sp/kind/d/__pycache__/__init__.cpython-311.pyc"};
  CHECK(changes(disk, {"/sp/kind/d"}, previous) == std::vector<std::string>{"/sp/kind/d"});
  SUBCASE("not when it holds a file of anyone else") {
    disk.paths["/sp/kind/d/notes.txt"] = FileKind::regular;
    CHECK(changes(disk, {"/sp/kind/d"}, previous).empty());
  }
  SUBCASE("not on a fresh install") { CHECK(changes(disk, {"/sp/kind/d"}, {}).empty()); }
}

TEST_CASE("under_any") {
  CHECK(under_any("/a/b/c", {"/a/b"}));
  CHECK(under_any("/a/b", {"/a/b"}));
  CHECK_FALSE(under_any("/a/bc", {"/a/b"}));
}
