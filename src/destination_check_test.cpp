#include "destination_check.h"

#include <doctest/doctest.h>

using namespace whlinst;

namespace {
const std::string kLib = "/p/lib/site";

// Whether the screen passes `destinations`, each owned by its own name.
bool screened(const std::vector<std::string>& destinations) {
  DestinationScreen screen(destinations.size(), kLib);
  for (const std::string& destination : destinations)
    CHECK_FALSE(screen.note(destination, destination.substr(destination.rfind('/') + 1)));
  return screen.check().ok();
}
} // namespace

TEST_CASE("DestinationScreen passes distinct files in distinct or shared directories") {
  CHECK(screened({}));
  CHECK(screened({kLib + "/a.py", kLib + "/pkg/b.py", kLib + "/pkg/c.py", kLib + "/pkg/sub/d.py", "/p/bin/tool",
                  kLib + "/pkg/e.py"}));
  CHECK(screened({kLib + "/pkg/x-1", kLib + "/pkg/x/y"})); // "x-1" is not a directory of "x/y"
}

TEST_CASE("DestinationScreen does not pass what may collide") {
  SUBCASE("the same destination twice") { CHECK_FALSE(screened({kLib + "/a.py", kLib + "/b.py", kLib + "/a.py"})); }
  SUBCASE("a file where another needs a directory, either order") {
    CHECK_FALSE(screened({kLib + "/pkg/x", kLib + "/pkg/x/y.py"}));
    CHECK_FALSE(screened({kLib + "/pkg/x/y.py", kLib + "/other.py", kLib + "/pkg/x"}));
    CHECK_FALSE(screened({"/p/lib", kLib + "/a.py"}));
    CHECK_FALSE(screened({kLib + "/pkg/x/sub/y.py", kLib + "/pkg/z.py", kLib + "/pkg/w/v.py", kLib + "/pkg/x/sub"}));
    CHECK_FALSE(screened({kLib + "/pkg/w/v.py", kLib + "/pkg/x/sub/y.py", kLib + "/pkg/x"}));
  }
  SUBCASE("an owner that is not ASCII") {
    DestinationScreen screen(1, kLib);
    screen.note(kLib + "/caf\xc3\xa9.py", "caf\xc3\xa9.py");
    CHECK_FALSE(screen.check().ok());
  }
}

TEST_CASE("DestinationOwners names the first owner of a destination and the first clash") {
  DestinationOwners owners(4, kLib);
  CHECK_FALSE(owners.note(kLib + "/pkg/x", "pkg/x"));
  CHECK_FALSE(owners.note(kLib + "/pkg/x/y.py", "pkg/x/y.py"));
  auto first = owners.note(kLib + "/pkg/x", "NAME.data/purelib/pkg/x");
  REQUIRE(first);
  CHECK(*first == "pkg/x");
  Status checked = owners.check();
  REQUIRE_FALSE(checked.ok());
  CHECK(checked.error().message == "pkg/x: installs a file where pkg/x/y.py needs a directory");
}
