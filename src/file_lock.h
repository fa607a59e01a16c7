#pragma once
// FileLock: an flock(2) lock on a lock file, held for the object's lifetime
// and released by the kernel if the process dies. The lock file is created
// if missing and never unlinked (another process may hold it).

#include "fd.h"
#include "result.h"

#include <string>

namespace whlinst {

enum class LockMode { shared, exclusive };

class FileLock {
public:
  // Blocks until the lock is granted. Creates missing parent directories.
  static Result<FileLock> acquire(const std::string& path, LockMode mode);
  const std::string& path() const { return path_; }

private:
  FileLock(std::string path, Fd fd) : path_(std::move(path)), fd_(std::move(fd)) {}
  std::string path_;
  Fd fd_;
};

} // namespace whlinst
