#include "zip_directory.h"

#include <algorithm>

namespace whlinst {

namespace {
constexpr uint32_t kLocalSignature = 0x04034b50;
constexpr uint32_t kCentralSignature = 0x02014b50;
constexpr uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr uint32_t kZip64EndSignature = 0x06064b50;
constexpr size_t kLocalSize = 30;
constexpr size_t kCentralSize = 46;
constexpr size_t kEndSize = 22;
constexpr size_t kZip64LocatorSize = 20;
constexpr size_t kZip64EndSize = 56;
constexpr size_t kMaxComment = 0xffff;
constexpr uint16_t kZip64ExtraId = 0x0001;
constexpr uint32_t kZip64Marker = 0xffffffff;
// Directory bytes read from a file at a time.
constexpr size_t kWindow = 1 << 20;

uint64_t little_endian(std::string_view bytes, size_t at, size_t width) {
  uint64_t value = 0;
  for (size_t i = width; i-- > 0;)
    value = value << 8 | static_cast<unsigned char>(bytes[at + i]);
  return value;
}
uint16_t u16(std::string_view bytes, size_t at) { return static_cast<uint16_t>(little_endian(bytes, at, 2)); }
uint32_t u32(std::string_view bytes, size_t at) { return static_cast<uint32_t>(little_endian(bytes, at, 4)); }
uint64_t u64(std::string_view bytes, size_t at) { return little_endian(bytes, at, 8); }

Error inconsistent(std::string_view detail) { return make_error("inconsistent central directory (", detail, ")"); }

struct DirectoryLocation {
  uint64_t offset = 0;
  uint64_t size = 0;
  uint64_t count = 0;
};

// The central directory's bytes in turn, read from a file a window at a time.
class DirectoryCursor {
public:
  DirectoryCursor(const ArchiveInput& input, const DirectoryLocation& location)
      : input_(input), position_(location.offset), end_(location.offset + location.size) {}

