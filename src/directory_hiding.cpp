#include "directory_hiding.h"

#include "file_system.h"
#include "file_system_calls.h"
#include "paths.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

namespace whlinst {

namespace {
constexpr std::string_view kMetadata = "METADATA";

// `names` with METADATA first (MetadataAt::first) or last.
enum class MetadataAt { first, last };
std::vector<std::string> ordered(std::vector<std::string> names, MetadataAt where) {
  auto metadata = std::find(names.begin(), names.end(), kMetadata);
  if (metadata != names.end()) {
    names.erase(metadata);
    names.insert(where == MetadataAt::first ? names.begin() : names.end(), std::string(kMetadata));
  }
  return names;
}

// Creates `directory` with the permissions of `model` (a new directory in
// place of a moved one); an existing directory is success.
Status make_directory_like(const std::string& directory, const std::string& model) {
  struct stat st;
  mode_t mode = ::stat(model.c_str(), &st) == 0 ? st.st_mode & 07777 : 0777 & ~process_umask();
  if (file_system_calls().mkdir(directory.c_str(), 0700) != 0)
    return errno == EEXIST ? Status{} : Status(errno_error("cannot create directory", directory));
  if (file_system_calls().chmod(directory.c_str(), mode) != 0)
    return errno_error("cannot set mode of", directory);
  return {};
}

Status move_entries(const std::string& from, const std::string& to) {
  TRY(make_directory_like(to, from));
  TRY_ASSIGN(names, list_directory(from));
  for (const std::string& name : ordered(std::move(names), MetadataAt::first))
    TRY(hide_path(join_path(from, name), join_path(to, name)));
  if (file_system_calls().rmdir(from.c_str()) != 0)
    return errno_error("cannot remove directory", from);
  return {};
}

// What to do with a hidden entry whose path exists again (not both
// directories): kept aside at the top (someone else made the path since),
// removed inside a directory being moved back (its place is taken).
enum class Duplicate { keep, remove };
Status restore(const std::string& hidden, const std::string& path, Duplicate duplicate);

Status move_back(const std::string& hidden, const std::string& path) {
  TRY_ASSIGN(names, list_directory(hidden));
  for (const std::string& name : ordered(std::move(names), MetadataAt::last))
    TRY(restore(join_path(hidden, name), join_path(path, name), Duplicate::remove));
  if (file_system_calls().rmdir(hidden.c_str()) != 0 && errno != ENOENT)
    return errno_error("cannot remove directory", hidden);
  return {};
}

Status restore(const std::string& hidden, const std::string& path, Duplicate duplicate) {
  FileKind hidden_kind = file_kind(hidden);
  if (hidden_kind == FileKind::missing)
    return {};
  FileKind kind = file_kind(path);
  if (kind == FileKind::missing) {
    if (file_system_calls().rename(hidden.c_str(), path.c_str()) == 0)
      return {};
    if (errno != EXDEV || hidden_kind != FileKind::directory)
      return errno_error("cannot rename to " + path + ":", hidden);
    TRY(make_directory_like(path, hidden));
    kind = FileKind::directory;
  }
  if (kind == FileKind::directory && hidden_kind == FileKind::directory)
    return move_back(hidden, path);
  return duplicate == Duplicate::remove ? remove_tree(hidden) : Status{};
}
} // namespace

Status hide_path(const std::string& path, const std::string& hidden) {
  if (file_system_calls().rename(path.c_str(), hidden.c_str()) == 0)
    return {};
  if (errno != EXDEV || file_kind(path) != FileKind::directory)
    return errno_error("cannot rename to " + hidden + ":", path);
  return move_entries(path, hidden);
}

Status restore_hidden(const std::string& hidden, const std::string& path) {
  return restore(hidden, path, Duplicate::keep);
}

} // namespace whlinst
