#include "archive_handle.h"
#include "plain_zip.h"
#include "test_support.h"
#include "zip_directory.h"
#include "zip_fixture.h"

#include <doctest/doctest.h>

namespace whlinst {
namespace {
using testing::hand_made_zip;
using testing::HandMadeZip;
using testing::set_little_endian;
using testing::Zip64;

const std::vector<std::pair<std::string, std::string>> kFiles = {
    {"pkg/__init__.py", ""}, {"pkg/a.py", "print('a')\n"}, {"pkg-1.0.dist-info/RECORD", "rows"}};

void check_same_entry(const ArchiveEntry& ours, const ArchiveEntry& expected) {
  CAPTURE(expected.name);
  CHECK(ours.index == expected.index);
  CHECK(ours.name == expected.name);
  CHECK(ours.size == expected.size);
  CHECK(ours.compressed_size == expected.compressed_size);
  CHECK(ours.crc == expected.crc);
  CHECK(ours.encrypted == expected.encrypted);
  CHECK(ours.compression_method == expected.compression_method);
  CHECK(ours.compression_supported == expected.compression_supported);
  CHECK(ours.unix_attributes == expected.unix_attributes);
  CHECK(ours.unix_mode == expected.unix_mode);
  CHECK(ours.local_header_offset == expected.local_header_offset);
}

// libzip's listing of `bytes` (ZIP_CHECKCONS), with the offsets zip_directory finds.
ArchiveListing libzip_entries(const std::string& bytes) {
  std::string_view view(bytes);
  int code = 0;
  std::string label = "test.zip";
  ZipArchive zip = open_zip(ZipInput{label, &view}, ZIP_RDONLY | ZIP_CHECKCONS, code);
  REQUIRE_MESSAGE(zip, "libzip refused the archive: ", code);
  ArchiveListing listing;
  for (zip_int64_t i = 0; i < zip_get_num_entries(zip.get(), 0); ++i) {
    auto entry = describe_entry(zip.get(), static_cast<uint32_t>(i), listing.names);
    REQUIRE(entry);
    listing.entries.push_back(*entry);
  }
  REQUIRE(read_local_header_offsets(ArchiveInput::memory(bytes), listing.entries));
  return listing;
}

void check_plain(const std::string& bytes) {
  auto plain = read_plain_zip(ArchiveInput::memory(bytes));
  REQUIRE(plain);
  ArchiveListing expected = libzip_entries(bytes);
  REQUIRE(plain->entries.size() == expected.entries.size());
  for (size_t i = 0; i < expected.entries.size(); ++i)
    check_same_entry(plain->entries[i], expected.entries[i]);
}

bool is_plain(const std::string& bytes) { return read_plain_zip(ArchiveInput::memory(bytes)).has_value(); }
} // namespace

TEST_CASE("a zip libzip wrote is plain and listed as libzip lists it") {
  testing::TemporaryDirectory directory;
  std::string path = directory / "written.zip";
  std::vector<testing::ZipEntry> entries = {
      {"pkg/", "", 040755, 0},
      {"pkg/__init__.py", "", 0100644, 8},
      {"pkg/run.sh", "#!/bin/sh\necho run\n", 0100755, 8},
      {"pkg/stored.bin", std::string(5000, 'x'), 0100644, 0},
      {"pkg/link", "target", 0120777, 0},
      {"pkg/dos.txt", "made elsewhere", std::nullopt, 8},
      {"pkg/\xc3\xa9t\xc3\xa9.py", "x = 1\n", 0100644, 8},
  };
  if (zip_compression_method_supported(ZIP_CM_BZIP2, 1) != 0) // Debian's libzip, not subprojects/'
    entries.push_back({"pkg/bzip2.txt", std::string(3000, 'b'), 0100644, ZIP_CM_BZIP2});
  REQUIRE(testing::write_zip(path, entries));
  check_plain(testing::read_text_file(path));
}

TEST_CASE("hand-made plain archives, zip64 included, are listed with their offsets") {
  SUBCASE("zip32") { check_plain(hand_made_zip(kFiles, Zip64::no).bytes); }
  SUBCASE("zip64 end record and extra fields") { check_plain(hand_made_zip(kFiles, Zip64::yes).bytes); }
  SUBCASE("an archive comment") { check_plain(hand_made_zip(kFiles, Zip64::no, "a comment").bytes); }
  SUBCASE("zip64 sizes in the local headers (force_zip64)") { check_plain(hand_made_zip(kFiles, Zip64::local).bytes); }
  SUBCASE("a data descriptor: zeros in the local header") {
    HandMadeZip zip = hand_made_zip(kFiles, Zip64::no);
    uint64_t local = zip.header_offsets[1];
    set_little_endian(zip.bytes, local + 6, 0x0008, 2);
    for (uint64_t field : {14, 18, 22}) // CRC-32, compressed size, size
      set_little_endian(zip.bytes, local + field, 0, 4);
    check_plain(zip.bytes);
  }
}

TEST_CASE("bzip2 entries are plain, supported when libbz2 loads") {
  HandMadeZip zip = hand_made_zip(kFiles, Zip64::no);
  for (size_t i = 0; i < kFiles.size(); ++i) {
    set_little_endian(zip.bytes, zip.central_offsets[i] + 10, 12, 2);
    set_little_endian(zip.bytes, zip.header_offsets[i] + 8, 12, 2);
  }
  check_plain(zip.bytes);
  auto plain = read_plain_zip(ArchiveInput::memory(zip.bytes));
  REQUIRE(plain);
  for (const ArchiveEntry& entry : plain->entries) {
    CHECK(entry.compression_method == 12);
    CHECK(entry.compression_supported);
  }
}

TEST_CASE("zip64 sizes in a local header are plain only both in a 16-byte field, agreeing") {
  HandMadeZip zip = hand_made_zip(kFiles, Zip64::local);
  std::string& bytes = zip.bytes;
  REQUIRE(is_plain(bytes));
  uint64_t local = zip.header_offsets[1];
  uint64_t field = local + 30 + zip.entries[1].name.size();
  SUBCASE("one size in the header, the other in the field") { set_little_endian(bytes, local + 18, 11, 4); }
  SUBCASE("another size in the field") { set_little_endian(bytes, field + 4, 3, 8); }
  SUBCASE("another compressed size in the field") { set_little_endian(bytes, field + 12, 3, 8); }
  SUBCASE("a field of another kind") { set_little_endian(bytes, field, 0x5455, 2); }
  SUBCASE("a field of 8 bytes and another of 4") {
    set_little_endian(bytes, field + 2, 8, 2);
    set_little_endian(bytes, field + 12, 0x5455, 2);
    set_little_endian(bytes, field + 14, 4, 2);
  }
  CHECK(!is_plain(bytes));
}

TEST_CASE("an archive that is not plain is left to libzip") {
  HandMadeZip zip = hand_made_zip(kFiles, Zip64::no);
  std::string& bytes = zip.bytes;
  uint64_t central = zip.central_offsets[1];
  uint64_t local = zip.header_offsets[1];
  SUBCASE("an end record look-alike in the comment") {
    std::string fake("PK\x05\x06", 4);
    fake += std::string(18, '\0');
    bytes = hand_made_zip(kFiles, Zip64::no, fake).bytes;
  }
  SUBCASE("bytes after the comment") { bytes += "junk"; }
  SUBCASE("a gap between the directory and the end record") { bytes.insert(zip.end_offset, "gap!"); }
  SUBCASE("an entry on another disk") { set_little_endian(bytes, central + 34, 1, 2); }
  SUBCASE("encrypted") { set_little_endian(bytes, central + 8, 1, 2); }
  SUBCASE("LZMA") {
    set_little_endian(bytes, central + 10, 14, 2);
    set_little_endian(bytes, local + 8, 14, 2);
  }
  SUBCASE("the local header names another file") { bytes[local + 30] = 'q'; }
  SUBCASE("the local header has another method") { set_little_endian(bytes, local + 8, 8, 2); }
  SUBCASE("the local header has another time") { set_little_endian(bytes, local + 10, 1, 4); }
  SUBCASE("the local header has another size") { set_little_endian(bytes, local + 22, 3, 4); }
  SUBCASE("the local header needs a higher version") { set_little_endian(bytes, local + 4, 45, 2); }
  SUBCASE("a local header without its signature") { bytes[local] = 'X'; }
  SUBCASE("a name flagged UTF-8 that is not") {
    set_little_endian(bytes, central + 8, 0x0800, 2);
    bytes[central + 46] = '\xff';
    bytes[local + 30] = '\xff';
  }
  SUBCASE("two entries of one name") { bytes = hand_made_zip({{"same.py", "1"}, {"same.py", "2"}}, Zip64::no).bytes; }
  CHECK(!is_plain(bytes));
}

// `made` with an extra field of `id` in the first central header.
std::string with_central_extra(const HandMadeZip& made, uint16_t id) {
  std::string extra;
  testing::put_little_endian(extra, id, 2);
  testing::put_little_endian(extra, 5, 2);
  extra += std::string("\x01\x00\x00\x00\x00", 5);
  std::string bytes = made.bytes;
  bytes.insert(made.central_offsets[0] + 46 + made.entries[0].name.size(), extra);
  set_little_endian(bytes, made.central_offsets[0] + 30, extra.size(), 2);
  set_little_endian(bytes, made.end_offset + extra.size() + 12,
                    made.end_offset - made.central_offsets[0] + extra.size(), 4);
  return bytes;
}

TEST_CASE("an Info-ZIP Unicode path or comment field is left to libzip, another extra field is plain") {
  HandMadeZip made = hand_made_zip({{"a.py", "1"}}, Zip64::no);
  check_plain(with_central_extra(made, 0x5455)); // extended timestamp
  CHECK(!is_plain(with_central_extra(made, 0x7075)));
  CHECK(!is_plain(with_central_extra(made, 0x6375)));
}

TEST_CASE("a zip64 size without its extra field is not plain") {
  HandMadeZip zip = hand_made_zip(kFiles, Zip64::no);
  set_little_endian(zip.bytes, zip.central_offsets[2] + 20, 0xffffffff, 4);
  CHECK(!is_plain(zip.bytes));
}

} // namespace whlinst
