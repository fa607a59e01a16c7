#include "zip_format.h"

#include "little_endian.h"

#include <algorithm>

namespace whlinst::zip_format {

namespace {
// Directory bytes read from a file at a time.
constexpr size_t kWindow = 1 << 20;

// The zip64 end record's location of the directory, when a zip64 locator
// precedes the end record at `end_offset`; nullopt without one.
Result<std::optional<DirectoryLocation>> zip64_location(const ArchiveInput& input, uint64_t end_offset) {
  if (end_offset < kZip64LocatorSize)
    return std::optional<DirectoryLocation>();
  std::string buffer;
  TRY_ASSIGN(locator, input.bytes_at(end_offset - kZip64LocatorSize, kZip64LocatorSize, buffer));
  if (u32(locator, 0) != kZip64LocatorSignature)
    return std::optional<DirectoryLocation>();
  uint64_t record_offset = u64(locator, 8);
  TRY_ASSIGN(record, input.bytes_at(record_offset, kZip64EndSize, buffer));
  if (u32(record, 0) != kZip64EndSignature)
    return inconsistent("no zip64 end record where its locator points");
  return std::optional<DirectoryLocation>(
      DirectoryLocation{u64(record, 48), u64(record, 40), u64(record, 32), true, record_offset});
}
} // namespace

uint16_t u16(std::string_view bytes, size_t at) { return static_cast<uint16_t>(load_little_endian(bytes, at, 2)); }
uint32_t u32(std::string_view bytes, size_t at) { return static_cast<uint32_t>(load_little_endian(bytes, at, 4)); }
uint64_t u64(std::string_view bytes, size_t at) { return load_little_endian(bytes, at, 8); }

Error inconsistent(std::string_view detail) { return make_error("inconsistent central directory (", detail, ")"); }

Result<DirectoryLocation> directory_location(const ArchiveInput& input, uint64_t end_offset) {
  TRY_ASSIGN(zip64, zip64_location(input, end_offset));
  if (zip64)
    return *zip64;
  std::string buffer;
  TRY_ASSIGN(record, input.bytes_at(end_offset, kEndSize, buffer));
  return DirectoryLocation{u32(record, 16), u32(record, 12), u16(record, 10), false, end_offset};
}

Result<std::string_view> archive_tail(const ArchiveInput& input, uint64_t& tail_start, std::string& buffer) {
  uint64_t tail_size = std::min<uint64_t>(input.size(), kEndSize + kMaxComment);
  tail_start = input.size() - tail_size;
  return input.bytes_at(tail_start, static_cast<size_t>(tail_size), buffer);
}

Status apply_zip64_extra(std::string_view extra, const Zip64Fields& fields, bool* found) {
  for (size_t at = 0; at + 4 <= extra.size();) {
    uint16_t id = u16(extra, at);
    size_t length = u16(extra, at + 2);
    if (at + 4 + length > extra.size())
      return inconsistent("an extra field passes its end");
    if (id == kZip64ExtraId) {
      if (found != nullptr)
        *found = true;
      std::string_view data = extra.substr(at + 4, length);
      size_t used = 0;
      for (uint64_t* field : {fields.size, fields.compressed_size, fields.local_header_offset}) {
        if (field == nullptr || *field != kZip64Marker)
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

Result<std::string_view> DirectoryCursor::take(size_t length) {
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

} // namespace whlinst::zip_format
