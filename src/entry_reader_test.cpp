#include "archive.h"
#include "snapshot_budget.h"
#include "test_support.h"

#include <doctest/doctest.h>

#include <zip.h>

namespace whlinst {
namespace {
using testing::numbered_lines;
using testing::TemporaryDirectory;
using testing::ZipEntry;

std::vector<ZipEntry> mixed_entries() {
  return {
      {"empty-stored", "", 0100644, 0},
      {"empty-deflated", "", 0100644, 8},
      {"small-stored", "stored bytes", 0100644, 0},
      {"small-deflated", numbered_lines(10000), 0100644, 8},
      {"large-stored", numbered_lines(5 << 20), 0100644, 0},
      {"large-deflated", numbered_lines(6 << 20), 0100644, 8},
  };
}

// Every entry read through a buffer of `capacity` bytes.
std::string read_in_pieces(Archive& archive, const ArchiveEntry& entry, size_t capacity) {
  auto reader = archive.open_entry(entry);
  REQUIRE(reader);
  std::string content;
  std::string buffer(capacity, '\0');
  for (;;) {
    auto bytes = reader->read(buffer.data(), buffer.size());
    REQUIRE_MESSAGE(bytes, bytes.error().message);
    if (bytes->empty())
      return content;
    content.append(*bytes);
  }
}

void check_reads_back(Archive& archive, const std::vector<ZipEntry>& written) {
  REQUIRE(archive.entries().size() == written.size());
  for (size_t i = 0; i < written.size(); ++i) {
    CAPTURE(written[i].name);
    const ArchiveEntry& entry = archive.entries()[i];
    auto whole = archive.read_entry(entry);
    REQUIRE_MESSAGE(whole, whole.error().message);
    CHECK(*whole == written[i].content);
    CHECK(read_in_pieces(archive, entry, 4099) == written[i].content);
  }
}

// The first error reading every entry of the archive at `path`.
std::string first_read_error(const std::string& path) {
  auto archive = Archive::open(path);
  REQUIRE_MESSAGE(archive, archive.error().message);
  for (const ArchiveEntry& entry : archive->entries())
    if (auto content = archive->read_entry(entry); !content)
      return content.error().message;
  return "";
}

// Flips the byte `distance` bytes into the first occurrence of `marker`.
void corrupt_after(const std::string& path, std::string_view marker, size_t distance) {
  std::string bytes = testing::read_text_file(path);
  size_t at = bytes.find(marker);
  REQUIRE(at != std::string::npos);
  bytes[at + distance] = static_cast<char>(bytes[at + distance] ^ 0x20);
  std::remove(path.c_str());
  testing::write_text_file(path, bytes);
}
} // namespace

TEST_CASE("stored and deflated entries of every size read back, from a snapshot and from the file") {
  TemporaryDirectory directory;
  std::string path = directory / "mixed.zip";
  std::vector<ZipEntry> entries = mixed_entries();
  REQUIRE(testing::write_zip(path, entries));
  SUBCASE("snapshot") {
    auto archive = Archive::open(path);
    REQUIRE(archive);
    CHECK(archive->bytes_in_memory());
    check_reads_back(*archive, entries);
    auto other = archive->reopen();
    REQUIRE(other);
    check_reads_back(*other, entries);
  }
  SUBCASE("file (the snapshot budget taken)") {
    auto budget = SnapshotShare::reserve(kSnapshotBudget - snapshot_bytes_held());
    REQUIRE(budget);
    auto archive = Archive::open(path);
    REQUIRE(archive);
    CHECK(!archive->bytes_in_memory());
    check_reads_back(*archive, entries);
    auto other = archive->reopen();
    REQUIRE(other);
    check_reads_back(*other, entries);
  }
}

// Whether the tests' libzip writes bzip2 (Debian's does, the one built
// from subprojects/ does not): whlinst reads it through libbz2 either way.
bool libzip_writes_bzip2() { return zip_compression_method_supported(ZIP_CM_BZIP2, 1) != 0; }

TEST_CASE("bzip2 entries of every size read back, from a snapshot and from the file") {
  if (!libzip_writes_bzip2())
    return;
  TemporaryDirectory directory;
  std::string path = directory / "bzip2.zip";
  std::vector<ZipEntry> entries = {{"empty.txt", "", 0100644, ZIP_CM_BZIP2},
                                   {"small.txt", numbered_lines(30000), 0100644, ZIP_CM_BZIP2},
                                   {"deflated.txt", "deflated", 0100644, 8},
                                   {"large.txt", numbered_lines(3 << 20), 0100644, ZIP_CM_BZIP2}};
  REQUIRE(testing::write_zip(path, entries));
  auto archive = Archive::open(path);
  REQUIRE(archive);
  CHECK(archive->bytes_in_memory());
  check_reads_back(*archive, entries);
  auto budget = SnapshotShare::reserve(kSnapshotBudget - snapshot_bytes_held());
  auto from_file = Archive::open(path);
  REQUIRE(from_file);
  CHECK(!from_file->bytes_in_memory());
  check_reads_back(*from_file, entries);
}

TEST_CASE("entries compressed with another method libzip supports are read through libzip") {
  if (zip_compression_method_supported(ZIP_CM_LZMA, 1) == 0)
    return;
  TemporaryDirectory directory;
  std::string path = directory / "lzma.zip";
  std::vector<ZipEntry> entries = {{"a.txt", numbered_lines(30000), 0100644, ZIP_CM_LZMA},
                                   {"b.txt", "deflated", 0100644, 8}};
  REQUIRE(testing::write_zip(path, entries));
  auto archive = Archive::open(path);
  REQUIRE(archive);
  check_reads_back(*archive, entries);
}

TEST_CASE("a corrupt stored or streamed entry is refused with what is wrong") {
  TemporaryDirectory directory;
  std::string path = directory / "corrupt.zip";
  SUBCASE("stored: CRC-32 mismatch") {
    REQUIRE(testing::write_zip(path, {{"a.txt", "0123456789 stored", 0100644, 0}}));
    corrupt_after(path, "0123456789 stored", 3);
    CHECK(first_read_error(path) == "a.txt: CRC-32 mismatch, the entry is corrupt");
  }
  SUBCASE("large stored, read from the file: CRC-32 mismatch") {
    std::string content = numbered_lines(5 << 20);
    REQUIRE(testing::write_zip(path, {{"big.txt", content, 0100644, 0}}));
    corrupt_after(path, content.substr(0, 40), 4 << 20);
    auto budget = SnapshotShare::reserve(kSnapshotBudget - snapshot_bytes_held());
    CHECK(first_read_error(path) == "big.txt: CRC-32 mismatch, the entry is corrupt");
  }
  SUBCASE("large deflated, streamed: corrupt data or CRC-32 mismatch") {
    REQUIRE(testing::write_zip(path, {{"big.txt", numbered_lines(6 << 20), 0100644, 8}}));
    std::string bytes = testing::read_text_file(path);
    size_t middle = bytes.size() / 2;
    bytes[middle] = static_cast<char>(bytes[middle] ^ 0x55);
    std::remove(path.c_str());
    testing::write_text_file(path, bytes);
    std::string error = first_read_error(path);
    CAPTURE(error);
    CHECK((error.rfind("big.txt: corrupt compressed data (", 0) == 0 ||
           error == "big.txt: CRC-32 mismatch, the entry is corrupt" ||
           error.rfind("big.txt: shorter than its declared size", 0) == 0 ||
           error.rfind("big.txt: inflates past its declared size", 0) == 0));
  }
}

namespace {
// The one entry of the archive at `path`, its headers' fields altered in
// place: `at` bytes into the local header and `at + 2` into the central
// one (the same field: CRC-32 at 14, compressed size at 18, size at 22).
void set_declared_field(const std::string& path, size_t at, uint32_t value) {
  std::string bytes = testing::read_text_file(path);
  REQUIRE(bytes.compare(0, 4, "PK\x03\x04") == 0);
  REQUIRE((bytes[6] & 0x08) == 0); // sizes in the local header, no data descriptor
  size_t central = bytes.rfind("PK\x01\x02");
  REQUIRE(central != std::string::npos);
  for (size_t field : {at, central + at + 2})
    for (size_t i = 0; i < 4; ++i)
      bytes[field + i] = static_cast<char>(value >> (8 * i) & 0xff);
  std::remove(path.c_str());
  testing::write_text_file(path, bytes);
}

// The first byte of the one entry's data, altered.
void alter_data(const std::string& path, size_t distance) {
  std::string bytes = testing::read_text_file(path);
  size_t data = 30 + (static_cast<uint8_t>(bytes[26]) | static_cast<uint8_t>(bytes[27]) << 8) +
                (static_cast<uint8_t>(bytes[28]) | static_cast<uint8_t>(bytes[29]) << 8);
  bytes[data + distance] = static_cast<char>(bytes[data + distance] ^ 0x10);
  std::remove(path.c_str());
  testing::write_text_file(path, bytes);
}
} // namespace

TEST_CASE("a bzip2 entry that its stream or headers contradict is refused with what is wrong") {
  if (!libzip_writes_bzip2())
    return;
  TemporaryDirectory directory;
  std::string path = directory / "bzip2.zip";
  std::string content = numbered_lines(30000);
  REQUIRE(testing::write_zip(path, {{"a.txt", content, 0100644, ZIP_CM_BZIP2}}));
  auto archive = Archive::open(path);
  REQUIRE(archive);
  const ArchiveEntry entry = archive->entries().at(0);
  REQUIRE(entry.compressed_size > 100);
  SUBCASE("CRC-32 mismatch") {
    set_declared_field(path, 14, entry.crc ^ 1);
    CHECK(first_read_error(path) == "a.txt: CRC-32 mismatch, the entry is corrupt");
  }
  SUBCASE("declared shorter than it inflates") {
    set_declared_field(path, 22, 29999);
    CHECK(first_read_error(path) == "a.txt: inflates past its declared size of 29999 bytes (decompression bomb?)");
  }
  SUBCASE("declared longer than it inflates") {
    set_declared_field(path, 22, 30001);
    CHECK(first_read_error(path) == "a.txt: shorter than its declared size of 30001 bytes");
  }
  SUBCASE("a truncated stream") {
    set_declared_field(path, 18, static_cast<uint32_t>(entry.compressed_size - 10));
    CHECK(first_read_error(path) == "a.txt: corrupt compressed data (the stream ends early)");
  }
  SUBCASE("not a bzip2 stream") {
    alter_data(path, 0);
    CHECK(first_read_error(path) == "a.txt: corrupt compressed data (not a bzip2 stream)");
  }
  SUBCASE("corrupt data") {
    alter_data(path, entry.compressed_size / 2);
    CHECK(first_read_error(path) == "a.txt: corrupt compressed data (bzip2 blocks fail their CRC or do not parse)");
  }
}

} // namespace whlinst
