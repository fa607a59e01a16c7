#pragma once
// The seam between whlinst and the kernel for every call that changes the
// file system or can fail in a way that matters to a transaction: creating
// and opening files, writing, renaming (plain, RENAME_NOREPLACE,
// RENAME_EXCHANGE), linking, unlinking, making and removing directories,
// changing modes, syncing. The transaction, the journal (writing and
// replay), extraction, confined removal, directory hiding, the exclusive
// rename, the fd reserve and the lock files call the kernel only through
// file_system_calls(), so that a test can make any one of those calls fail
// (docs/design.md, "The file-system seam").
//
// Each call has the kernel's own contract: it returns what the system call
// returns (-1 on failure) and sets errno, so the wrappers in file_system.h
// stay the one place where an errno becomes an Error.
//
// Not behind the seam: calls that only read the disk's state (stat, lstat,
// fstat, opendir/readdir), flock(2) (not a change to the tree; a process
// that dies loses its locks when its descriptors close, and so does a test's
// "dead" process), close(2), and reading the wheel (src/archive.cpp).
//
// Why one process-wide instance rather than a parameter: the calls are made
// by free functions at the bottom of every path (make_directories,
// remove_tree, restore_hidden, roll_back...), reached from the installer,
// the uninstaller, recovery and the lock; threading an object through all of
// them would change ~40 signatures for the benefit of tests only. The real
// implementation is the default and costs one indirect call per system
// call. A test swaps it with FileSystemCallsOverride while no other thread
// of whlinst's runs (the instance it installs must itself be thread-safe if
// an install it runs extracts on several threads).

#include <sys/types.h>

namespace whlinst {

class FileSystemCalls {
public:
  virtual ~FileSystemCalls() = default;
  virtual int open(const char* path, int flags, mode_t mode) = 0;
  virtual int openat(int directory, const char* name, int flags, mode_t mode) = 0;
  virtual ssize_t write(int fd, const void* data, size_t size) = 0;
  virtual int rename(const char* from, const char* to) = 0;
  // renameat2(AT_FDCWD, from, AT_FDCWD, to, flags): RENAME_NOREPLACE or RENAME_EXCHANGE.
  virtual int rename_with_flags(const char* from, const char* to, unsigned flags) = 0;
  virtual int link(const char* existing, const char* new_path) = 0;
  virtual int unlink(const char* path) = 0;
  // unlinkat(2): a file, or with AT_REMOVEDIR an empty directory, relative to `directory`.
  virtual int unlinkat(int directory, const char* name, int flags) = 0;
  virtual int mkdir(const char* path, mode_t mode) = 0;
  virtual int rmdir(const char* path) = 0;
  virtual int chmod(const char* path, mode_t mode) = 0;
  virtual int fchmod(int fd, mode_t mode) = 0;
  virtual int fsync(int fd) = 0;
  virtual int fdatasync(int fd) = 0;
  virtual int syncfs(int fd) = 0;
};

// The kernel: what file_system_calls() returns unless a test overrides it.
FileSystemCalls& kernel_file_system_calls();

// The implementation in use.
FileSystemCalls& file_system_calls();

// Makes `calls` the implementation in use for its lifetime, then restores
// the previous one. For tests.
class FileSystemCallsOverride {
public:
  explicit FileSystemCallsOverride(FileSystemCalls& calls);
  ~FileSystemCallsOverride();
  FileSystemCallsOverride(const FileSystemCallsOverride&) = delete;
  FileSystemCallsOverride& operator=(const FileSystemCallsOverride&) = delete;

private:
  FileSystemCalls* previous_;
};

} // namespace whlinst
