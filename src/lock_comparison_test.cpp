#include "lock_comparison.h"

#include <doctest/doctest.h>

using namespace whlinst;

TEST_CASE("an environment equal to its lock has no difference") {
  std::vector<ProjectVersion> locked{{"six", "1.16.0"}, {"zope-interface", "5.0"}};
  std::vector<ProjectVersion> installed{{"Zope.Interface", "5.0.0"}, {"six", "1.16.0"}};
  CHECK(compare_with_lock(locked, installed).empty());
}

TEST_CASE("each difference from the lock is one line") {
  std::vector<ProjectVersion> locked{{"six", "1.16.0"}, {"idna", "3.4"}, {"certifi", "2024.2.2"}, {"attrs", "23.1"}};
  std::vector<ProjectVersion> installed{{"attrs", "23.1"}, {"attrs", "22.2"}, {"extra_thing", "0.1"},
                                        {"six", "1.15.0"}, {"certifi", "2024.02.02"}};
  CHECK(compare_with_lock(locked, installed) ==
        std::vector<std::string>{"six: 1.15.0 installed, the lock says 1.16.0",
                                 "idna: the lock says 3.4, not installed",
                                 "attrs: installed more than once (23.1, 22.2)",
                                 "extra_thing 0.1: installed, not in the lock"});
}

TEST_CASE("versions that do not parse are compared as text") {
  CHECK(compare_with_lock({{"odd", "not a version"}}, {{"odd", "not a version"}}).empty());
  CHECK(compare_with_lock({{"odd", "not a version"}}, {{"odd", "Not a version"}}).size() == 1);
}
