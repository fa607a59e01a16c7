#include "environment_sync.h"

#include <doctest/doctest.h>

using namespace whlinst;

TEST_CASE("sync removes what whlinst installed and the lock does not select") {
  std::vector<PresentInstall> present{{"Six", "1.16.0", "whlinst"},
                                      {"pip", "23.0", "pip"},
                                      {"old_thing", "2.0", "whlinst"},
                                      {"keep-me", "1.0", "whlinst"},
                                      {"mystery", "0.1", ""}};
  std::vector<std::string> locked{"six", "keep-me"};

  SUBCASE("whlinst's own only") {
    SyncRemovals removals = plan_sync_removals(present, locked, "whlinst", SyncScope::whlinst_only);
    CHECK(removals.removed == std::vector<std::string>{"old_thing"});
    CHECK(removals.kept ==
          std::vector<std::string>{"pip 23.0 (installed by pip)", "mystery 0.1 (installed by an unknown tool)"});
  }
  SUBCASE("--exact removes every project the lock does not select") {
    SyncRemovals removals = plan_sync_removals(present, locked, "whlinst", SyncScope::exact);
    CHECK(removals.removed == std::vector<std::string>{"pip", "old_thing", "mystery"});
    CHECK(removals.kept.empty());
  }
  SUBCASE("the INSTALLER whlinst writes is --installer's") {
    SyncRemovals removals = plan_sync_removals(present, locked, "pip", SyncScope::whlinst_only);
    CHECK(removals.removed == std::vector<std::string>{"pip"});
    CHECK(removals.kept.size() == 2);
  }
}

TEST_CASE("sync names a project installed twice once, and matches normalized names") {
  std::vector<PresentInstall> present{{"Old.Thing", "1.0", "whlinst"}, {"old_thing", "2.0", "whlinst"},
                                      {"Zope.Interface", "5.0", "whlinst"}};
  SyncRemovals removals = plan_sync_removals(present, {"zope-interface"}, "whlinst", SyncScope::whlinst_only);
  CHECK(removals.removed == std::vector<std::string>{"Old.Thing"});
  CHECK(removals.kept.empty());
}
