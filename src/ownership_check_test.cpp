#include "file_owners.h"
#include "file_system.h"
#include "hash.h"
#include "ownership_check.h"
#include "test_support.h"

#include <doctest/doctest.h>

using namespace whlinst;
using whlinst::testing::install_record;
using whlinst::testing::TemporaryDirectory;
using whlinst::testing::write_text_file;

namespace {
// The survey's finding and the decision on it, as an install makes both.
Result<std::vector<std::string>> check_file_ownership(const InstallPlan& plan, const Scheme& scheme,
                                                      const std::set<std::string>& previous, FileOwners& owners,
                                                      OwnedFiles policy) {
  TRY_ASSIGN(overwritten, find_overwritten_files(plan, scheme, previous, owners));
  return ownership_warnings(overwritten, policy);
}

// A scheme whose library directory is DIR/site (no --root).
Scheme scheme_in(const TemporaryDirectory& dir) {
  std::string site = dir / "site";
  REQUIRE(make_directories(site));
  return Scheme{site, site, dir / "include", dir / "bin", dir.path(), ""};
}

// A plan that writes `content` to site/RELATIVE, with the RECORD digest of
// `recorded` (the bytes the wheel says the file has).
struct OnePlacementPlan {
  std::string name;   // entry.name views it
  std::string digest; // file.digest() views it
  ArchiveEntry entry;
  ExpectedFile file;
  InstallPlan plan;
  OnePlacementPlan(const Scheme& scheme, const std::string& relative, const std::string& recorded) : name(relative) {
    entry.name = name;
    file.entry = &entry;
    file.listed = true;
    file.algorithm = HashAlgorithm::sha256;
    digest = digest_base64url(HashAlgorithm::sha256, recorded);
    file.digest_text = digest.data();
    file.digest_length = static_cast<uint16_t>(digest.size());
    entry.size = recorded.size();
    file.sized = true;
    plan.lib_dir = scheme.purelib;
    plan.placements.push_back(Placement{&file, plan.directory(scheme.purelib), 0, FileRole::package, false, {}});
  }
};

// alpha 1.0 installed, owning site/ns/__init__.py ("alpha's").
void install_alpha_owning_ns(const Scheme& scheme) {
  install_record(scheme.purelib, "alpha-1.0", {"ns/__init__.py"});
  REQUIRE(make_directories(scheme.purelib + "/ns"));
  write_text_file(scheme.purelib + "/ns/__init__.py", "alpha's\n");
}

Result<std::vector<std::string>> check(const OnePlacementPlan& planned, const Scheme& scheme, OwnedFiles policy,
                                       std::set<std::string> previous = {}) {
  FileOwners owners(scheme, "new", "cpython-311");
  return check_file_ownership(planned.plan, scheme, previous, owners, policy);
}
} // namespace

TEST_CASE("FileOwners reads no RECORD for an empty batch, then names the owners") {
  TemporaryDirectory dir;
  Scheme scheme = scheme_in(dir);
  install_record(scheme.purelib, "alpha-1.0", {"alpha/__init__.py", "shared.txt"});
  install_record(scheme.purelib, "beta-1.0", {"shared.txt", "beta.txt"});
  install_record(scheme.purelib, "New-2.0", {"shared.txt"});
  FileOwners owners(scheme, "new", "cpython-311");
  auto none = owners.owners_of({});
  REQUIRE(none);
  CHECK(none->empty());
  CHECK(owners.records_read() == 0);
  std::string site = scheme.purelib + "/";
  auto found = owners.owners_of({site + "shared.txt", site + "beta.txt", site + "other.txt",
                                 site + "alpha/__pycache__/__init__.cpython-311.opt-1.pyc",
                                 site + "alpha/__pycache__/__init__.cpython-310.pyc"});
  REQUIRE(found);
  CHECK(*found == OwnerByPath{{site + "shared.txt", "alpha 1.0"}, // the first in name order
                              {site + "beta.txt", "beta 1.0"},
                              {site + "alpha/__pycache__/__init__.cpython-311.opt-1.pyc", "alpha 1.0"}});
  CHECK(owners.records_read() == 2); // the excluded project is not read
}

TEST_CASE("a project whose RECORD is missing or does not parse owns nothing") {
  TemporaryDirectory dir;
  Scheme scheme = scheme_in(dir);
  install_record(scheme.purelib, "broken-1.0", {"x.txt"});
  REQUIRE(remove_file(scheme.purelib + "/broken-1.0.dist-info/RECORD"));
  FileOwners owners(scheme, "new", "cpython-311");
  auto found = owners.owners_of({scheme.purelib + "/x.txt"});
  REQUIRE(found);
  CHECK(found->empty());
}

TEST_CASE("a RECORD that is there but cannot be read is an error naming its project (its files are unknown)") {
  TemporaryDirectory dir;
  Scheme scheme = scheme_in(dir);
  install_record(scheme.purelib, "opaque-1.0", {"x.txt"});
  std::string record = scheme.purelib + "/opaque-1.0.dist-info/RECORD";
  REQUIRE(remove_file(record));
  REQUIRE(make_directories(record)); // read(2) fails with EISDIR
  FileOwners owners(scheme, "new", "cpython-311");
  auto found = owners.owners_of({scheme.purelib + "/x.txt"});
  REQUIRE_FALSE(found);
  CHECK(found.error().message.find("cannot tell which files opaque 1.0 owns") != std::string::npos);
}

