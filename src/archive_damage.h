#pragma once
// What is wrong with a zip archive that libzip refused, found by walking its
// end record, central directory and local headers: more precise than
// libzip's own message (which entry, truncated or corrupt).
//
// The bytes are read from memory or with pread from the file, never through
// a mapping: a wheel that shrinks while it is diagnosed gives a short read
// (and "truncated" or nothing), not SIGBUS. See docs/design.md, "Reading the
// wheel".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace whlinst {

// Random access to an archive's bytes: a view of memory, or a file read with
// pread. Does not own the memory or the descriptor.
class ArchiveBytes {
public:
  explicit ArchiveBytes(std::string_view memory) : memory_(memory), size_(memory.size()) {}
  // The file open as `fd`, of `size` bytes when it was opened.
  ArchiveBytes(int fd, uint64_t size) : fd_(fd), size_(size) {}

  uint64_t size() const { return size_; }
  // The bytes [at, at + length), or nullopt when they are not all there
  // (past size(), or the file ended early or could not be read).
  std::optional<std::string> read(uint64_t at, uint64_t length) const;

private:
  std::string_view memory_;
  int fd_ = -1;
  uint64_t size_ = 0;
};

// Why the archive is damaged (naming the entry at fault when one is), or
// nullopt when nothing more precise than libzip's message is found (zip64,
// or a central directory that looks sound).
std::optional<std::string> describe_damage(const ArchiveBytes& zip);

} // namespace whlinst
