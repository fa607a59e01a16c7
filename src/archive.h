#pragma once
// The zip archive of a wheel, read through libzip. The only file that
// includes <zip.h>. An Archive handle must not be shared between threads:
// open one per thread.

#include "result.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace whlinst {

struct ArchiveEntry {
  uint64_t index = 0;
  std::string name;           // as stored (UTF-8 per the zip flag or CP437-decoded)
  uint64_t size = 0;          // declared uncompressed size
  uint64_t compressed_size = 0;
  bool encrypted = false;
  bool unix_attributes = false; // external attributes carry a Unix st_mode
  uint32_t unix_mode = 0;       // st_mode from the external attributes, or 0

  bool is_directory() const { return !name.empty() && name.back() == '/'; }
  bool is_symlink() const;
  // A regular file whose mode has any executable bit (what pip treats as
  // executable).
  bool is_executable() const;
};

class EntryReader;

class Archive {
public:
  // Opens and checks the central directory. Errors: missing file, not a zip,
  // truncated or inconsistent archive.
  static Result<Archive> open(const std::string& path);
  ~Archive();
  Archive(Archive&&) noexcept;
  Archive& operator=(Archive&&) noexcept;

  const std::vector<ArchiveEntry>& entries() const { return entries_; }
  const std::string& path() const { return path_; }

  // Streams an entry's bytes. The reader fails on a CRC mismatch, corrupt
  // compressed data, or more bytes than the declared size.
  Result<EntryReader> open_entry(const ArchiveEntry& entry);

  // Whole entry in memory; for small metadata files.
  Result<std::string> read_entry(const ArchiveEntry& entry);

private:
  struct Handle;
  Archive(std::string path, std::unique_ptr<Handle> handle, std::vector<ArchiveEntry> entries);
  std::string path_;
  std::unique_ptr<Handle> handle_;
  std::vector<ArchiveEntry> entries_;
};

class EntryReader {
public:
  ~EntryReader();
  EntryReader(EntryReader&&) noexcept;
  EntryReader& operator=(EntryReader&&) noexcept;

  // Reads up to `capacity` bytes; 0 at the end. At the end, also checks that
  // exactly the declared size was produced.
  Result<size_t> read(char* buffer, size_t capacity);

private:
  friend class Archive;
  struct File;
  EntryReader(std::unique_ptr<File> file, const ArchiveEntry& entry);
  std::unique_ptr<File> file_;
  std::string name_;
  uint64_t declared_size_ = 0;
  uint64_t produced_ = 0;
};

} // namespace whlinst
