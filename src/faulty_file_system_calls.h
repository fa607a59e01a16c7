#pragma once
// A FileSystemCalls for tests only (never linked into whlinst): every call
// goes to the kernel and is counted, except call number `Fault::at`
// (counted from 1), which either fails with `Fault::error` while the calls
// after it succeed (FaultKind::fail: a full disk, an I/O error, a name that
// appeared meanwhile), or fails with EIO together with every later call
// (FaultKind::die: nothing changes on disk from that call on, as after
// kill -9; the process's own rollback can then do nothing either). Reads
// that do not pass through the seam (stat, readdir) still work for the
// "dead" process, and its descriptors close as the stack unwinds, which
// releases its flocks as the kernel does for a killed one.
//
// Sync calls (fsync, fdatasync, syncfs) are counted and can fail, but are
// not made: no test cuts the power, and each costs milliseconds.
//
// Used by installing it with FileSystemCallsOverride, running an operation
// once without a fault to learn how many calls it makes (count()), then
// once per k = 1..count() with the fault at k. Thread-safe.

#include "file_system_calls.h"

#include <cerrno>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst::testing {

enum class FaultKind { none, fail, die };

struct Fault {
  FaultKind kind = FaultKind::none;
  size_t at = 0; // the call that fails, counted from 1
  int error = EIO; // FaultKind::fail only
};

// "fail k with ENOSPC", "die at k", "no fault".
std::string describe(const Fault& fault);

class FaultyFileSystemCalls final : public FileSystemCalls {
public:
  explicit FaultyFileSystemCalls(Fault fault = {}) : fault_(fault) {}

  // Calls made so far, the failed ones included.
  size_t count() const;
  // One line per call so far: "rename FROM TO", "create PATH" (open with
  // O_CREAT), "write PATH C" (the path the descriptor names, then the first
  // byte written).
  std::vector<std::string> trace() const;
  // Per call, the errno it failed with (injected or the kernel's), 0 when
  // it succeeded.
  std::vector<int> errors() const;

  int open(const char* path, int flags, mode_t mode) override;
  int openat(int directory, const char* name, int flags, mode_t mode) override;
  ssize_t write(int fd, const void* data, size_t size) override;
  int rename(const char* from, const char* to) override;
  int rename_with_flags(const char* from, const char* to, unsigned flags) override;
  int link(const char* existing, const char* new_path) override;
  int unlink(const char* path) override;
  int unlinkat(int directory, const char* name, int flags) override;
  int mkdir(const char* path, mode_t mode) override;
  int rmdir(const char* path) override;
  int chmod(const char* path, mode_t mode) override;
  int fchmod(int fd, mode_t mode) override;
  int fsync(int fd) override;
  int fdatasync(int fd) override;
  int syncfs(int fd) override;

private:
  // Counts the call; its number, or 0 (errno set) when it must fail.
  size_t proceed(std::string description);
  // The call made if it need not fail, its failure noted.
  template <typename Call> auto pass(std::string description, Call call);
  // The path a descriptor was opened with (every descriptor the seam's calls
  // take was opened through it), for the trace.
  std::string path_of(int fd) const;
  int note_opened(int fd, std::string path);
  FileSystemCalls& kernel_ = kernel_file_system_calls();
  Fault fault_;
  mutable std::mutex mutex_;
  size_t count_ = 0;
  std::vector<std::string> trace_;
  std::vector<int> errors_;
  std::map<int, std::string> opened_; // what each descriptor opened through this instance names
};

} // namespace whlinst::testing
