#include "removal_guard.h"

#include "file_system.h"
#include "test_support.h"

#include <doctest/doctest.h>
#include <unistd.h>

using namespace whlinst;
using whlinst::testing::TemporaryDirectory;

namespace {
Scheme scheme_under(const std::string& prefix, const std::string& root = "") {
  Scheme scheme;
  scheme.purelib = scheme.platlib = prefix + "/lib/python3.11/site-packages";
  scheme.headers = prefix + "/include/python3.11/p";
  scheme.scripts = prefix + "/bin";
  scheme.data = prefix;
  scheme.root = root;
  return scheme;
}

// A scheme under directory/prefix whose site-packages holds pkg/sub/, and
// an empty directory/elsewhere.
Scheme scheme_with_package(const TemporaryDirectory& directory) {
  Scheme scheme = scheme_under(directory / "prefix");
  REQUIRE(make_directories(scheme.purelib + "/pkg/sub").ok());
  REQUIRE(make_directories(directory / "elsewhere").ok());
  return scheme;
}
} // namespace

TEST_CASE("RemovalGuard: only files inside the scheme, through no symlinked directory") {
  TemporaryDirectory directory;
  Scheme scheme = scheme_with_package(directory);
  std::string site = scheme.purelib;
  REQUIRE(::symlink((directory / "elsewhere").c_str(), (site + "/linked").c_str()) == 0);
  RemovalGuard guard(scheme);
  CHECK_FALSE(guard.refusal(site + "/pkg/sub/m.py"));
  CHECK_FALSE(guard.refusal(scheme.scripts + "/tool"));
  CHECK_FALSE(guard.refusal(site + "/linked")); // the link itself may go
  CHECK(guard.refusal("/etc/passwd") == "outside the scheme directories");
  CHECK(guard.refusal(directory / "elsewhere/x") == "outside the scheme directories");
  CHECK(guard.refusal(site + "/linked/m.py") == site + "/linked is a symbolic link");
}

TEST_CASE("RemovalGuard under --root looks at the rooted directories") {
  TemporaryDirectory directory;
  Scheme scheme = scheme_under("/usr", directory.path());
  REQUIRE(make_directories(directory / "usr/lib/python3.11/site-packages").ok());
  REQUIRE(::symlink("/tmp", (directory / "usr/lib/python3.11/site-packages/pkg").c_str()) == 0);
  RemovalGuard guard(scheme);
  CHECK_FALSE(guard.refusal("/usr/lib/python3.11/site-packages/other/m.py"));
  CHECK(guard.refusal("/usr/lib/python3.11/site-packages/pkg/m.py") ==
        "/usr/lib/python3.11/site-packages/pkg is a symbolic link");
  CHECK(guard.refusal("/opt/m.py") == "outside the scheme directories");
}

TEST_CASE("check_no_symlinked_directory: an install writes through no symlinked directory") {
  TemporaryDirectory directory;
  Scheme scheme = scheme_with_package(directory);
  std::string site = scheme.purelib;
  CHECK(check_no_symlinked_directory(scheme, {site + "/pkg/sub/m.py", site + "/pkg/new/deep/n.py",
                                              scheme.scripts + "/tool", site + "/top.py"})
            .ok());
  REQUIRE(::rename((site + "/pkg").c_str(), (directory / "elsewhere/pkg").c_str()) == 0);
  REQUIRE(::symlink((directory / "elsewhere/pkg").c_str(), (site + "/pkg").c_str()) == 0);
  Status through = check_no_symlinked_directory(scheme, {site + "/top.py", site + "/pkg/sub/m.py"});
  REQUIRE_FALSE(through.ok());
  CHECK(through.error().message == site + "/pkg is a symbolic link: not writing through it");
  CHECK(check_no_symlinked_directory(scheme, {site + "/pkg", site + "/top.py"}).ok()); // the link itself
}
