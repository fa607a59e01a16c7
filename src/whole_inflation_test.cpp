#include "whole_inflation.h"

#include <doctest/doctest.h>

#ifdef WHLINST_HAVE_LIBDEFLATE
#include <libdeflate.h>

#include <string>

using namespace whlinst;

namespace {
std::string deflate(const std::string& data) {
  libdeflate_compressor* compressor = libdeflate_alloc_compressor(6);
  std::string out(libdeflate_deflate_compress_bound(compressor, data.size()), '\0');
  out.resize(libdeflate_deflate_compress(compressor, data.data(), data.size(), out.data(), out.size()));
  libdeflate_free_compressor(compressor);
  return out;
}

uint32_t crc_of(const std::string& data) { return libdeflate_crc32(0, data.data(), data.size()); }

std::string message_of(const Result<InflatedBytes>& result) { return result ? "" : result.error().message; }
} // namespace

TEST_CASE("inflate_whole: exact size and CRC give the bytes") {
  REQUIRE(whole_inflation_available());
  std::string data(100000, 'x');
  data += "tail";
  auto inflated = inflate_whole(deflate(data), data.size(), crc_of(data));
  REQUIRE(inflated.ok());
  CHECK(std::string(inflated->data.get(), inflated->size) == data);
  auto empty = inflate_whole(deflate(""), 0, 0);
  REQUIRE(empty.ok());
  CHECK(empty->size == 0);
}

TEST_CASE("inflate_whole: every way the entry can disagree with its header is an error") {
  std::string data = "import os\nprint(os.getcwd())\n";
  std::string compressed = deflate(data);
  CHECK(message_of(inflate_whole(compressed, data.size() - 1, crc_of(data))).find("inflates past its declared size") !=
        std::string::npos);
  CHECK(message_of(inflate_whole(compressed, data.size() + 1, crc_of(data))) ==
        "shorter than its declared size of " + std::to_string(data.size() + 1) + " bytes");
  CHECK(message_of(inflate_whole(compressed, data.size(), crc_of(data) ^ 1)) ==
        "CRC-32 mismatch, the entry is corrupt");
  CHECK(message_of(inflate_whole(compressed.substr(0, compressed.size() / 2), data.size(), crc_of(data))) ==
        "corrupt compressed data");
  CHECK(message_of(inflate_whole("\xff\xff\xff\xff", data.size(), crc_of(data))) == "corrupt compressed data");
}
#endif
