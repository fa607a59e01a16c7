#include "confined_removal.h"

#include "faulty_file_system_calls.h"
#include "file_system.h"
#include "paths.h"
#include "test_support.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <unistd.h>

using namespace whlinst;
using whlinst::testing::TemporaryDirectory;
using whlinst::testing::write_text_file;

namespace {
// One file removed, then the directories it emptied (the first pruning
// error, if any).
Status remove_confined(const std::string& path, const std::string& stop) {
  ConfinedRemoval removal;
  TRY(removal.remove(path, stop));
  std::vector<std::string> failures = removal.prune_emptied();
  if (!failures.empty())
    return make_error(failures.front());
  return {};
}

// Writes each of `files` (paths below `root`), making their directories.
void plant(const std::string& root, std::initializer_list<std::string> files) {
  for (const std::string& file : files) {
    REQUIRE(make_directories(parent_path(root + "/" + file)).ok());
    write_text_file(root + "/" + file, "x");
  }
}
} // namespace

TEST_CASE("remove_confined removes the file and the directories it empties, up to the stop") {
  TemporaryDirectory directory;
  std::string stop = directory / "site";
  plant(stop, {"a/b/f.py", "k/kept.py", "k/g.py"});
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

namespace {
// How many traced calls start with `call` ("openat", "unlinkat", ...).
size_t calls_named(const std::vector<std::string>& trace, std::string_view call) {
  size_t count = 0;
  for (const std::string& line : trace)
    count += line.starts_with(std::string(call) + " ");
  return count;
}
} // namespace

TEST_CASE("ConfinedRemoval opens each directory once for the files listed together, and prunes once") {
  TemporaryDirectory directory;
  std::string stop = directory / "site";
  REQUIRE(make_directories(stop + "/pkg/sub/__pycache__").ok());
  REQUIRE(make_directories(stop + "/keep").ok());
  std::vector<std::string> files;
  for (int i = 0; i < 50; ++i)
    for (std::string in : {"/pkg/", "/pkg/sub/", "/pkg/sub/__pycache__/"})
      files.push_back(stop + in + "m" + std::to_string(i) + ".py");
  files.push_back(stop + "/keep/mine.py");
  std::sort(files.begin(), files.end()); // as a RECORD lists them: a directory's files together
  for (const std::string& file : files)
    write_text_file(file, "x");
  write_text_file(stop + "/keep/theirs.py", "x");
  std::vector<std::string> trace;
  {
    whlinst::testing::FaultyFileSystemCalls calls;
    FileSystemCallsOverride use(calls);
    ConfinedRemoval removal;
    for (const std::string& file : files)
      REQUIRE(removal.remove(file, stop).ok());
    CHECK(removal.prune_emptied().empty());
    trace = calls.trace();
  }
  CHECK(calls_named(trace, "unlinkat") == files.size() + 3 + 1); // the files, 3 directories, keep (not empty)
  CHECK(calls_named(trace, "openat") <= 8);                      // not one walk per file
  CHECK(file_kind(stop + "/pkg") == FileKind::missing);
  CHECK(file_kind(stop + "/keep/theirs.py") == FileKind::regular);
  CHECK(file_kind(stop + "/keep/mine.py") == FileKind::missing);
}

TEST_CASE("ConfinedRemoval: files in several scheme directories, in any order, and paths deeper than it keeps open") {
  TemporaryDirectory directory;
  std::string site = directory / "site", bin = directory / "bin";
  std::string deep = site + "/deep";
  for (int i = 0; i < 100; ++i)
    deep += "/d";
  REQUIRE(make_directories(deep).ok());
  REQUIRE(make_directories(site + "/a/b").ok());
  REQUIRE(make_directories(bin).ok());
  std::vector<std::pair<std::string, std::string>> files{{site + "/a/b/x.py", site}, {bin + "/tool", bin},
                                                         {deep + "/f.py", site},     {site + "/a/y.py", site},
                                                         {deep + "/g.py", site},     {site + "/a/b/z.py", site}};
  for (const auto& [file, stop] : files)
    write_text_file(file, "x");
  ConfinedRemoval removal;
  for (const auto& [file, stop] : files)
    CHECK(removal.remove(file, stop).ok());
  CHECK(removal.prune_emptied().empty());
  CHECK(file_kind(site + "/a") == FileKind::missing);
  CHECK(file_kind(site + "/deep") == FileKind::missing);
  CHECK(file_kind(site) == FileKind::directory);
  CHECK(file_kind(bin) == FileKind::directory);
  CHECK(file_kind(bin + "/tool") == FileKind::missing);
}

TEST_CASE("ConfinedRemoval: a directory left not empty stays with its ancestors; its emptied siblings go") {
  TemporaryDirectory directory;
  std::string stop = directory / "site";
  plant(stop, {"ns/one/inner/a.py", "ns/two/b.py", "ns/two/other_project.py"});
  ConfinedRemoval removal;
  CHECK(removal.remove(stop + "/ns/one/inner/a.py", stop).ok());
  CHECK(removal.remove(stop + "/ns/two/b.py", stop).ok());
  CHECK(removal.prune_emptied().empty());
  CHECK(file_kind(stop + "/ns/one") == FileKind::missing);
  CHECK(file_kind(stop + "/ns/two/other_project.py") == FileKind::regular);
}
