#include "zip_directory.h"
#include "zip_fixture.h"

#include <doctest/doctest.h>

namespace whlinst {
namespace {
using testing::hand_made_zip;
using testing::HandMadeZip;
using testing::Zip64;

void check_offsets(HandMadeZip& zip) {
  ArchiveInput input = ArchiveInput::memory(zip.bytes);
  Status read = read_local_header_offsets(input, zip.entries);
  REQUIRE_MESSAGE(read, read.error().message);
  for (size_t i = 0; i < zip.entries.size(); ++i) {
    CHECK(zip.entries[i].local_header_offset == zip.header_offsets[i]);
    auto data = entry_data_offset(input, zip.entries[i]);
    REQUIRE(data);
    CHECK(*data == zip.data_offsets[i]);
  }
}

const std::vector<std::pair<std::string, std::string>> kFiles = {
    {"pkg/__init__.py", ""}, {"pkg/a.py", "print('a')\n"}, {"pkg-1.0.dist-info/RECORD", "rows"}};
} // namespace

TEST_CASE("read_local_header_offsets finds every entry's local header and data") {
  HandMadeZip zip = hand_made_zip(kFiles, Zip64::no);
  check_offsets(zip);
}

TEST_CASE("read_local_header_offsets reads the zip64 end record and extra fields") {
  HandMadeZip zip = hand_made_zip(kFiles, Zip64::yes);
  check_offsets(zip);
}

TEST_CASE("an end record look-alike in the archive comment is passed over") {
  std::string fake("PK\x05\x06", 4);
  fake += std::string(16, '\x07') + std::string(2, '\0') + "tail";
  HandMadeZip zip = hand_made_zip(kFiles, Zip64::no, fake);
  check_offsets(zip);
}

TEST_CASE("a directory that disagrees with libzip's entries is refused") {
  HandMadeZip zip = hand_made_zip(kFiles, Zip64::no);
  ArchiveInput input = ArchiveInput::memory(zip.bytes);
  SUBCASE("another count") {
    zip.entries.pop_back();
    Status read = read_local_header_offsets(input, zip.entries);
    REQUIRE(!read);
    CHECK(read.error().message == "inconsistent central directory (3 entries, libzip read 2)");
  }
  SUBCASE("another size") {
    zip.entries[1].size += 1;
    Status read = read_local_header_offsets(input, zip.entries);
    REQUIRE(!read);
    CHECK(read.error().message == "inconsistent central directory (libzip read another entry #1)");
  }
  SUBCASE("no end record") {
    zip.bytes.resize(zip.bytes.size() - 22);
    Status read = read_local_header_offsets(ArchiveInput::memory(zip.bytes), zip.entries);
    REQUIRE(!read);
    CHECK(read.error().message == "inconsistent central directory (no end of central directory record)");
  }
}

TEST_CASE("entry_data_offset refuses a bad local header and data past the end") {
  HandMadeZip zip = hand_made_zip(kFiles, Zip64::no);
  REQUIRE(read_local_header_offsets(ArchiveInput::memory(zip.bytes), zip.entries));
  ArchiveEntry entry = zip.entries[1];
  entry.local_header_offset += 1;
  auto bad = entry_data_offset(ArchiveInput::memory(zip.bytes), entry);
  REQUIRE(!bad);
  CHECK(bad.error().message == "bad local header");
  entry = zip.entries[1];
  entry.compressed_size = zip.bytes.size();
  auto past = entry_data_offset(ArchiveInput::memory(zip.bytes), entry);
  REQUIRE(!past);
  CHECK(past.error().message == "truncated archive");
}

} // namespace whlinst
