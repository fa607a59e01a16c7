#pragma once
// The zip archive of a wheel. A plain archive (plain_zip.h: nearly every
// wheel) is listed by whlinst itself; any other is checked and listed by
// libzip (archive.cpp; archive_refusal.cpp says why libzip refused a file,
// archive_entry.cpp describes its entries), whose handle is dropped once
// zip_directory.h has found the entries' data: libzip's copy of the central
// directory costs about 280 bytes per entry. Stored, deflated and bzip2
// entries are read by entry_reader.cpp (libdeflate whole, zlib or libbz2
// streamed); libzip is opened again only for other methods (LZMA, zstd...). With
// zip_handle.*, these are the only files that include <zip.h>.
// An Archive handle must not be shared between threads: each thread reads
// through its own (reopen(), which shares the entries).
//
// A change to the wheel file while it is read (truncated, overwritten in
// place, replaced) gives the error "the wheel file changed or vanished while
// being read", never a crash or a mix of two versions' bytes. A wheel of up
// to 32 MiB is read whole into private memory when opened (a snapshot shared
// by all its handles; checked unchanged by size and mtime after the read):
// not mapped, because a mapped file that shrinks kills the reader with
// SIGBUS, and a SIGBUS handler cannot safely unwind through libzip and
// libdeflate. Pread per entry would cost a system call per read for the
// small files that make up most wheels. A larger wheel is read from the
// file with pread(2) (libzip's stdio when it checks the archive), never
// mapped: reopen() and check_unchanged() compare its
// identity (device, inode, size, mtime), and a read that fails once the file
// changed (short, corrupt, CRC mismatch) gives the "changed" error. See
// docs/design.md, "Reading the wheel".

#include "fd.h"
#include "result.h"
#include "short_view.h"
#include "string_arena.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace whlinst {

// Compression methods (APPNOTE.TXT 4.4.5) whose entries whlinst reads
// without libzip (entry_reader.cpp); libzip reads the others.
inline constexpr uint16_t kStoredMethod = 0;
inline constexpr uint16_t kDeflateMethod = 8;
inline constexpr uint16_t kBzip2Method = 12; // through libbz2 (bzip2_inflater.h)

// One entry of the central directory: a few integers and a view of its
// name (48 bytes; names live in the listing's arena, ArchiveListing).
struct ArchiveEntry {
  // The name's bytes as stored, whatever the zip UTF-8 flag says: the binary
  // distribution format requires UTF-8 names, so no CP437 decoding is done
  // (Wheel::open refuses names that are not valid UTF-8). Views the
  // archive's listing (ArchiveListing::names), or in tests characters that
  // outlive the entry.
  ShortView name;
  uint16_t compression_method = 0; // zip method number (0 stored, 8 deflate...)
  uint16_t unix_mode = 0;          // st_mode (type and permission bits, the attributes' high 16 bits) from
                                   // the external attributes (made on Unix, or a regular file's mode from
                                   // another system, as pip reads it), or 0
  bool encrypted : 1 = false;
  // whlinst can decompress the method: stored and deflate always, bzip2
  // when libbz2 loads (load_bzip2_inflation()), any other when libzip
  // can, whichever listing (plain_zip.h or libzip's) described the entry.
  bool compression_supported : 1 = true;
  bool unix_attributes : 1 = false;      // external attributes carry a Unix st_mode
  uint32_t index = 0;                    // in the central directory (an archive has fewer than 2^32 entries)
  uint32_t crc = 0;                      // CRC-32 from the central directory
  uint64_t size = 0;                     // declared uncompressed size
  uint64_t compressed_size = 0;
  uint64_t local_header_offset = 0; // where the entry's local header starts (zip_directory.h)

  bool is_directory() const { return !name.empty() && name.back() == '/'; }
  bool is_symlink() const;
  // A regular file whose mode has any executable bit (what pip treats as
  // executable).
  bool is_executable() const;
  // "deflate", "bzip2", "PPMd"... or "unknown".
  std::string_view compression_name() const;
  // Why the entry cannot be decompressed, when compression_supported is
  // false: "compression method 98 (PPMd) is not supported", or for bzip2
  // "compression method 12 (bzip2) needs libbz2: cannot load libbz2.so.N
  // (...)".
  std::string unsupported_compression() const;
};

