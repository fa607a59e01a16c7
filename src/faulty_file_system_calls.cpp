#include "faulty_file_system_calls.h"

#include <cstring>
#include <fcntl.h>

namespace whlinst::testing {

namespace {
std::string joined(std::string_view operation, std::string_view first, std::string_view second = {}) {
  std::string line(operation);
  line += " ";
  line += first;
  if (!second.empty())
    line += " ", line += second;
  return line;
}
} // namespace

std::string describe(const Fault& fault) {
  switch (fault.kind) {
  case FaultKind::none: return "no fault";
  case FaultKind::fail: return "call " + std::to_string(fault.at) + " fails with " + strerrorname_np(fault.error);
  case FaultKind::die: return "death at call " + std::to_string(fault.at);
  }
  return "";
}

std::string FaultyFileSystemCalls::path_of(int fd) const {
  std::lock_guard lock(mutex_);
  auto opened = opened_.find(fd);
  return opened != opened_.end() ? opened->second : "fd " + std::to_string(fd);
}

int FaultyFileSystemCalls::note_opened(int fd, std::string path) {
  if (fd >= 0) {
    std::lock_guard lock(mutex_);
    opened_[fd] = std::move(path);
  }
  return fd;
}

size_t FaultyFileSystemCalls::count() const {
  std::lock_guard lock(mutex_);
  return count_;
}

std::vector<std::string> FaultyFileSystemCalls::trace() const {
  std::lock_guard lock(mutex_);
  return trace_;
}

std::vector<int> FaultyFileSystemCalls::errors() const {
  std::lock_guard lock(mutex_);
  return errors_;
}

size_t FaultyFileSystemCalls::proceed(std::string description) {
  std::lock_guard lock(mutex_);
  size_t number = ++count_;
  trace_.push_back(std::move(description));
  bool fails = (fault_.kind == FaultKind::fail && number == fault_.at) ||
               (fault_.kind == FaultKind::die && number >= fault_.at);
  errors_.push_back(fails ? (fault_.kind == FaultKind::fail ? fault_.error : EIO) : 0);
  if (fails)
    errno = errors_.back();
  return fails ? 0 : number;
}

template <typename Call> auto FaultyFileSystemCalls::pass(std::string description, Call call) {
  size_t number = proceed(std::move(description));
  if (number == 0)
    return decltype(call())(-1);
  auto result = call();
  if (result < 0) {
    int error = errno;
    std::lock_guard lock(mutex_);
    errors_[number - 1] = error;
  }
  return result;
}

int FaultyFileSystemCalls::open(const char* path, int flags, mode_t mode) {
  int fd = pass(joined((flags & O_CREAT) ? "create" : "open", path), [&] { return kernel_.open(path, flags, mode); });
  return note_opened(fd, path);
}

int FaultyFileSystemCalls::openat(int directory, const char* name, int flags, mode_t mode) {
  std::string path = path_of(directory) + "/" + name;
  return note_opened(pass(joined("openat", path), [&] { return kernel_.openat(directory, name, flags, mode); }), path);
}

ssize_t FaultyFileSystemCalls::write(int fd, const void* data, size_t size) {
  std::string_view first(static_cast<const char*>(data), size > 0 ? 1 : 0);
  return pass(joined("write", path_of(fd), first), [&] { return kernel_.write(fd, data, size); });
}

int FaultyFileSystemCalls::rename(const char* from, const char* to) {
  return pass(joined("rename", from, to), [&] { return kernel_.rename(from, to); });
}

int FaultyFileSystemCalls::rename_with_flags(const char* from, const char* to, unsigned flags) {
  return pass(joined("renameat2", from, to), [&] { return kernel_.rename_with_flags(from, to, flags); });
}

int FaultyFileSystemCalls::link(const char* existing, const char* new_path) {
  return pass(joined("link", existing, new_path), [&] { return kernel_.link(existing, new_path); });
}

int FaultyFileSystemCalls::unlink(const char* path) {
  return pass(joined("unlink", path), [&] { return kernel_.unlink(path); });
}

int FaultyFileSystemCalls::unlinkat(int directory, const char* name, int flags) {
  return pass(joined("unlinkat", path_of(directory) + "/" + name),
              [&] { return kernel_.unlinkat(directory, name, flags); });
}

int FaultyFileSystemCalls::mkdir(const char* path, mode_t mode) {
  return pass(joined("mkdir", path), [&] { return kernel_.mkdir(path, mode); });
}

int FaultyFileSystemCalls::rmdir(const char* path) {
  return pass(joined("rmdir", path), [&] { return kernel_.rmdir(path); });
}

int FaultyFileSystemCalls::chmod(const char* path, mode_t mode) {
  return pass(joined("chmod", path), [&] { return kernel_.chmod(path, mode); });
}

int FaultyFileSystemCalls::fchmod(int fd, mode_t mode) {
  return pass(joined("fchmod", path_of(fd)), [&] { return kernel_.fchmod(fd, mode); });
}

int FaultyFileSystemCalls::fsync(int fd) {
  return pass(joined("fsync", path_of(fd)), [] { return 0; });
}

int FaultyFileSystemCalls::fdatasync(int fd) {
  return pass(joined("fdatasync", path_of(fd)), [] { return 0; });
}

int FaultyFileSystemCalls::syncfs(int fd) {
  return pass(joined("syncfs", path_of(fd)), [] { return 0; });
}

} // namespace whlinst::testing