  // The next `length` bytes, valid until the next call.
  Result<std::string_view> take(size_t length) {
    if (position_ > end_ || length > end_ - position_)
      return inconsistent("an entry passes the directory's end");
    uint64_t start = position_;
    position_ += length;
    if (input_.in_memory())
      return input_.bytes_at(start, length, window_);
    if (start < window_start_ || start + length > window_start_ + window_.size()) {
      size_t size = static_cast<size_t>(std::max<uint64_t>(length, std::min<uint64_t>(kWindow, end_ - start)));
      TRY_ASSIGN(bytes, input_.bytes_at(start, size, window_));
      (void)bytes;
      window_start_ = start;
    }
    return std::string_view(window_).substr(static_cast<size_t>(start - window_start_), length);
  }

private:
  const ArchiveInput& input_;
  uint64_t position_;
  uint64_t end_;
  std::string window_;
  uint64_t window_start_ = 0;
};

// The zip64 end record's location of the directory, when a zip64 locator
// precedes the end record at `end_offset`; nullopt without one.
Result<std::optional<DirectoryLocation>> zip64_location(const ArchiveInput& input, uint64_t end_offset) {
  if (end_offset < kZip64LocatorSize)
    return std::optional<DirectoryLocation>();
  std::string buffer;
  TRY_ASSIGN(locator, input.bytes_at(end_offset - kZip64LocatorSize, kZip64LocatorSize, buffer));
  if (u32(locator, 0) != kZip64LocatorSignature)
    return std::optional<DirectoryLocation>();
  TRY_ASSIGN(record, input.bytes_at(u64(locator, 8), kZip64EndSize, buffer));
  if (u32(record, 0) != kZip64EndSignature)
    return inconsistent("no zip64 end record where its locator points");
  return std::optional<DirectoryLocation>(DirectoryLocation{u64(record, 48), u64(record, 40), u64(record, 32)});
}

// The directory's location from the end record at `end_offset`.
Result<DirectoryLocation> directory_location(const ArchiveInput& input, uint64_t end_offset) {
  TRY_ASSIGN(zip64, zip64_location(input, end_offset));
  if (zip64)
    return *zip64;
  std::string buffer;
  TRY_ASSIGN(record, input.bytes_at(end_offset, kEndSize, buffer));
  return DirectoryLocation{u32(record, 16), u32(record, 12), u16(record, 10)};
}

// The zip64 extended information extra field's values replace the fields
// that hold 0xffffffff, in this order (APPNOTE.TXT 4.5.3).
struct Zip64Fields {
  uint64_t* size;
  uint64_t* compressed_size;
  uint64_t* local_header_offset;
};

Status apply_zip64_extra(std::string_view extra, const Zip64Fields& fields) {
  for (size_t at = 0; at + 4 <= extra.size();) {
    uint16_t id = u16(extra, at);
    size_t length = u16(extra, at + 2);
    if (at + 4 + length > extra.size())
      return inconsistent("an extra field passes its end");
    if (id == kZip64ExtraId) {
      std::string_view data = extra.substr(at + 4, length);
      size_t used = 0;
      for (uint64_t* field : {fields.size, fields.compressed_size, fields.local_header_offset}) {
        if (*field != kZip64Marker)
          continue;
        if (used + 8 > data.size())
          return inconsistent("a zip64 extra field too short");
        *field = u64(data, used);
        used += 8;
      }
      return {};
    }
    at += 4 + length;
  }
  return {};
}

// Reads one central directory header and checks it against `entry`.
Status read_header(DirectoryCursor& cursor, ArchiveEntry& entry) {
  TRY_ASSIGN(header, cursor.take(kCentralSize));
  if (u32(header, 0) != kCentralSignature)
    return inconsistent("no central header signature");
  uint16_t method = u16(header, 10);
  uint32_t crc = u32(header, 16);
  uint64_t compressed_size = u32(header, 20);
  uint64_t size = u32(header, 24);
  uint64_t offset = u32(header, 42);
  size_t name_length = u16(header, 28);
  size_t extra_length = u16(header, 30);
  size_t comment_length = u16(header, 32);
  TRY(cursor.take(name_length));
  TRY_ASSIGN(extra, cursor.take(extra_length));
  TRY(apply_zip64_extra(extra, Zip64Fields{&size, &compressed_size, &offset}));
  TRY(cursor.take(comment_length));
  if (size != entry.size || compressed_size != entry.compressed_size || crc != entry.crc ||
      (!entry.encrypted && method != entry.compression_method))
    return inconsistent("libzip read another entry #" + std::to_string(entry.index));
  entry.local_header_offset = offset;
  return {};
}

Status read_directory(const ArchiveInput& input, uint64_t end_offset, std::vector<ArchiveEntry>& entries) {
  TRY_ASSIGN(location, directory_location(input, end_offset));
  if (location.count != entries.size())
    return inconsistent(std::to_string(location.count) + " entries, libzip read " + std::to_string(entries.size()));
  DirectoryCursor cursor(input, location);
  for (ArchiveEntry& entry : entries)
    TRY(read_header(cursor, entry));
  return {};
}

// The archive's last bytes, where the end record is: it is followed by a
// comment of at most 64 KiB.
Result<std::string_view> archive_tail(const ArchiveInput& input, uint64_t& tail_start, std::string& buffer) {
  uint64_t tail_size = std::min<uint64_t>(input.size(), kEndSize + kMaxComment);
  tail_start = input.size() - tail_size;
  return input.bytes_at(tail_start, static_cast<size_t>(tail_size), buffer);
}
} // namespace

Status read_local_header_offsets(const ArchiveInput& input, std::vector<ArchiveEntry>& entries) {
  uint64_t tail_start = 0;
  std::string buffer;
  TRY_ASSIGN(tail, archive_tail(input, tail_start, buffer));
  static constexpr std::string_view kSignature("PK\x05\x06", 4);
  Error last = inconsistent("no end of central directory record");
  if (tail.size() < kEndSize)
    return last;
  // What looks like an end record, the last first (usually the only one).
  for (size_t at = tail.rfind(kSignature, tail.size() - kEndSize); at != std::string_view::npos;
       at = at == 0 ? std::string_view::npos : tail.rfind(kSignature, at - 1)) {
    Status read = read_directory(input, tail_start + at, entries);
    if (read)
      return {};
    last = read.error();
  }
  return last;
}

Result<uint64_t> entry_data_offset(const ArchiveInput& input, const ArchiveEntry& entry) {
  std::string buffer;
  TRY_ASSIGN(header, input.bytes_at(entry.local_header_offset, kLocalSize, buffer));
  if (u32(header, 0) != kLocalSignature)
    return make_error("bad local header");
  uint64_t data = entry.local_header_offset + kLocalSize + u16(header, 26) + u16(header, 28);
  if (data > input.size() || entry.compressed_size > input.size() - data)
    return make_error("truncated archive");
  return data;
}

} // namespace whlinst
