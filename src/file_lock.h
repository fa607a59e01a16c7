#pragma once
// FileLock: an flock(2) lock on a lock file, held for the object's lifetime
// and released by the kernel if the process dies.
//
// Acquiring creates the lock file (and missing parent directories), locks
// it, then checks that the path still names the inode it locked (fstat
// against stat): a holder that removed the file on release, or anyone who
// replaced it, makes the acquirer start again, so that two processes never
// both believe they hold one lock.
//
// LockFile::removed (whlinst's own state, docs/design.md invariant 9): on
// release the file is unlinked while still locked, by an exclusive holder or
// by a shared holder that can turn its lock exclusive at once (no other
// holder); then its directory (whlinst's state directory) and the parent
// directories this acquisition created are removed when empty. A process
// creating a lock in such a directory at that moment starts again (ENOENT
// is retried), so neither fails. LockFile::kept leaves the file (a venv's
// `.lock`, uv's convention; the user's --lock FILE).

#include "fd.h"
#include "lock_wait.h"
#include "result.h"

#include <string>
#include <vector>

namespace whlinst {

enum class LockMode { shared, exclusive };
enum class LockFile { kept, removed };

class FileLock {
public:
  // Blocks as `wait` says until the lock is granted.
  static Result<FileLock> acquire(const std::string& path, LockMode mode, LockFile lifetime,
                                  const LockWait& wait = {});
  ~FileLock();
  FileLock(FileLock&& other) noexcept = default;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

  const std::string& path() const { return path_; }
  // Releases now (as the destructor does).
  void release();

private:
  FileLock(std::string path, Fd fd, LockMode mode, LockFile lifetime, std::vector<std::string> created)
      : path_(std::move(path)), fd_(std::move(fd)), mode_(mode), lifetime_(lifetime),
        created_(std::move(created)) {}
  std::string path_;
  Fd fd_;
  LockMode mode_;
  LockFile lifetime_;
  std::vector<std::string> created_; // directories made by acquire, deepest first
};

// Whether some process holds an exclusive flock(2) on the file at `path`
// (a journal's writer, a set's marker): a shared lock cannot be taken at
// once. False when the file cannot be opened.
bool held_by_a_process(const std::string& path);

} // namespace whlinst
