#include "zip_directory.h"

#include "zip_format.h"

namespace whlinst {

using namespace zip_format;

namespace {
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

} // namespace

Status read_local_header_offsets(const ArchiveInput& input, std::vector<ArchiveEntry>& entries) {
  uint64_t tail_start = 0;
  std::string buffer;
  TRY_ASSIGN(tail, archive_tail(input, tail_start, buffer));
  Error last = inconsistent("no end of central directory record");
  if (tail.size() < kEndSize)
    return last;
  // What looks like an end record, the last first (usually the only one).
  for (size_t at = tail.rfind(kEndSignatureBytes, tail.size() - kEndSize); at != std::string_view::npos;
       at = at == 0 ? std::string_view::npos : tail.rfind(kEndSignatureBytes, at - 1)) {
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
