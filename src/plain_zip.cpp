#include "plain_zip.h"

#include "bzip2_inflater.h"
#include "name_order.h"
#include "utf8.h"
#include "zip_format.h"

#include <algorithm>
#include <optional>
#include <sys/stat.h>
#include <utility>

namespace whlinst {

using namespace zip_format;

namespace {
constexpr uint16_t kEncryptedFlags = 0x0001 | 0x0040; // encrypted, strong encryption
constexpr uint16_t kDataDescriptorFlag = 0x0008;
constexpr uint16_t kUtf8Flag = 0x0800;
constexpr uint16_t kUnicodePathId = 0x7075;
constexpr uint16_t kUnicodeCommentId = 0x6375;
constexpr uint8_t kUnixSystem = 3;

// Extra fields that end where they should and name no Unicode path or comment.
bool plain_extra(std::string_view extra) {
  size_t at = 0;
  while (at + 4 <= extra.size()) {
    uint16_t id = u16(extra, at);
    if (id == kUnicodePathId || id == kUnicodeCommentId)
      return false;
    at += 4 + u16(extra, at + 2);
  }
  return at == extra.size();
}

// What a central header says of its local header, beside the entry.
struct LocalExpectation {
  uint16_t version_needed = 0;
  uint32_t modified = 0; // DOS time and date
};

// st_mode from the external attributes, as describe_entry reads libzip's.
void set_unix_mode(ArchiveEntry& entry, uint8_t system, uint32_t attributes) {
  if (system == kUnixSystem) {
    entry.unix_attributes = true;
    entry.unix_mode = static_cast<uint16_t>(attributes >> 16);
  } else if (S_ISREG(attributes >> 16)) {
    entry.unix_mode = static_cast<uint16_t>(attributes >> 16);
  }
}

// The entry of the next central header; false when it is not plain.
bool read_central_header(DirectoryCursor& cursor, ArchiveEntry& entry, LocalExpectation& local, StringArena& names) {
  auto header = cursor.take(kCentralSize);
  if (!header || u32(*header, 0) != kCentralSignature)
    return false;
  uint16_t flags = u16(*header, 8);
  local.version_needed = u16(*header, 6);
  local.modified = u32(*header, 12);
  entry.crc = u32(*header, 16);
  entry.compressed_size = u32(*header, 20);
  entry.size = u32(*header, 24);
  entry.local_header_offset = u32(*header, 42);
  entry.compression_method = u16(*header, 10);
  uint8_t system = static_cast<uint8_t>(u16(*header, 4) >> 8);
  uint32_t attributes = u32(*header, 38);
  size_t name_length = u16(*header, 28), extra_length = u16(*header, 30), comment_length = u16(*header, 32);
  bool zip64_needed =
      entry.size == kZip64Marker || entry.compressed_size == kZip64Marker || entry.local_header_offset == kZip64Marker;
  uint16_t method = entry.compression_method;
  bool method_read_by_whlinst = method == kStoredMethod || method == kDeflateMethod || method == kBzip2Method;
  if ((flags & kEncryptedFlags) != 0 || !method_read_by_whlinst || u16(*header, 34) != 0)
    return false; // encrypted, another method, or on another disk
  // As describe_entry says it (archive_entry.cpp), without libzip.
  entry.compression_supported = method != kBzip2Method || load_bzip2_inflation().ok();
  auto name = cursor.take(name_length);
  if (!name)
    return false;
  entry.name = names.add(*name);
  if ((flags & kUtf8Flag) != 0 && !is_valid_utf8(entry.name))
    return false;
  auto extra = cursor.take(extra_length);
  bool zip64_found = false;
  if (!extra || !plain_extra(*extra) ||
      !apply_zip64_extra(*extra, Zip64Fields{&entry.size, &entry.compressed_size, &entry.local_header_offset},
                         &zip64_found) ||
      (zip64_needed && !zip64_found) || !cursor.take(comment_length))
    return false;
  set_unix_mode(entry, system, attributes);
  return true;
}

// The sizes a local header gives (uncompressed, compressed): its own, or
// both from its zip64 extra field when both say 0xffffffff (APPNOTE.TXT
// 4.5.3: a local header's zip64 field holds both, 16 bytes, as Python's
// ZipFile.open(..., force_zip64=True) writes it). nullopt when only one says
// so, or the field is missing or of another length.
std::optional<std::pair<uint64_t, uint64_t>> local_sizes(uint32_t size, uint32_t compressed_size,
                                                         std::string_view extra) {
  if (size != kZip64Marker && compressed_size != kZip64Marker)
    return std::pair<uint64_t, uint64_t>{size, compressed_size};
  if (size != kZip64Marker || compressed_size != kZip64Marker)
    return std::nullopt;
  for (size_t at = 0; at + 4 <= extra.size(); at += 4 + u16(extra, at + 2))
    if (u16(extra, at) == kZip64ExtraId)
      return u16(extra, at + 2) == 16 ? std::optional(std::pair{u64(extra, at + 4), u64(extra, at + 12)})
                                      : std::nullopt;
  return std::nullopt;
}

// Whether the local header agrees with the central one and the entry's data
// ends at or before `directory_offset`.
bool plain_local_header(const ArchiveInput& input, const ArchiveEntry& entry, const LocalExpectation& central,
                        uint64_t directory_offset) {
  std::string buffer;
  auto header = input.bytes_at(entry.local_header_offset, kLocalSize, buffer);
  if (!header || u32(*header, 0) != kLocalSignature)
    return false;
  uint16_t flags = u16(*header, 6);
  uint32_t crc = u32(*header, 14), compressed_size = u32(*header, 18), size = u32(*header, 22);
  size_t name_length = u16(*header, 26), extra_length = u16(*header, 28);
  if (u16(*header, 4) > central.version_needed || u16(*header, 8) != entry.compression_method ||
      u32(*header, 10) != central.modified || name_length != entry.name.size())
    return false;
  uint64_t data = entry.local_header_offset + kLocalSize + name_length + extra_length;
  if (data > directory_offset || entry.compressed_size > directory_offset - data)
    return false;
  std::string names;
  auto rest = input.bytes_at(entry.local_header_offset + kLocalSize, name_length + extra_length, names);
  if (!rest || rest->substr(0, name_length) != entry.name || !plain_extra(rest->substr(name_length)))
    return false;
  auto sizes = local_sizes(size, compressed_size, rest->substr(name_length));
  bool same_sizes = sizes && crc == entry.crc && sizes->first == entry.size && sizes->second == entry.compressed_size;
  bool described_later = (flags & kDataDescriptorFlag) != 0 && crc == 0 && compressed_size == 0 && size == 0;
  if (!same_sizes && !described_later)
    return false;
  return (flags & kUtf8Flag) == 0 || is_valid_utf8(entry.name);
}

// Whether two entries have the same name (libzip refuses the archive).
bool has_duplicate_name(const std::vector<ArchiveEntry>& entries) {
  std::vector<uint32_t> order = indexes_by_name(entries.size(), [&](uint32_t i) { return entries[i].name.view(); });
  return std::adjacent_find(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
           return entries[a].name.view() == entries[b].name.view();
         }) != order.end();
}

// The one end record, where its comment length says: its offset.
std::optional<uint64_t> only_end_record(const ArchiveInput& input) {
  uint64_t tail_start = 0;
  std::string buffer;
  auto tail = archive_tail(input, tail_start, buffer);
  if (!tail || tail->size() < kEndSize)
    return std::nullopt;
  size_t at = tail->rfind(kEndSignatureBytes, tail->size() - kEndSize);
  if (at == std::string_view::npos || (at > 0 && tail->rfind(kEndSignatureBytes, at - 1) != std::string_view::npos))
    return std::nullopt;
  std::string_view record = tail->substr(at);
  bool one_disk = u16(record, 4) == 0 && u16(record, 6) == 0 && u16(record, 8) == u16(record, 10);
  if (!one_disk || at + kEndSize + u16(record, 20) != tail->size())
    return std::nullopt;
  return tail_start + at;
}

// The zip64 end record (when there is one) on disk 0 with every entry.
bool plain_zip64_record(const ArchiveInput& input, const DirectoryLocation& location) {
  if (!location.zip64)
    return true;
  std::string buffer;
  auto record = input.bytes_at(location.record_offset, kZip64EndSize, buffer);
  return record && u32(*record, 16) == 0 && u32(*record, 20) == 0 && u64(*record, 24) == u64(*record, 32);
}
} // namespace

