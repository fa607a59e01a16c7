#pragma once
// The zip layout's records as whlinst reads them itself (APPNOTE.TXT 4.3):
// signatures and sizes, little-endian fields, the end of central directory
// record (zip64 too) and a cursor over the central directory. Shared by
// zip_directory.cpp (offsets next to libzip's listing) and plain_zip.cpp
// (the listing of a plain archive without libzip).

#include "archive_input.h"
#include "result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace whlinst::zip_format {

inline constexpr uint32_t kLocalSignature = 0x04034b50;
inline constexpr uint32_t kCentralSignature = 0x02014b50;
inline constexpr uint32_t kEndSignature = 0x06054b50;
inline constexpr uint32_t kZip64LocatorSignature = 0x07064b50;
inline constexpr uint32_t kZip64EndSignature = 0x06064b50;
inline constexpr std::string_view kEndSignatureBytes{"PK\x05\x06", 4};
inline constexpr size_t kLocalSize = 30;
inline constexpr size_t kCentralSize = 46;
inline constexpr size_t kEndSize = 22;
inline constexpr size_t kZip64LocatorSize = 20;
inline constexpr size_t kZip64EndSize = 56;
inline constexpr size_t kMaxComment = 0xffff;
inline constexpr uint16_t kZip64ExtraId = 0x0001;
inline constexpr uint32_t kZip64Marker = 0xffffffff;

uint16_t u16(std::string_view bytes, size_t at);
uint32_t u32(std::string_view bytes, size_t at);
uint64_t u64(std::string_view bytes, size_t at);

// "inconsistent central directory (DETAIL)".
Error inconsistent(std::string_view detail);

struct DirectoryLocation {
  uint64_t offset = 0;
  uint64_t size = 0;
  uint64_t count = 0;
  bool zip64 = false;         // from a zip64 end record
  uint64_t record_offset = 0; // of the end record read (zip64 or not)
};

// The directory's location from the end record at `end_offset`: the zip64
// end record's when a zip64 locator precedes it.
Result<DirectoryLocation> directory_location(const ArchiveInput& input, uint64_t end_offset);

// The archive's last bytes, where the end record and its comment of at most
// 64 KiB are; `tail_start` is set to where they start.
Result<std::string_view> archive_tail(const ArchiveInput& input, uint64_t& tail_start, std::string& buffer);

// The zip64 extended information extra field's values replace the fields
// that hold 0xffffffff, in this order (APPNOTE.TXT 4.5.3). `found` (when
// given) tells whether the extra field holds one.
struct Zip64Fields {
  uint64_t* size;
  uint64_t* compressed_size;
  uint64_t* local_header_offset;
};
Status apply_zip64_extra(std::string_view extra, const Zip64Fields& fields, bool* found = nullptr);

// The central directory's bytes in turn, read from a file a window at a time.
class DirectoryCursor {
public:
  DirectoryCursor(const ArchiveInput& input, const DirectoryLocation& location)
      : input_(input), position_(location.offset), end_(location.offset + location.size) {}

  // The next `length` bytes, valid until the next call. Error when they
  // pass the directory's end.
  Result<std::string_view> take(size_t length);
  bool at_end() const { return position_ == end_; }

private:
  const ArchiveInput& input_;
  uint64_t position_;
  uint64_t end_;
  std::string window_;
  uint64_t window_start_ = 0;
};

} // namespace whlinst::zip_format
