#include "dependencies.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace whlinst;

namespace {
struct Fixture {
  WheelStore store;
  TagSet tags{{"py3-none-any"}};
  ResolutionContext context;

  Fixture() {
    context.store = &store;
    context.tags = &tags;
    context.environment.variables = {{"python_version", "3.11"}, {"sys_platform", "linux"}};
  }
};

Version v(std::string_view text) { return *parse_version(text); }

std::vector<std::string> names(const std::vector<ResolvedWheel>& wheels) {
  std::vector<std::string> result;
  for (const ResolvedWheel& wheel : wheels)
    result.push_back(wheel.asked_as);
  return result;
}
} // namespace

// The store is empty in these tests (WheelStore::open needs directories),
// so every dependency not satisfied otherwise ends as a warning: what is
// checked is which requirements apply and how they are judged.
TEST_CASE("DependencyCollector: markers, extras and the environment decide what is needed") {
  Fixture fixture;
  std::map<std::string, PresentProject> installed{{"leaf", {"leaf", v("1.0")}}, {"old", {"Old", v("0.5")}}};
  DependencyCollector collector(fixture.context, installed);
  collector.add("app", v("1.0"),
                {"leaf>=1", "old>=1", "winonly; sys_platform == 'win32'", "extradep; extra == 'x'", "missing",
                 "app-self[x]", "bad requirement!"},
                {});
  auto wheels = collector.next_wheels();
  REQUIRE(wheels.ok());
  CHECK(wheels->empty());
  std::vector<std::string> warnings = collector.warnings();
  CHECK(warnings.size() == 4);
  auto has = [&](std::string_view text) {
    return std::any_of(warnings.begin(), warnings.end(),
                       [&](const std::string& line) { return line.find(text) != std::string::npos; });
  };
  CHECK(has("app 1.0: Requires-Dist ignored: invalid requirement 'bad requirement!'"));
  CHECK(has("app 1.0 requires old>=1, but you have Old 0.5 which is incompatible"));
  CHECK(has("app 1.0 requires missing, which is not installed (no wheel for missing in no --find-links location)"));
  CHECK(has("app 1.0 requires app-self[x], which is not installed"));
  CHECK_FALSE(has("winonly"));
  CHECK_FALSE(has("extradep"));
  CHECK_FALSE(has("leaf"));
}

TEST_CASE("DependencyCollector: an extra asked for brings its requirements, also on a project of the set") {
  Fixture fixture;
  DependencyCollector collector(fixture.context, {});
  collector.add("lib", v("2.0"), {"extradep; extra == 'fast'"}, {});
  collector.add("app", v("1.0"), {"lib[fast]>=1"}, {});
  REQUIRE(collector.next_wheels().ok());
  std::vector<std::string> warnings = collector.warnings();
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("lib 2.0 requires extradep, which is not installed") == 0);
}

TEST_CASE("DependencyCollector: a project of the set that misses a specifier is reported") {
  Fixture fixture;
  DependencyCollector collector(fixture.context, {{"lib", {"lib", v("3.0")}}});
  collector.add("lib", v("1.0"), {}, {});
  collector.add("app", v("1.0"), {"lib>=2", "lib<5"}, {});
  REQUIRE(collector.next_wheels().ok());
  CHECK(collector.warnings() ==
        std::vector<std::string>{"app 1.0 requires lib>=2, but lib 1.0 is being installed, which is incompatible"});
}

TEST_CASE("DependencyCollector: a dependency the store lacks is not an error in hash-checking mode") {
  Fixture fixture;
  DependencyCollector collector(fixture.context, {});
  collector.set_hash_checking(true);
  collector.add("app", v("1.0"), {"missing"}, {});
  auto wheels = collector.next_wheels();
  REQUIRE(wheels.ok());
  CHECK(names(*wheels).empty());
  CHECK(collector.warnings().size() == 1);
}
