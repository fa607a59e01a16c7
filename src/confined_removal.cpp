#include "confined_removal.h"

#include "file_system.h"
#include "file_system_calls.h"
#include "paths.h"
#include "text.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <tuple>
#include <unistd.h>

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

// parts[0..count) joined with '/'.
std::string relative_path(const std::vector<std::string>& parts, size_t count) {
  std::string path;
  for (size_t i = 0; i < count; ++i)
    path += (i == 0 ? "" : "/") + parts[i];
  return path;
}

// How many levels below the stop a walk keeps open; deeper directories (a
// hostile wheel's thousand nested ones) are opened again for each file.
constexpr size_t kKeptLevels = 64;
} // namespace

DirectoryWalk::Reached DirectoryWalk::open(const std::string& stop, const std::vector<std::string>& parts,
                                           size_t count) {
  deep_ = Fd();
  if (opened_.empty() || stop != stop_) {
    opened_.clear();
    names_.clear();
    stop_ = stop;
    Fd top(file_system_calls().open(stop.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC, 0));
    depth_ = 0;
    if (!top.valid())
      return errno == ENOENT ? Reached::missing : Reached::failed;
    opened_.push_back(std::move(top));
  }
  size_t shared = 0;
  while (shared < names_.size() && shared < count && names_[shared] == parts[shared])
    ++shared;
  forget_from(shared + 1);
  for (depth_ = shared; depth_ < count;) {
    Fd next(file_system_calls().openat(directory(), parts[depth_].c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC, 0));
    ++depth_;
    struct stat st;
    if (!next.valid())
      return errno == ENOENT ? Reached::missing : Reached::failed;
    if (::fstat(next.get(), &st) != 0)
      return Reached::failed;
    if (S_ISLNK(st.st_mode))
      return Reached::link;
    if (!S_ISDIR(st.st_mode))
      return Reached::missing; // a file where a directory was: the path names nothing
    if (opened_.size() <= kKeptLevels) {
      names_.push_back(parts[depth_ - 1]);
      opened_.push_back(std::move(next));
    } else {
      deep_ = std::move(next);
    }
  }
  return Reached::opened;
}

int DirectoryWalk::directory() const { return deep_.valid() ? deep_.get() : opened_.back().get(); }

void DirectoryWalk::forget_from(size_t count) {
  deep_ = Fd();
  if (count >= 1 && opened_.size() > count) {
    opened_.resize(count);
    names_.resize(count - 1);
  }
}

bool ConfinedRemoval::Directory::operator<(const Directory& other) const {
  if (depth != other.depth)
    return depth > other.depth;
  return std::tie(stop, relative) < std::tie(other.stop, other.relative);
}

Status ConfinedRemoval::remove(const std::string& path, const std::string& stop) {
  if (!starts_with(path, stop + "/"))
    return remove_file(path);
  std::vector<std::string> parts = components(path.substr(stop.size() + 1));
  if (parts.empty())
    return {};
  DirectoryWalk::Reached reached = walk_.open(stop, parts, parts.size() - 1);
  int error = errno;
  if (reached == DirectoryWalk::Reached::link)
    return make_error(join_path(stop, relative_path(parts, walk_.depth())), " is a symbolic link: ", path,
                      " not removed");
  if (reached == DirectoryWalk::Reached::failed) {
    errno = error;
    return errno_error("cannot remove", path);
  }
  if (reached == DirectoryWalk::Reached::opened &&
      file_system_calls().unlinkat(walk_.directory(), parts.back().c_str(), 0) != 0 && errno != ENOENT)
    return errno_error("cannot remove", path);
  add_candidate(stop, parts, parts.size() - 1);
  return {};
}

void ConfinedRemoval::add_candidate(const std::string& stop, const std::vector<std::string>& parts, size_t count) {
  if (count > 0)
    candidates_.insert({count, stop, relative_path(parts, count)});
}

void ConfinedRemoval::keep_with_ancestors(const Directory& directory) {
  for (std::string relative = directory.relative; !relative.empty(); relative = parent_path(relative))
    if (!kept_.emplace(directory.stop, relative).second)
      return; // its ancestors are kept already
}

std::vector<std::string> ConfinedRemoval::prune_emptied() {
  std::vector<std::string> failures;
  while (!candidates_.empty()) {
    Directory directory = candidates_.extract(candidates_.begin()).value();
    if (kept_.count({directory.stop, directory.relative}) != 0)
      continue;
    std::vector<std::string> parts = components(directory.relative);
    DirectoryWalk::Reached reached = walk_.open(directory.stop, parts, parts.size() - 1);
    bool gone = reached == DirectoryWalk::Reached::missing;
    if (reached == DirectoryWalk::Reached::opened)
      gone =
          file_system_calls().unlinkat(walk_.directory(), parts.back().c_str(), AT_REMOVEDIR) == 0 || errno == ENOENT;
    if (gone) { // removed, or gone already: its parent may be empty now
      walk_.forget_from(parts.size());
      add_candidate(directory.stop, parts, parts.size() - 1);
      continue;
    }
    if (reached != DirectoryWalk::Reached::link && errno != ENOTEMPTY && errno != EEXIST)
      failures.push_back(errno_error("cannot remove directory", join_path(directory.stop, directory.relative)).message);
    keep_with_ancestors(directory);
  }
  return failures;
}

} // namespace whlinst
