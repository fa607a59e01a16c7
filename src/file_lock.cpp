#include "file_lock.h"

#include "file_system.h"
#include "file_system_calls.h"
#include "paths.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace whlinst {

namespace {
// Creates `directory` and its missing parents, adding those it made itself
// to `created` (deepest first). ENOENT (a parent removed meanwhile by a
// process releasing its lock) starts the walk again.
Status make_directories_noting(const std::string& directory, std::vector<std::string>& created) {
  for (int attempt = 0;; ++attempt) {
    std::vector<std::string> missing;
    for (std::string path = directory; !path.empty() && path != "/" && file_kind(path) == FileKind::missing;
         path = parent_path(path))
      missing.push_back(path);
    bool vanished = false;
    for (auto path = missing.rbegin(); path != missing.rend() && !vanished; ++path) {
      if (file_system_calls().mkdir(path->c_str(), 0777) == 0) {
        if (std::find(created.begin(), created.end(), *path) == created.end())
          created.insert(created.begin(), *path);
      } else if (errno == ENOENT && attempt < 100) {
        vanished = true;
      } else if (errno != EEXIST) {
        return errno_error("cannot create directory", *path);
      }
    }
    if (!vanished)
      return {};
  }
}

// Whether `path` still names the file open at `fd`.
bool still_named(int fd, const std::string& path) {
  struct stat opened, named;
  return ::fstat(fd, &opened) == 0 && ::stat(path.c_str(), &named) == 0 && opened.st_dev == named.st_dev &&
         opened.st_ino == named.st_ino;
}
} // namespace

namespace {
// Removes the directories in `created` (deepest first) while they are empty.
void remove_created(const std::vector<std::string>& created) {
  for (const std::string& directory : created)
    if (file_system_calls().rmdir(directory.c_str()) != 0)
      return;
}

// Opens (creating) and locks the lock file, noting the directories made.
Result<Fd> open_locked(const std::string& path, int operation, const LockWait& wait,
                       std::vector<std::string>& created) {
  for (int attempt = 0;; ++attempt) {
    TRY(make_directories_noting(parent_path(path), created));
    Fd fd(file_system_calls().open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666));
    if (!fd.valid() && errno == ENOENT && attempt < 1000)
      continue; // the directory was removed by a process releasing its lock
    if (!fd.valid())
      return errno_error("cannot open lock file", path);
    TRY(wait_for_flock(fd.get(), operation, path, wait));
    if (still_named(fd.get(), path))
      return fd;
  }
}
} // namespace

Result<FileLock> FileLock::acquire(const std::string& path, LockMode mode, LockFile lifetime,
                                   const LockWait& wait) {
  std::vector<std::string> created;
  auto fd = open_locked(path, mode == LockMode::shared ? LOCK_SH : LOCK_EX, wait, created);
  if (!fd) {
    remove_created(created); // no trace of a lock not taken (docs/design.md invariant 9)
    return fd.take_error();
  }
  return FileLock(path, std::move(*fd), mode, lifetime, std::move(created));
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    release();
    path_ = std::move(other.path_);
    fd_ = std::move(other.fd_);
    mode_ = other.mode_;
    lifetime_ = other.lifetime_;
    created_ = std::move(other.created_);
  }
  return *this;
}

FileLock::~FileLock() { release(); }

void FileLock::release() {
  if (!fd_.valid())
    return;
  if (lifetime_ == LockFile::kept) {
    fd_.reset();
    return;
  }
  // Turning a shared lock exclusive fails at once when another process holds
  // it too (the lock may be dropped then: it is being released anyway).
  if (mode_ == LockMode::exclusive || ::flock(fd_.get(), LOCK_EX | LOCK_NB) == 0)
    if (still_named(fd_.get(), path_))
      file_system_calls().unlink(path_.c_str());
  fd_.reset();
  std::string state_dir = parent_path(path_);
  if (file_system_calls().rmdir(state_dir.c_str()) != 0)
    return;
  for (const std::string& directory : created_)
    if (directory != state_dir && file_system_calls().rmdir(directory.c_str()) != 0)
      break;
}

bool held_by_a_process(const std::string& path) {
  Fd fd(file_system_calls().open(path.c_str(), O_RDONLY | O_CLOEXEC, 0));
  return fd.valid() && ::flock(fd.get(), LOCK_SH | LOCK_NB) != 0;
}

} // namespace whlinst
