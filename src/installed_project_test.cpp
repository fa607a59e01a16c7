#include "installed_project.h"

#include "file_system.h"
#include "test_support.h"

#include <doctest/doctest.h>

using namespace whlinst;
using whlinst::testing::TemporaryDirectory;

namespace {
const std::string kLib = "/p/lib/python3.11/site-packages";

// Under `root` (as --root): "demo 1.0" in kLib whose RECORD lists `listed`
// (paths relative to kLib), and the empty files `present` (the same).
InstalledProject demo_project(const TemporaryDirectory& root, const std::vector<std::string>& listed,
                              const std::vector<std::string>& present) {
  InstalledProject project{kLib + "/demo-1.0.dist-info", kLib, "demo", "1.0"};
  REQUIRE(make_directories(root / project.dist_info_path).ok());
  std::string record;
  for (const std::string& path : listed)
    record += path + ",,\n";
  REQUIRE(write_new_file(root / (project.dist_info_path + "/RECORD"), record).ok());
  for (const std::string& path : present) {
    REQUIRE(make_directories(root / (kLib + "/" + path.substr(0, path.rfind('/')))).ok());
    REQUIRE(write_new_file(root / (kLib + "/" + path), "").ok());
  }
  return project;
}

std::vector<std::string> under_lib(const std::vector<std::string>& paths) {
  std::vector<std::string> full;
  for (const std::string& path : paths)
    full.push_back(kLib + "/" + path);
  return full;
}
} // namespace

TEST_CASE("installed_files: the listed files and the bytecode of their sources that exists, at any level") {
  TemporaryDirectory root;
  InstalledProject project = demo_project(
      root, {"demo/a.py", "demo/b.py", "demo/sub/c.py", "demo/data.txt", "top.py", "demo-1.0.dist-info/RECORD"},
      {"demo/__pycache__/a.cpython-311.pyc", "demo/__pycache__/a.cpython-311.opt-1.pyc",
       "demo/__pycache__/b.cpython-311.opt-2.pyc", "demo/__pycache__/a.cpython-310.pyc",
       "demo/__pycache__/unlisted.cpython-311.pyc", "demo/__pycache__/a.cpython-311.opt-3.pyc",
       "demo/__pycache__/data.cpython-311.pyc", "demo/__pycache__/a.cpython-311.pyc.1234",
       "demo/sub/__pycache__/c.cpython-311.pyc", "__pycache__/top.cpython-311.pyc"});
  auto files = installed_files(root.path(), project, "cpython-311");
  REQUIRE(files);
  CHECK(*files == under_lib({"__pycache__/top.cpython-311.pyc", "demo-1.0.dist-info/RECORD",
                             "demo/__pycache__/a.cpython-311.opt-1.pyc", "demo/__pycache__/a.cpython-311.pyc",
                             "demo/__pycache__/b.cpython-311.opt-2.pyc", "demo/a.py", "demo/b.py", "demo/data.txt",
                             "demo/sub/__pycache__/c.cpython-311.pyc", "demo/sub/c.py", "top.py"}));
}

TEST_CASE("installed_files: nothing compiled, nothing added; a RECORD listing a file twice gives it once") {
  TemporaryDirectory root;
  InstalledProject project = demo_project(root, {"demo/a.py", "demo/a.py", "demo/__init__.py"}, {});
  auto files = installed_files(root.path(), project, "cpython-311");
  REQUIRE(files);
  CHECK(*files == under_lib({"demo/__init__.py", "demo/a.py"}));
}
