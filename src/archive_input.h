#pragma once
// Where an open archive's bytes are read from: the snapshot in memory, or
// the wheel file through pread(2) (never mapped, see archive.h). Used by
// the central directory walk (zip_directory.h) and the entry reader; a
// thread reads through its own Archive handle, so one ArchiveInput is never
// read by two threads at once.

#include "result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace whlinst {

class ArchiveInput {
public:
  static ArchiveInput memory(std::string_view bytes) { return ArchiveInput(bytes, -1, bytes.size()); }
  // `fd` is not owned: the caller keeps it open while this is used.
  static ArchiveInput file(int fd, uint64_t size) { return ArchiveInput({}, fd, size); }

  uint64_t size() const { return size_; }
  bool in_memory() const { return fd_ < 0; }

  // The `length` bytes at `offset`: a view of the snapshot, or read into
  // `buffer` (resized to `length`). Error "truncated archive" when the range
  // passes the end, "cannot read: ..." when the read fails.
  Result<std::string_view> bytes_at(uint64_t offset, size_t length, std::string& buffer) const;
  // Up to `capacity` bytes at `offset` into `buffer`, fewer only at the
  // end of the archive.
  Result<size_t> read_at(uint64_t offset, char* buffer, size_t capacity) const;

private:
  ArchiveInput(std::string_view bytes, int fd, uint64_t size) : bytes_(bytes), fd_(fd), size_(size) {}
  std::string_view bytes_;
  int fd_ = -1;
  uint64_t size_ = 0;
};

} // namespace whlinst
