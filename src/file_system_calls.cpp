#include "file_system_calls.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

namespace whlinst {

namespace {
class KernelCalls final : public FileSystemCalls {
public:
  int open(const char* path, int flags, mode_t mode) override { return ::open(path, flags, mode); }
  int openat(int directory, const char* name, int flags, mode_t mode) override {
    return ::openat(directory, name, flags, mode);
  }
  ssize_t write(int fd, const void* data, size_t size) override { return ::write(fd, data, size); }
  int rename(const char* from, const char* to) override { return ::rename(from, to); }
  int rename_with_flags(const char* from, const char* to, unsigned flags) override {
    return ::renameat2(AT_FDCWD, from, AT_FDCWD, to, flags);
  }
  int link(const char* existing, const char* new_path) override { return ::link(existing, new_path); }
  int unlink(const char* path) override { return ::unlink(path); }
  int unlinkat(int directory, const char* name, int flags) override { return ::unlinkat(directory, name, flags); }
  int mkdir(const char* path, mode_t mode) override { return ::mkdir(path, mode); }
  int rmdir(const char* path) override { return ::rmdir(path); }
  int chmod(const char* path, mode_t mode) override { return ::chmod(path, mode); }
  int fchmod(int fd, mode_t mode) override { return ::fchmod(fd, mode); }
  int fsync(int fd) override { return ::fsync(fd); }
  int fdatasync(int fd) override { return ::fdatasync(fd); }
  int syncfs(int fd) override { return ::syncfs(fd); }
};

// Null until a test overrides: no dependency on the order of static
// initialization across files.
FileSystemCalls* g_current = nullptr;
} // namespace

FileSystemCalls& kernel_file_system_calls() {
  static KernelCalls kernel;
  return kernel;
}

FileSystemCalls& file_system_calls() { return g_current ? *g_current : kernel_file_system_calls(); }

FileSystemCallsOverride::FileSystemCallsOverride(FileSystemCalls& calls) : previous_(g_current) {
  g_current = &calls;
}

FileSystemCallsOverride::~FileSystemCallsOverride() { g_current = previous_; }

} // namespace whlinst
