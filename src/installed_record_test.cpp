#include "installed_record.h"

#include "file_system.h"
#include "test_support.h"

#include <doctest/doctest.h>

using namespace whlinst;
using whlinst::testing::TemporaryDirectory;

namespace {
const std::string kLib = "/p/lib/python3.11/site-packages";

std::vector<std::string> paths_of(const std::vector<InstalledRow>& rows) {
  std::vector<std::string> paths;
  for (const InstalledRow& row : rows)
    paths.push_back(row.path);
  return paths;
}

// A project "demo 1.0" whose .dist-info is in `lib_dir`, with `record` as its RECORD.
InstalledProject write_project(const TemporaryDirectory& root, const std::string& lib_dir, const std::string& record) {
  InstalledProject project{lib_dir + "/demo-1.0.dist-info", lib_dir, "demo", "1.0"};
  REQUIRE(make_directories(root / project.dist_info_path).ok());
  REQUIRE(write_new_file(root / (project.dist_info_path + "/RECORD"), record).ok());
  return project;
}
} // namespace

TEST_CASE("installed_path: relative to the library directory, absolute as it is, normalized") {
  CHECK(installed_path(kLib, "demo/__init__.py") == kLib + "/demo/__init__.py");
  CHECK(installed_path(kLib, "../../../bin/demo") == "/p/bin/demo");
  CHECK(installed_path(kLib, "./demo//x.py") == kLib + "/demo/x.py");
  CHECK(installed_path(kLib, "/opt/share/demo/../demo.txt") == "/opt/share/demo.txt");
  CHECK(installed_path(kLib, "/etc/demo.conf") == "/etc/demo.conf");
}

TEST_CASE("resolve_installed_rows keeps RECORD's order and its rows as they are") {
  ParsedRecord rows{nullptr,
                    {{"demo/a.py", "sha256", "abc", 3},
                     {"/usr/share/demo/b", "", "", std::nullopt},
                     {"../../../bin/demo", "sha256", "def", 7}}};
  auto resolved = resolve_installed_rows(rows, kLib).rows;
  CHECK(paths_of(resolved) == std::vector<std::string>{kLib + "/demo/a.py", "/usr/share/demo/b", "/p/bin/demo"});
  REQUIRE(resolved.size() == 3);
  CHECK(resolved[0].row.path == "demo/a.py");
  CHECK(resolved[0].row.hash_digest == "abc");
  CHECK(resolved[1].row.path == "/usr/share/demo/b");
  CHECK(resolved[2].row.size == 7u);
}

TEST_CASE("read_installed_record reads RECORD under the root") {
  TemporaryDirectory root;
  auto project = write_project(root, kLib,
                               "demo/a.py,sha256=abc,3\r\n/opt/demo.txt,,\r\n../../../bin/demo,,\r\n"
                               "demo-1.0.dist-info/RECORD,,\r\n");
  auto rows = read_installed_record(root.path(), project);
  REQUIRE(rows.ok());
  CHECK(paths_of(rows->rows) == std::vector<std::string>{kLib + "/demo/a.py", "/opt/demo.txt", "/p/bin/demo",
                                                         kLib + "/demo-1.0.dist-info/RECORD"});
  auto paths = read_installed_paths(root.path(), project);
  REQUIRE(paths.ok());
  CHECK(*paths == paths_of(rows->rows));
}

TEST_CASE("read_installed_record errors: a missing RECORD, a bad row naming the final path") {
  TemporaryDirectory root;
  InstalledProject missing{kLib + "/gone-1.0.dist-info", kLib, "gone", "1.0"};
  CHECK_FALSE(read_installed_record(root.path(), missing).ok());
  auto project = write_project(root, kLib, "demo/a.py,sha256=abc,3\nonly-one-field\n");
  auto rows = read_installed_record(root.path(), project);
  REQUIRE_FALSE(rows.ok());
  CHECK(rows.error().message.rfind(kLib + "/demo-1.0.dist-info/RECORD: line 2: ", 0) == 0);
  auto paths = read_installed_paths(root.path(), project);
  REQUIRE_FALSE(paths.ok());
  CHECK(paths.error().message == rows.error().message);
  CHECK_FALSE(read_installed_paths(root.path(), missing).ok());
}
