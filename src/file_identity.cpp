#include "file_identity.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace whlinst {

bool same_file(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_size == b.st_size &&
         a.st_mtim.tv_sec == b.st_mtim.tv_sec && a.st_mtim.tv_nsec == b.st_mtim.tv_nsec;
}

Error changed_error() { return Error{"the wheel file changed or vanished while being read"}; }

bool changed_since(int fd, const struct stat& identity) {
  struct stat st;
  return ::fstat(fd, &st) != 0 || !same_file(st, identity);
}

bool path_changed(const std::string& path, const struct stat& identity) {
  struct stat st;
  return identity.st_ino != 0 && (::stat(path.c_str(), &st) != 0 || !same_file(st, identity));
}

Result<std::string> read_snapshot(int fd, const struct stat& identity) {
  std::string bytes(static_cast<size_t>(identity.st_size), '\0');
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t got = ::pread(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0)
      return make_error("cannot read the wheel file (", std::strerror(errno), ")");
    if (got == 0)
      return changed_error();
    done += static_cast<size_t>(got);
  }
  if (changed_since(fd, identity))
    return changed_error();
  return bytes;
}

} // namespace whlinst
