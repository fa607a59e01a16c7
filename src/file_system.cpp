#include "file_system.h"

#include "file_system_calls.h"
#include "paths.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace whlinst {

namespace {
mode_t g_umask = 022;

struct DirCloser {
  void operator()(DIR* dir) const { closedir(dir); }
};
} // namespace

Error errno_error(std::string_view what, const std::string& path) {
  int code = errno;
  Error error = make_error(std::string(what), " ", path, ": ", std::strerror(code));
  error.system_error = code;
  return error;
}

void init_umask() {
  g_umask = ::umask(0);
  ::umask(g_umask);
}

mode_t process_umask() { return g_umask; }

FileKind file_kind(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0)
    return FileKind::missing;
  if (S_ISREG(st.st_mode))
    return FileKind::regular;
  if (S_ISDIR(st.st_mode))
    return FileKind::directory;
  if (S_ISLNK(st.st_mode))
    return FileKind::symlink;
  return FileKind::other;
}

FileKind target_kind(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0)
    return FileKind::missing;
  if (S_ISREG(st.st_mode))
    return FileKind::regular;
  return S_ISDIR(st.st_mode) ? FileKind::directory : FileKind::other;
}

Status make_directories(const std::string& path) {
  if (path.empty() || path == "/")
    return {};
  if (file_system_calls().mkdir(path.c_str(), 0777) == 0)
    return {};
  if (errno == EEXIST) {
    struct stat st;
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
      return {};
    errno = ENOTDIR;
    return errno_error("cannot create directory", path);
  }
  if (errno != ENOENT)
    return errno_error("cannot create directory", path);
  TRY(make_directories(parent_path(path)));
  if (file_system_calls().mkdir(path.c_str(), 0777) == 0 || errno == EEXIST)
    return make_directories(path);
  return errno_error("cannot create directory", path);
}

Result<Fd> open_for_reading(const std::string& path) {
  Fd fd(file_system_calls().open(path.c_str(), O_RDONLY | O_CLOEXEC, 0));
  if (!fd.valid())
    return errno_error("cannot open", path);
  return fd;
}

Result<Fd> create_new_file(const std::string& path, MissingParent missing_parent) {
  for (int attempt = 0;; ++attempt) {
    Fd fd(file_system_calls().open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
    if (fd.valid())
      return fd;
    if (errno != ENOENT || missing_parent == MissingParent::fail || attempt == 3)
      return errno_error("cannot create", path);
    TRY(make_directories(parent_path(path)));
  }
}

Status write_all(int fd, std::string_view data, const std::string& path_for_errors) {
  while (!data.empty()) {
    ssize_t written = file_system_calls().write(fd, data.data(), data.size());
    if (written < 0 && errno == EINTR)
      continue;
    if (written < 0)
      return errno_error("cannot write", path_for_errors);
    data.remove_prefix(static_cast<size_t>(written));
  }
  return {};
}

Result<std::string> read_file(const std::string& path) {
  TRY_ASSIGN(fd, open_for_reading(path));
  return read_rest(fd.get(), path);
}

Result<std::string> read_rest(int fd, const std::string& path) {
  std::string content;
  TRY(read_in_chunks(fd, "cannot read", path, 64 << 10, [&content](std::string_view piece) {
    content.append(piece);
    return Status{};
  }));
  return content;
}

Status read_in_chunks(int fd, std::string_view what, const std::string& path, size_t chunk_size,
                      const std::function<Status(std::string_view)>& each) {
  std::unique_ptr<char[]> buffer = std::make_unique_for_overwrite<char[]>(chunk_size);
  for (;;) {
    ssize_t got = ::read(fd, buffer.get(), chunk_size);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0)
      return errno_error(what, path);
    if (got == 0)
      return {};
    TRY(each(std::string_view(buffer.get(), static_cast<size_t>(got))));
  }
}

Status write_new_file(const std::string& path, std::string_view data) {
  TRY_ASSIGN(fd, create_new_file(path));
  return write_all(fd.get(), data, path);
}

Status write_file_atomically(const std::string& path, std::string_view data) {
  std::string temporary = path + ".whlinst-" + std::to_string(::getpid()) + ".tmp";
  Status written = write_new_file(temporary, data);
  if (written)
    written = rename_path(temporary, path);
  if (!written)
    (void)remove_file(temporary);
  return written;
}

