#include "confined_removal.h"

#include "file_system.h"
#include "test_support.h"

#include <doctest/doctest.h>
#include <unistd.h>

using namespace whlinst;
using whlinst::testing::TemporaryDirectory;
using whlinst::testing::write_text_file;

TEST_CASE("remove_confined removes the file and the directories it empties, up to the stop") {
  TemporaryDirectory directory;
  std::string stop = directory / "site";
  REQUIRE(make_directories(stop + "/a/b").ok());
  REQUIRE(make_directories(stop + "/k").ok());
  write_text_file(stop + "/a/b/f.py", "x");
  write_text_file(stop + "/k/kept.py", "x");
  write_text_file(stop + "/k/g.py", "x");
  CHECK(remove_confined(stop + "/a/b/f.py", stop).ok());
  CHECK(file_kind(stop + "/a") == FileKind::missing);
  CHECK(file_kind(stop) == FileKind::directory);
  CHECK(remove_confined(stop + "/k/g.py", stop).ok());
  CHECK(file_kind(stop + "/k/kept.py") == FileKind::regular); // not empty: stays
  CHECK(remove_confined(stop + "/k/g.py", stop).ok());        // gone already: fine
}

TEST_CASE("remove_confined goes on pruning past what a killed run removed already") {
  TemporaryDirectory directory;
  std::string stop = directory / "site";
  REQUIRE(make_directories(stop + "/a/b").ok());
  CHECK(remove_confined(stop + "/a/b/c/f.py", stop).ok()); // c and f gone, b and a empty
  CHECK(file_kind(stop + "/a") == FileKind::missing);
  write_text_file(directory / "outside.txt", "x");
  CHECK(remove_confined(directory / "outside.txt", stop).ok()); // not below the stop: as named
  CHECK(file_kind(directory / "outside.txt") == FileKind::missing);
}

TEST_CASE("remove_confined deletes nothing through a directory replaced by a link") {
  TemporaryDirectory directory;
  std::string stop = directory / "site";
  REQUIRE(make_directories(stop + "/pkg").ok());
  REQUIRE(make_directories(directory / "elsewhere/sub").ok());
  write_text_file(directory / "elsewhere/sub/f.py", "x");
  REQUIRE(::symlink((directory / "elsewhere").c_str(), (stop + "/pkg/linked").c_str()) == 0);
  Status removed = remove_confined(stop + "/pkg/linked/sub/f.py", stop);
  REQUIRE_FALSE(removed.ok());
  CHECK(removed.error().message ==
        stop + "/pkg/linked is a symbolic link: " + stop + "/pkg/linked/sub/f.py not removed");
  CHECK(file_kind(directory / "elsewhere/sub/f.py") == FileKind::regular);
  CHECK(file_kind(stop + "/pkg/linked") == FileKind::symlink);
  CHECK(remove_confined(stop + "/pkg/linked", stop).ok()); // the link itself is a file of the directory
  CHECK(file_kind(stop + "/pkg") == FileKind::missing);
  CHECK(file_kind(directory / "elsewhere/sub/f.py") == FileKind::regular);
}
