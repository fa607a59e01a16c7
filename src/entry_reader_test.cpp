#include "archive.h"
#include "snapshot_budget.h"
#include "test_support.h"

#include <doctest/doctest.h>

#include <zip.h>

namespace whlinst {
namespace {
using testing::TemporaryDirectory;
using testing::ZipEntry;

// Text that deflates but not to nothing: `size` bytes of numbered lines.
std::string numbered_lines(size_t size) {
  std::string text;
  for (size_t line = 0; text.size() < size; ++line)
    text += "line " + std::to_string(line * 7919 % 100003) + " of the entry\n";
  text.resize(size);
  return text;
}

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

TEST_CASE("entries compressed with another method libzip supports are read through libzip") {
  if (zip_compression_method_supported(ZIP_CM_BZIP2, 0) == 0)
    return;
  TemporaryDirectory directory;
  std::string path = directory / "bzip2.zip";
  std::vector<ZipEntry> entries = {{"a.txt", numbered_lines(30000), 0100644, ZIP_CM_BZIP2},
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

} // namespace whlinst