TEST_CASE("a file another project lists is a conflict unless the bytes are the same") {
  TemporaryDirectory dir;
  Scheme scheme = scheme_in(dir);
  install_alpha_owning_ns(scheme);

  SUBCASE("other bytes: refused, naming the path and the owner") {
    OnePlacementPlan planned(scheme, "ns/__init__.py", "new's\n");
    auto checked = check(planned, scheme, OwnedFiles::refuse);
    REQUIRE(!checked);
    CHECK(checked.error().message ==
          scheme.purelib +
              "/ns/__init__.py: already installed by alpha 1.0 with other content (--overwrite replaces it)");
  }
  SUBCASE("other bytes with --overwrite: one warning") {
    OnePlacementPlan planned(scheme, "ns/__init__.py", "new's\n");
    auto checked = check(planned, scheme, OwnedFiles::replace);
    REQUIRE(checked);
    CHECK(*checked ==
          std::vector<std::string>{scheme.purelib + "/ns/__init__.py: replaces the file of alpha 1.0 (--overwrite)"});
  }
  SUBCASE("the same bytes: no conflict") {
    OnePlacementPlan planned(scheme, "ns/__init__.py", "alpha's\n");
    auto checked = check(planned, scheme, OwnedFiles::refuse);
    REQUIRE(checked);
    CHECK(checked->empty());
  }
  SUBCASE("the same bytes but another recorded size: a conflict") {
    OnePlacementPlan planned(scheme, "ns/__init__.py", "alpha's\n");
    planned.entry.size = 3; // the size RECORD gives is the entry's
    CHECK(!check(planned, scheme, OwnedFiles::refuse));
  }
  SUBCASE("a file of the previous version of the same project is never a conflict") {
    OnePlacementPlan planned(scheme, "ns/__init__.py", "new's\n");
    auto checked = check(planned, scheme, OwnedFiles::refuse, {scheme.purelib + "/ns/__init__.py"});
    REQUIRE(checked);
    CHECK(checked->empty());
  }
}

TEST_CASE("only paths on disk are looked up: a fresh install reads no RECORD") {
  TemporaryDirectory dir;
  Scheme scheme = scheme_in(dir);
  install_record(scheme.purelib, "alpha-1.0", {"gone.txt"}); // listed, but not on disk
  OnePlacementPlan planned(scheme, "gone.txt", "new\n");
  FileOwners owners(scheme, "new", "cpython-311");
  auto checked = check_file_ownership(planned.plan, scheme, {}, owners, OwnedFiles::refuse);
  REQUIRE(checked);
  CHECK(checked->empty());
  CHECK(owners.records_read() == 0);
}

TEST_CASE("a generated script is compared by its content") {
  TemporaryDirectory dir;
  Scheme scheme = scheme_in(dir);
  REQUIRE(make_directories(scheme.scripts));
  install_record(scheme.purelib, "alpha-1.0", {"../bin/tool"});
  write_text_file(scheme.scripts + "/tool", "#!/usr/bin/python3\nalpha\n");
  InstallPlan plan;
  plan.lib_dir = scheme.purelib;
  plan.scripts.push_back(GeneratedScript{scheme.scripts + "/tool", "../bin/tool", "#!/usr/bin/python3\nalpha\n"});
  FileOwners owners(scheme, "new", "cpython-311");
  auto same = check_file_ownership(plan, scheme, {}, owners, OwnedFiles::refuse);
  REQUIRE(same);
  CHECK(same->empty());
  plan.scripts.front().content = "#!/usr/bin/python3\nnew\n";
  auto other = check_file_ownership(plan, scheme, {}, owners, OwnedFiles::refuse);
  REQUIRE(!other);
  CHECK(other.error().message.find("bin/tool: already installed by alpha 1.0") != std::string::npos);
}

TEST_CASE("files under a directory the survey found missing are not looked for on disk") {
  TemporaryDirectory dir;
  Scheme scheme = scheme_in(dir);
  install_alpha_owning_ns(scheme);
  OnePlacementPlan planned(scheme, "ns/__init__.py", "new's\n");
  FileOwners owners(scheme, "new", "cpython-311");
  auto conflicts = [&](std::vector<std::string> missing) {
    auto found = find_overwritten_files(planned.plan, scheme, {}, owners, missing);
    REQUIRE(found);
    return found->size();
  };
  CHECK(conflicts({}) == 1);
  CHECK(conflicts({scheme.purelib + "/n", scheme.purelib + "/ns/__init__", scheme.purelib + "/other"}) == 1);
  // A contract the survey keeps: the directory is missing, so nothing under it is read.
  CHECK(conflicts({scheme.purelib + "/ns"}) == 0);
  CHECK(conflicts({scheme.purelib}) == 0);
}
