#pragma once
// For unit tests: zip archives of stored entries written byte by byte, so
// that a test can give them any layout (zip64 records, comments, flags,
// extra fields) and then alter a field at a known offset. Written by hand
// because libzip's writer chooses the layout itself.

#include "archive.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace whlinst::testing {

// Zip64::local: only the local headers' sizes are in zip64 extra fields
// (both sizes 0xffffffff in the header), as Python's ZipFile.open(..., "w",
// force_zip64=True) writes them.
enum class Zip64 { no, yes, local };

struct HandMadeZip {
  std::string bytes;
  StringArena names;                    // the entries' names
  std::vector<ArchiveEntry> entries;    // as libzip lists them (CRC-32 not computed: a fixed value)
  std::vector<uint64_t> header_offsets; // local headers
  std::vector<uint64_t> data_offsets;
  std::vector<uint64_t> central_offsets; // central headers
  uint64_t end_offset = 0;               // the end of central directory record
};

inline void put_little_endian(std::string& out, uint64_t value, size_t width) {
  for (size_t i = 0; i < width; ++i)
    out.push_back(static_cast<char>(value >> (8 * i) & 0xff));
}

// `width` at most 8.
inline void set_little_endian(std::string& bytes, uint64_t at, uint64_t value, size_t width) {
  for (size_t i = 0; i < width; ++i)
    bytes[at + i] = static_cast<char>(value >> (8 * i) & 0xff);
}

// Stored entries `files` (name, content) with Unix mode 0644, a fixed
// modification time and CRC-32 0x12345678, local and central headers
// agreeing; with Zip64::yes every size and offset is in zip64 extra fields
// of the central headers and a zip64 end record precedes the end record.
inline HandMadeZip hand_made_zip(const std::vector<std::pair<std::string, std::string>>& files, Zip64 zip64,
                                 std::string_view comment = "") {
  constexpr uint32_t kMarker = 0xffffffff;
  constexpr uint32_t kCrc = 0x12345678;
  constexpr uint32_t kTimeAndDate = 0x5a2e6000;
  HandMadeZip zip;
  std::string directory;
  for (const auto& [name, content] : files) {
    ArchiveEntry entry;
    entry.index = static_cast<uint32_t>(zip.entries.size());
    entry.name = zip.names.add(name);
    entry.size = entry.compressed_size = content.size();
    entry.crc = kCrc;
    entry.unix_attributes = true;
    entry.unix_mode = 0100644;
    entry.local_header_offset = zip.bytes.size();
    zip.header_offsets.push_back(zip.bytes.size());
    put_little_endian(zip.bytes, 0x04034b50, 4);
    put_little_endian(zip.bytes, 20, 2); // version needed
    put_little_endian(zip.bytes, 0, 2);  // flags
    put_little_endian(zip.bytes, 0, 2);  // stored
    put_little_endian(zip.bytes, kTimeAndDate, 4);
    put_little_endian(zip.bytes, kCrc, 4);
    put_little_endian(zip.bytes, zip64 == Zip64::local ? kMarker : content.size(), 4);
    put_little_endian(zip.bytes, zip64 == Zip64::local ? kMarker : content.size(), 4);
    put_little_endian(zip.bytes, name.size(), 2);
    put_little_endian(zip.bytes, zip64 == Zip64::local ? 20 : 0, 2);
    zip.bytes += name;
    if (zip64 == Zip64::local) {
      put_little_endian(zip.bytes, 0x0001, 2);
      put_little_endian(zip.bytes, 16, 2);
      put_little_endian(zip.bytes, entry.size, 8);
      put_little_endian(zip.bytes, entry.compressed_size, 8);
    }
    zip.data_offsets.push_back(zip.bytes.size());
    zip.bytes += content;
    std::string extra;
    if (zip64 == Zip64::yes) {
      put_little_endian(extra, 0x0001, 2);
      put_little_endian(extra, 24, 2);
      put_little_endian(extra, entry.size, 8);
      put_little_endian(extra, entry.compressed_size, 8);
      put_little_endian(extra, zip.header_offsets.back(), 8);
    }
    zip.central_offsets.push_back(directory.size()); // relative until the directory is placed
    put_little_endian(directory, 0x02014b50, 4);
    put_little_endian(directory, 3 << 8 | 20, 2); // made by Unix
    put_little_endian(directory, 20, 2);
    put_little_endian(directory, 0, 2);
    put_little_endian(directory, 0, 2);
    put_little_endian(directory, kTimeAndDate, 4);
    put_little_endian(directory, kCrc, 4);
    put_little_endian(directory, zip64 == Zip64::yes ? kMarker : entry.size, 4);
    put_little_endian(directory, zip64 == Zip64::yes ? kMarker : entry.size, 4);
    put_little_endian(directory, name.size(), 2);
    put_little_endian(directory, extra.size(), 2);
    put_little_endian(directory, 0, 2); // comment
    put_little_endian(directory, 0, 2); // disk
    put_little_endian(directory, 0, 2); // internal attributes
    put_little_endian(directory, uint64_t{0100644} << 16, 4);
    put_little_endian(directory, zip64 == Zip64::yes ? kMarker : zip.header_offsets.back(), 4);
    directory += name + extra;
    zip.entries.push_back(entry);
  }
  uint64_t directory_offset = zip.bytes.size();
  for (uint64_t& offset : zip.central_offsets)
    offset += directory_offset;
  zip.bytes += directory;
  if (zip64 == Zip64::yes) {
    uint64_t record_offset = zip.bytes.size();
    put_little_endian(zip.bytes, 0x06064b50, 4);
    put_little_endian(zip.bytes, 44, 8);
    put_little_endian(zip.bytes, 45, 2);
    put_little_endian(zip.bytes, 45, 2);
    put_little_endian(zip.bytes, 0, 4);
    put_little_endian(zip.bytes, 0, 4);
    put_little_endian(zip.bytes, files.size(), 8);
    put_little_endian(zip.bytes, files.size(), 8);
    put_little_endian(zip.bytes, directory.size(), 8);
    put_little_endian(zip.bytes, directory_offset, 8);
    put_little_endian(zip.bytes, 0x07064b50, 4);
    put_little_endian(zip.bytes, 0, 4);
    put_little_endian(zip.bytes, record_offset, 8);
    put_little_endian(zip.bytes, 1, 4);
  }
  zip.end_offset = zip.bytes.size();
  put_little_endian(zip.bytes, 0x06054b50, 4);
  put_little_endian(zip.bytes, 0, 4);
  put_little_endian(zip.bytes, zip64 == Zip64::yes ? 0xffff : files.size(), 2);
  put_little_endian(zip.bytes, zip64 == Zip64::yes ? 0xffff : files.size(), 2);
  put_little_endian(zip.bytes, zip64 == Zip64::yes ? kMarker : directory.size(), 4);
  put_little_endian(zip.bytes, zip64 == Zip64::yes ? kMarker : directory_offset, 4);
  put_little_endian(zip.bytes, comment.size(), 2);
  zip.bytes += comment;
  return zip;
}

} // namespace whlinst::testing