// An archive's entries in central directory order and the names they view.
// Moves keep the views valid.
struct ArchiveListing {
  StringArena names;
  std::vector<ArchiveEntry> entries;
};

class EntryReader;

class Archive {
public:
  // Opens and checks the central directory. Errors: missing file, a
  // directory or other non-regular file, empty file, not a zip, truncated or inconsistent archive (naming the entry
  // when one is at fault, e.g. a name flagged UTF-8 that is not), duplicate
  // entry names.
  static Result<Archive> open(const std::string& path);
  // The same from bytes in memory (kept by the archive); `label` stands for
  // the path in path().
  static Result<Archive> open_memory(std::string bytes, std::string label);
  // Another handle on the same archive, for another thread: the same
  // bytes in memory, or the same file opened again (an error if it is no
  // longer the same file). The entries are the same.
  Result<Archive> reopen() const;
  ~Archive();
  Archive(Archive&&) noexcept;
  Archive& operator=(Archive&&) noexcept;

  // The archive's bytes when it is held in memory (a snapshot of the file
  // or bytes given), valid while the archive lives; nullopt when it is read
  // from the file.
  std::optional<std::string_view> bytes_in_memory() const;

  // Whether the file at path() is still the one opened (device, inode,
  // size, mtime): the "changed" error otherwise. Call once everything is
  // read, before the result becomes visible. Always fine from memory.
  Status check_unchanged() const;

  const std::vector<ArchiveEntry>& entries() const { return *entries_; }
  // The same, shared: holds the entries and their names (which may be
  // viewed) after the archive is closed.
  std::shared_ptr<const std::vector<ArchiveEntry>> shared_entries() const { return entries_; }
  const std::string& path() const { return path_; }

  // Streams an entry's bytes; `entry` must outlive the reader (the
  // archive's own entries do). The reader fails on a CRC mismatch, corrupt
  // compressed data, or more bytes than the declared size; with the
  // "changed" error instead when the wheel file read changed meanwhile.
  Result<EntryReader> open_entry(const ArchiveEntry& entry);

  // Whole entry in memory, grown as bytes arrive (at most the declared
  // size, never allocated up front from it).
  Result<std::string> read_entry(const ArchiveEntry& entry);

private:
  struct Handle;
  static Result<Archive> open_input(std::string label, std::unique_ptr<Handle> handle, Fd fd);
  Archive(std::string path, std::unique_ptr<Handle> handle, std::shared_ptr<const std::vector<ArchiveEntry>> entries);
  static Archive listed(std::string path, std::unique_ptr<Handle> handle, ArchiveListing listing);
  std::string path_;
  std::unique_ptr<Handle> handle_;
  // Shared by every handle on the archive; owns their ArchiveListing.
  std::shared_ptr<const std::vector<ArchiveEntry>> entries_;
};

class EntryReader {
public:
  ~EntryReader();
  EntryReader(EntryReader&&) noexcept;
  EntryReader& operator=(EntryReader&&) noexcept;

  // Reads the next bytes and returns a view of them, empty at the end: up to
  // `capacity` bytes read into `buffer`, or, for an entry inflated whole,
  // all that remain, in the reader's own memory (not copied; valid while the
  // reader lives). At the end, also checks that exactly the declared size
  // was produced. Errors name the entry and say what is wrong: CRC-32
  // mismatch, corrupt compressed data, inflating past the declared size,
  // ending before it.
  Result<std::string_view> read(char* buffer, size_t capacity);

private:
  friend class Archive;
  struct File;
  EntryReader(std::unique_ptr<File> file, const ArchiveEntry& entry);
  Result<std::string_view> read_stored(char* buffer, size_t capacity);
  Result<std::string_view> read_inflated(char* buffer, size_t capacity);
  Result<std::string_view> read_libzip(char* buffer, size_t capacity);
  std::unique_ptr<File> file_;
  std::string_view raw_name_; // the entry's: ArchiveEntry outlives its reader
  uint64_t declared_size_ = 0;
  uint32_t expected_crc_ = 0;
  uint64_t produced_ = 0;
};

} // namespace whlinst
