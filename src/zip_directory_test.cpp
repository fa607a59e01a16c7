#include "zip_directory.h"

#include <doctest/doctest.h>

namespace whlinst {
namespace {
void put(std::string& out, uint64_t value, size_t width) {
  for (size_t i = 0; i < width; ++i)
    out.push_back(static_cast<char>(value >> (8 * i) & 0xff));
}

enum class Zip64 { no, yes };

// A zip of stored entries written by hand, the ArchiveEntry values libzip
// would list for it, and where each entry's local header and data are.
struct HandMadeZip {
  std::string bytes;
  std::vector<ArchiveEntry> entries;
  std::vector<uint64_t> header_offsets;
  std::vector<uint64_t> data_offsets;
};

HandMadeZip hand_made_zip(const std::vector<std::pair<std::string, std::string>>& files, Zip64 zip64,
                          std::string_view comment = "") {
  HandMadeZip zip;
  std::string directory;
  uint32_t marker = 0xffffffff;
  for (const auto& [name, content] : files) {
    ArchiveEntry entry;
    entry.index = zip.entries.size();
    entry.name = name;
    entry.size = entry.compressed_size = content.size();
    entry.crc = 0x12345678; // not checked here
    zip.header_offsets.push_back(zip.bytes.size());
    put(zip.bytes, 0x04034b50, 4);
    zip.bytes.append(22, '\0');
    put(zip.bytes, name.size(), 2);
    put(zip.bytes, 0, 2);
    zip.bytes += name;
    zip.data_offsets.push_back(zip.bytes.size());
    zip.bytes += content;
    std::string extra;
    if (zip64 == Zip64::yes) {
      put(extra, 0x0001, 2);
      put(extra, 24, 2);
      put(extra, entry.size, 8);
      put(extra, entry.compressed_size, 8);
      put(extra, zip.header_offsets.back(), 8);
    }
    put(directory, 0x02014b50, 4);
    directory.append(6, '\0');
    put(directory, 0, 2); // stored
    put(directory, 0, 4);
    put(directory, entry.crc, 4);
    put(directory, zip64 == Zip64::yes ? marker : entry.size, 4);
    put(directory, zip64 == Zip64::yes ? marker : entry.size, 4);
    put(directory, name.size(), 2);
    put(directory, extra.size(), 2);
    directory.append(10, '\0');
    put(directory, zip64 == Zip64::yes ? marker : zip.header_offsets.back(), 4);
    directory += name + extra;
    zip.entries.push_back(entry);
  }
  uint64_t directory_offset = zip.bytes.size();
  zip.bytes += directory;
  if (zip64 == Zip64::yes) {
    uint64_t record_offset = zip.bytes.size();
    put(zip.bytes, 0x06064b50, 4);
    put(zip.bytes, 44, 8);
    zip.bytes.append(12, '\0');
    put(zip.bytes, files.size(), 8);
    put(zip.bytes, files.size(), 8);
    put(zip.bytes, directory.size(), 8);
    put(zip.bytes, directory_offset, 8);
    put(zip.bytes, 0x07064b50, 4);
    put(zip.bytes, 0, 4);
    put(zip.bytes, record_offset, 8);
    put(zip.bytes, 1, 4);
  }
  put(zip.bytes, 0x06054b50, 4);
  zip.bytes.append(4, '\0');
  put(zip.bytes, zip64 == Zip64::yes ? 0xffff : files.size(), 2);
  put(zip.bytes, zip64 == Zip64::yes ? 0xffff : files.size(), 2);
  put(zip.bytes, zip64 == Zip64::yes ? marker : directory.size(), 4);
  put(zip.bytes, zip64 == Zip64::yes ? marker : directory_offset, 4);
  put(zip.bytes, comment.size(), 2);
  zip.bytes += comment;
  return zip;
}

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
