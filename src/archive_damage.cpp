#include "archive_damage.h"

#include "little_endian.h"
#include "utf8.h"

#include <cerrno>
#include <unistd.h>

namespace whlinst {

std::optional<std::string> ArchiveBytes::read(uint64_t at, uint64_t length) const {
  if (at > size_ || length > size_ - at)
    return std::nullopt;
  if (fd_ < 0)
    return std::string(memory_.substr(at, length));
  std::string bytes(length, '\0');
  uint64_t done = 0;
  while (done < length) {
    ssize_t got = ::pread(fd_, bytes.data() + done, length - done, static_cast<off_t>(at + done));
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      return std::nullopt;
    done += static_cast<uint64_t>(got);
  }
  return bytes;
}

namespace {
constexpr uint64_t kEndRecordSize = 22;
constexpr uint64_t kCentralRecordSize = 46;
constexpr uint64_t kLocalHeaderSize = 30;
constexpr uint64_t kLongestComment = 65535;

// The end of central directory record (its 22 bytes), searched backwards
// over the longest comment.
std::optional<std::string> find_end_record(const ArchiveBytes& zip) {
  if (zip.size() < kEndRecordSize)
    return std::nullopt;
  uint64_t lowest = zip.size() > kEndRecordSize + kLongestComment ? zip.size() - kEndRecordSize - kLongestComment : 0;
  std::optional<std::string> tail = zip.read(lowest, zip.size() - lowest);
  if (!tail)
    return std::nullopt;
  for (size_t at = tail->size() - kEndRecordSize + 1; at-- > 0;)
    if (tail->compare(at, 4, "PK\x05\x06") == 0)
      return tail->substr(at, kEndRecordSize);
  return std::nullopt;
}

const std::string kCorruptDirectory = "corrupt or truncated central directory";

// What is wrong with the entry whose central directory record is at `at`
// (and whose local header it names), or nullopt; `next` is set to the
// following record.
std::optional<std::string> central_record_damage(const ArchiveBytes& zip, uint64_t at, uint64_t& next) {
  std::optional<std::string> record = zip.read(at, kCentralRecordSize);
  if (!record || record->compare(0, 4, "PK\x01\x02") != 0)
    return kCorruptDirectory;
  uint64_t flags = load_little_endian(*record, 8, 2);
  uint64_t compressed = load_little_endian(*record, 20, 4);
  uint64_t name_length = load_little_endian(*record, 28, 2);
  next =
      at + kCentralRecordSize + name_length + load_little_endian(*record, 30, 2) + load_little_endian(*record, 32, 2);
  std::optional<std::string> name = zip.read(at + kCentralRecordSize, name_length);
  if (next > zip.size() || !name)
    return kCorruptDirectory;
  std::string shown = "'" + printable_name(*name) + "'";
  if ((flags & 0x800) != 0 && !is_valid_utf8(*name))
    return shown + ": entry name flagged UTF-8 is not valid UTF-8";
  uint64_t local = load_little_endian(*record, 42, 4);
  if (compressed == 0xffffffff || local == 0xffffffff)
    return std::nullopt; // zip64: leave it to libzip's message
  std::optional<std::string> header = zip.read(local, kLocalHeaderSize);
  if (!header || header->compare(0, 4, "PK\x03\x04") != 0)
    return shown + ": no local header at its offset (corrupt or truncated archive)";
  uint64_t data = local + kLocalHeaderSize + load_little_endian(*header, 26, 2) + load_little_endian(*header, 28, 2);
  if (data + compressed > zip.size())
    return shown + ": data runs past the end of the file (truncated archive)";
  return std::nullopt;
}
} // namespace

std::optional<std::string> describe_damage(const ArchiveBytes& zip) {
  if (zip.size() == 0)
    return "empty file, not a zip archive";
  std::optional<std::string> end = find_end_record(zip);
  if (!end) {
    std::optional<std::string> start = zip.read(0, 4);
    return start == "PK\x03\x04"
               ? std::optional<std::string>("truncated zip archive (no end of central directory record)")
               : std::nullopt;
  }
  uint64_t count = load_little_endian(*end, 10, 2);
  uint64_t at = load_little_endian(*end, 16, 4);
  if (count == 0xffff || at == 0xffffffff)
    return std::nullopt;
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t next = 0;
    if (auto damage = central_record_damage(zip, at, next))
      return damage;
    at = next;
  }
  return std::nullopt;
}

} // namespace whlinst