Status rename_path(const std::string& from, const std::string& to) {
  if (file_system_calls().rename(from.c_str(), to.c_str()) != 0)
    return errno_error("cannot rename to " + to + ":", from);
  return {};
}

Status rename_no_replace(const std::string& from, const std::string& to) {
  if (file_system_calls().rename_with_flags(from.c_str(), to.c_str(), RENAME_NOREPLACE) != 0)
    return errno_error("cannot rename to " + to + ":", from);
  return {};
}

Status exchange_paths(const std::string& a, const std::string& b) {
  if (file_system_calls().rename_with_flags(a.c_str(), b.c_str(), RENAME_EXCHANGE) != 0)
    return errno_error("cannot exchange with " + b + ":", a);
  return {};
}

Status hard_link(const std::string& existing, const std::string& new_path) {
  if (file_system_calls().link(existing.c_str(), new_path.c_str()) != 0)
    return errno_error("cannot link " + new_path + " to", existing);
  return {};
}

bool same_file(const std::string& a, const std::string& b) {
  struct stat first, second;
  return ::lstat(a.c_str(), &first) == 0 && ::lstat(b.c_str(), &second) == 0 && first.st_dev == second.st_dev &&
         first.st_ino == second.st_ino;
}

Status remove_file(const std::string& path) {
  if (file_system_calls().unlink(path.c_str()) != 0 && errno != ENOENT && errno != ENOTDIR)
    return errno_error("cannot remove", path);
  return {};
}

Status remove_tree(const std::string& path) {
  FileKind kind = file_kind(path);
  if (kind == FileKind::missing)
    return {};
  if (kind != FileKind::directory)
    return remove_file(path);
  TRY_ASSIGN(names, list_directory(path));
  for (const std::string& name : names)
    TRY(remove_tree(join_path(path, name)));
  if (file_system_calls().rmdir(path.c_str()) != 0 && errno != ENOENT)
    return errno_error("cannot remove directory", path);
  return {};
}

Status set_mode(int fd, mode_t mode, const std::string& path_for_errors) {
  if (file_system_calls().fchmod(fd, mode) != 0)
    return errno_error("cannot set mode of", path_for_errors);
  return {};
}

Status sync_directory(const std::string& path) {
  Fd fd(file_system_calls().open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0));
  if (!fd.valid() || file_system_calls().fsync(fd.get()) != 0)
    return errno_error("cannot sync directory", path);
  return {};
}

Result<std::vector<std::string>> list_directory(const std::string& path) {
  std::vector<std::string> names;
  std::unique_ptr<DIR, DirCloser> dir(::opendir(path.c_str()));
  if (!dir) {
    if (errno == ENOENT || errno == ENOTDIR)
      return names;
    return errno_error("cannot list directory", path);
  }
  while (struct dirent* entry = ::readdir(dir.get())) {
    std::string_view name = entry->d_name;
    if (name != "." && name != "..")
      names.emplace_back(name);
  }
  return names;
}

namespace {
Status walk_tree_from(const std::string& root, const std::string& relative,
                      const std::function<Status(const TreeEntry&)>& visit) {
  std::string directory = relative.empty() ? root : join_path(root, relative);
  std::unique_ptr<DIR, DirCloser> dir(::opendir(directory.c_str()));
  if (!dir)
    return errno_error("cannot list directory", directory);
  std::vector<std::string> subdirectories;
  while (struct dirent* entry = ::readdir(dir.get())) {
    std::string_view name = entry->d_name;
    if (name == "." || name == "..")
      continue;
    TreeEntry found{relative.empty() ? std::string(name) : join_path(relative, name), false};
    found.directory = entry->d_type == DT_DIR || (entry->d_type == DT_UNKNOWN &&
                                                  file_kind(join_path(root, found.relative)) == FileKind::directory);
    TRY(visit(found));
    if (found.directory)
      subdirectories.push_back(std::move(found.relative));
  }
  dir.reset();
  for (const std::string& subdirectory : subdirectories)
    TRY(walk_tree_from(root, subdirectory, visit));
  return {};
}
} // namespace

Result<std::vector<TreeEntry>> list_tree(const std::string& root) {
  std::vector<TreeEntry> entries;
  TRY(walk_tree(root, [&entries](const TreeEntry& entry) -> Status {
    entries.push_back(entry);
    return {};
  }));
  return entries;
}

Status walk_tree(const std::string& root, const std::function<Status(const TreeEntry&)>& visit) {
  return walk_tree_from(root, "", visit);
}

} // namespace whlinst
