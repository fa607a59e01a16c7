#include "file_lock.h"

#include "file_system.h"
#include "test_support.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <filesystem>
#include <optional>
#include <sys/file.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace whlinst;
using whlinst::testing::TemporaryDirectory;

namespace {
bool exists(const std::string& path) { return file_kind(path) != FileKind::missing; }

FileLock acquired(const std::string& path, LockMode mode, LockFile lifetime, LockWait wait = {}) {
  auto lock = FileLock::acquire(path, mode, lifetime, wait);
  REQUIRE_MESSAGE(lock.ok(), lock.error().message);
  return std::move(*lock);
}

// A lock held by a child process (another open file description and pid).
struct ChildHolder {
  pid_t pid = -1;
  int release_pipe = -1;
  ChildHolder(const std::string& path, int operation) {
    int ready[2], release[2];
    REQUIRE(::pipe(ready) == 0);
    REQUIRE(::pipe(release) == 0);
    pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(release[1]);
      ::close(ready[0]);
      int fd = ::open(path.c_str(), O_RDWR | O_CREAT, 0666);
      ::flock(fd, operation);
      char byte = 1;
      (void)!::write(ready[1], &byte, 1);
      (void)!::read(release[0], &byte, 1);
      ::_exit(0);
    }
    ::close(ready[1]);
    ::close(release[0]);
    char byte;
    REQUIRE(::read(ready[0], &byte, 1) == 1);
    ::close(ready[0]);
    release_pipe = release[1];
  }
  ~ChildHolder() {
    char byte = 1; // not EOF: a later child may have inherited the pipe
    (void)!::write(release_pipe, &byte, 1);
    ::close(release_pipe);
    int status;
    ::waitpid(pid, &status, 0);
  }
};
} // namespace

TEST_CASE("FileLock: a removed lock leaves no file and no directory it created") {
  TemporaryDirectory directory;
  std::string lib = directory / "lib";
  std::string path = lib + "/site-packages/.whlinst/pkg.lock";
  {
    FileLock lock = acquired(path, LockMode::exclusive, LockFile::removed);
    CHECK(exists(path));
  }
  CHECK_FALSE(exists(path));
  CHECK_FALSE(exists(lib));
}

TEST_CASE("FileLock: release keeps a directory that is not empty or was there before") {
  TemporaryDirectory directory;
  std::string site = directory / "site-packages";
  std::filesystem::create_directories(site);
  {
    FileLock first = acquired(site + "/.whlinst/a.lock", LockMode::exclusive, LockFile::removed);
    FileLock second = acquired(site + "/.whlinst/b.lock", LockMode::exclusive, LockFile::removed);
    first.release();
    CHECK_FALSE(exists(site + "/.whlinst/a.lock"));
    CHECK(exists(site + "/.whlinst/b.lock"));
  }
  CHECK_FALSE(exists(site + "/.whlinst"));
  CHECK(exists(site));
}

TEST_CASE("FileLock: a kept lock file stays") {
  TemporaryDirectory directory;
  std::string path = directory / ".lock";
  acquired(path, LockMode::shared, LockFile::kept).release();
  CHECK(exists(path));
}

TEST_CASE("FileLock: a shared holder does not remove a file another holder shares") {
  TemporaryDirectory directory;
  std::string path = directory / "state/pkg.lock";
  FileLock mine = acquired(path, LockMode::shared, LockFile::removed);
  ChildHolder other(path, LOCK_SH);
  mine.release();
  CHECK(exists(path));
}

TEST_CASE("FileLock: an acquirer whose file was unlinked and replaced while it waited starts again") {
  TemporaryDirectory directory;
  std::string path = directory / "state/pkg.lock";
  std::filesystem::create_directories(directory / "state");
  // The old holder locks the file; the acquirer opens it and waits; the
  // old holder unlinks it (as a releasing holder does), a new holder locks
  // a new file at the same path, and the old inode is released: the
  // acquirer must see that the path names another inode and wait on it.
  auto old_holder = std::make_unique<ChildHolder>(path, LOCK_EX);
  std::optional<Result<FileLock>> second;
  std::thread acquirer([&] {
    second.emplace(FileLock::acquire(path, LockMode::exclusive, LockFile::removed,
                                     LockWait{std::chrono::milliseconds(1500), WaitReport::silent}));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ::unlink(path.c_str());
  ChildHolder new_holder(path, LOCK_EX);
  old_holder.reset();
  acquirer.join();
  REQUIRE(second.has_value());
  REQUIRE_FALSE(second->ok());
  CHECK(second->error().message ==
        "timed out after 1.5 s waiting for the lock on " + path + " held by PID " + std::to_string(new_holder.pid));
}

TEST_CASE("flock_holders_in: FLOCK holders of one device and inode, waiters excluded") {
  std::string_view text = "1: POSIX  ADVISORY  WRITE 10 08:01:77 0 EOF\n"
                          "2: FLOCK  ADVISORY  WRITE 11 fd:1a:77 0 EOF\n"
                          "2: -> FLOCK  ADVISORY  WRITE 12 fd:1a:77 0 EOF\n"
                          "3: FLOCK  ADVISORY  READ  13 fd:1a:78 0 EOF\n"
                          "4: FLOCK  ADVISORY  READ  14 fd:1b:77 0 EOF\n";
  CHECK(flock_holders_in(text, 0xfd, 0x1a, 77) == std::vector<long>{11});
  CHECK(flock_holders_in(text, 0xfd, 0x1a, 79).empty());
}

TEST_CASE("parse_lock_timeout") {
  CHECK(*parse_lock_timeout("2.5") == std::chrono::milliseconds(2500));
  CHECK(*parse_lock_timeout("0") == std::chrono::milliseconds(0));
  CHECK_FALSE(parse_lock_timeout("-1").ok());
  CHECK_FALSE(parse_lock_timeout("soon").ok());
  CHECK_FALSE(parse_lock_timeout("").ok());
}
