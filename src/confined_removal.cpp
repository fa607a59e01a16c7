#include "confined_removal.h"

#include "fd.h"
#include "file_system.h"
#include "file_system_calls.h"
#include "paths.h"
#include "text.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace whlinst {

namespace {
// The components of `relative` ("a/b/c" -> a, b, c).
std::vector<std::string> components(const std::string& relative) {
  std::vector<std::string> parts;
  for (size_t start = 0; start <= relative.size();) {
    size_t slash = relative.find('/', start);
    size_t end = slash == std::string::npos ? relative.size() : slash;
    if (end > start)
      parts.push_back(relative.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

enum class Walk { opened, missing, link, failed };

// Opens the directory `stop`/parts[0]/.../parts[count-1] one level at a
// time, never following a link below `stop`; at most two descriptors open
// at once. On Walk::link, `depth` is the number of components up to and
// including the link.
Walk open_directory_below(const std::string& stop, const std::vector<std::string>& parts, size_t count,
                          Fd& directory, size_t& depth) {
  directory = Fd(file_system_calls().open(stop.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC, 0));
  if (!directory.valid())
    return errno == ENOENT ? Walk::missing : Walk::failed;
  for (depth = 0; depth < count;) {
    Fd next(file_system_calls().openat(directory.get(), parts[depth].c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC,
                                       0));
    ++depth;
    struct stat st;
    if (!next.valid())
      return errno == ENOENT ? Walk::missing : Walk::failed;
    if (::fstat(next.get(), &st) != 0)
      return Walk::failed;
    if (S_ISLNK(st.st_mode))
      return Walk::link;
    if (!S_ISDIR(st.st_mode))
      return Walk::missing; // a file where a directory was: the path names nothing
    directory = std::move(next);
  }
  return Walk::opened;
}

std::string joined(const std::string& stop, const std::vector<std::string>& parts, size_t count) {
  std::string path = stop;
  for (size_t i = 0; i < count; ++i)
    path = join_path(path, parts[i]);
  return path;
}

// Removes the empty directories stop/parts[0..count) deepest first, each
// relative to its parent opened as above, going on past those already gone
// (a run killed while pruning); stops at the first that is not empty or
// not reachable without following a link. Errors: any other failure (an
// emptied directory that stays would still import as a namespace package).
Status prune_below(const std::string& stop, const std::vector<std::string>& parts, size_t count) {
  for (size_t level = count; level > 0; --level) {
    Fd parent;
    size_t depth = 0;
    Walk walk = open_directory_below(stop, parts, level - 1, parent, depth);
    if (walk == Walk::missing)
      continue;
    if (walk == Walk::link)
      return {};
    if (walk == Walk::opened &&
        file_system_calls().unlinkat(parent.get(), parts[level - 1].c_str(), AT_REMOVEDIR) == 0)
      continue;
    if (errno == ENOTEMPTY || errno == EEXIST)
      return {};
    if (errno != ENOENT)
      return errno_error("cannot remove directory", joined(stop, parts, level));
  }
  return {};
}
} // namespace

Status remove_confined(const std::string& path, const std::string& stop) {
  if (!starts_with(path, stop + "/"))
    return remove_file(path);
  std::vector<std::string> parts = components(path.substr(stop.size() + 1));
  if (parts.empty())
    return {};
  Fd parent;
  size_t depth = 0;
  Walk walk = open_directory_below(stop, parts, parts.size() - 1, parent, depth);
  int error = errno;
  if (walk == Walk::link)
    return make_error(joined(stop, parts, depth), " is a symbolic link: ", path, " not removed");
  if (walk == Walk::failed) {
    errno = error;
    return errno_error("cannot remove", path);
  }
  if (walk == Walk::opened && file_system_calls().unlinkat(parent.get(), parts.back().c_str(), 0) != 0 &&
      errno != ENOENT)
    return errno_error("cannot remove", path);
  parent = Fd();
  return prune_below(stop, parts, parts.size() - 1);
}

} // namespace whlinst
