#include "file_lock.h"

#include "file_system.h"
#include "paths.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>

namespace whlinst {

Result<FileLock> FileLock::acquire(const std::string& path, LockMode mode) {
  TRY(make_directories(parent_path(path)));
  Fd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666));
  if (!fd.valid())
    return errno_error("cannot open lock file", path);
  int operation = mode == LockMode::shared ? LOCK_SH : LOCK_EX;
  while (::flock(fd.get(), operation) != 0)
    if (errno != EINTR)
      return errno_error("cannot lock", path);
  return FileLock(path, std::move(fd));
}

} // namespace whlinst
