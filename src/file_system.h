#pragma once
// Thin, error-returning wrappers around the POSIX calls whlinst uses. Every
// failure names the path and the reason from errno.

#include "disk_path.h"
#include "fd.h"
#include "result.h"

#include <functional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace whlinst {

enum class FileKind { missing, regular, directory, symlink, other };

// Kind of the object at `path`, not following a final symlink.
FileKind file_kind(const std::string& path);
inline FileKind file_kind(const DiskPath& path) { return file_kind(path.str()); }
// Kind of what `path` names, following symlinks (never FileKind::symlink).
FileKind target_kind(const std::string& path);

// Creates `path` and missing parents with mode 0777 & ~umask. An existing
// directory, whoever created it and whenever, is success: safe against other
// processes creating the same directories concurrently.
Status make_directories(const std::string& path);

// Opens for reading.
Result<Fd> open_for_reading(const std::string& path);

// Creates a new file that must not exist (O_EXCL), mode 0666 & ~umask. With
// MissingParent::recreate, a parent directory that vanished (removed as empty
// by a concurrent rollback after this process created or found it) is made
// again and the creation retried.
enum class MissingParent { fail, recreate };
Result<Fd> create_new_file(const std::string& path, MissingParent missing_parent = MissingParent::fail);

Status write_all(int fd, std::string_view data, const std::string& path_for_errors);
Result<std::string> read_file(const std::string& path);
// What `fd` holds from its offset to the end; `path` names it in errors.
Result<std::string> read_rest(int fd, const std::string& path);
// Reads `fd` from its offset to the end, `chunk_size` bytes at most at a
// time, each piece handed to `each` (stopping at its first error).
// Errors: "WHAT PATH: strerror" when a read fails (EINTR is retried).
Status read_in_chunks(int fd, std::string_view what, const std::string& path, size_t chunk_size,
                      const std::function<Status(std::string_view)>& each);
inline Result<std::string> read_file(const DiskPath& path) { return read_file(path.str()); }

// Writes `data` into a new file at `path` (which must not exist).
Status write_new_file(const std::string& path, std::string_view data);
// Writes `data` to `path`, replacing what is there, through a temporary file
// beside it and a rename: a reader sees the old content or the new, never
// part of it. The temporary file is removed when anything fails.
Status write_file_atomically(const std::string& path, std::string_view data);

Status rename_path(const std::string& from, const std::string& to);
// Atomically swaps two existing paths (renameat2 RENAME_EXCHANGE).
Status exchange_paths(const std::string& a, const std::string& b);
Status hard_link(const std::string& existing, const std::string& new_path);
// Whether both paths exist and name the same inode (hard links of one file).
bool same_file(const std::string& a, const std::string& b);
// Removes a file or symlink; a missing path (also one under a file) is success.
Status remove_file(const std::string& path);
// Removes a directory tree; a missing path is success.
Status remove_tree(const std::string& path);

Status set_mode(int fd, mode_t mode, const std::string& path_for_errors);
Status sync_directory(const std::string& path);

// Names in a directory (without "." and ".."); a missing directory is empty.
Result<std::vector<std::string>> list_directory(const std::string& path);
inline Result<std::vector<std::string>> list_directory(const DiskPath& path) { return list_directory(path.str()); }

// Everything under `root`, as paths relative to it, each directory before
// its contents. Symbolic links and other non-regular files count as files.
struct TreeEntry {
  std::string relative;
  bool directory = false;
};
Result<std::vector<TreeEntry>> list_tree(const std::string& root);
// The same entries handed to `visit` one at a time, in list_tree's order,
// without holding them all; stops at the first error `visit` returns.
Status walk_tree(const std::string& root, const std::function<Status(const TreeEntry&)>& visit);
inline Result<std::vector<TreeEntry>> list_tree(const DiskPath& root) { return list_tree(root.str()); }

// rename(2) that fails (EEXIST/ENOTEMPTY in errno) instead of replacing an
// existing `to` (renameat2 RENAME_NOREPLACE).
Status rename_no_replace(const std::string& from, const std::string& to);

// The process umask, read once at start-up (see init_umask()).
mode_t process_umask();
void init_umask();

// "PATH: strerror(errno)" for the current errno.
Error errno_error(std::string_view what, const std::string& path);

} // namespace whlinst