std::optional<ArchiveListing> read_plain_zip(const ArchiveInput& input) {
  std::optional<uint64_t> end_offset = only_end_record(input);
  if (!end_offset)
    return std::nullopt;
  auto location = directory_location(input, *end_offset);
  if (!location || !plain_zip64_record(input, *location) || location->offset > location->record_offset ||
      location->record_offset - location->offset != location->size)
    return std::nullopt;
  size_t count = static_cast<size_t>(std::min<uint64_t>(location->count, location->size / kCentralSize));
  if (count != location->count || count > UINT32_MAX)
    return std::nullopt;
  ArchiveListing listing;
  std::vector<ArchiveEntry>& entries = listing.entries;
  entries.resize(count);
  std::vector<LocalExpectation> locals(count);
  DirectoryCursor cursor(input, *location);
  for (size_t index = 0; index < count; ++index) {
    entries[index].index = static_cast<uint32_t>(index);
    if (!read_central_header(cursor, entries[index], locals[index], listing.names))
      return std::nullopt;
  }
  if (!cursor.at_end() || has_duplicate_name(entries))
    return std::nullopt;
  for (size_t index = 0; index < count; ++index)
    if (!plain_local_header(input, entries[index], locals[index], location->offset))
      return std::nullopt;
  return listing;
}

} // namespace whlinst
