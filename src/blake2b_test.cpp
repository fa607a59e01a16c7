#include "blake2b.h"
#include "hash.h"
#include "test_support.h"

#include <doctest/doctest.h>

using namespace whlinst;
using namespace whlinst::testing;

namespace {
// The digest of `message` fed in pieces of `piece` bytes (all at once when 0).
std::string blake2b_hex(std::string_view message, size_t piece = 0) {
  Blake2b blake2b;
  if (piece == 0)
    blake2b.update(message);
  for (size_t at = 0; piece != 0 && at < message.size(); at += piece)
    blake2b.update(message.substr(at, piece));
  unsigned char digest[Blake2b::kDigestBytes];
  blake2b.finish(digest);
  return hex_of(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}
} // namespace

TEST_CASE("BLAKE2b-512 of abc is RFC 7693's example, of the empty message hashlib's") {
  CHECK(blake2b_hex("abc") ==
        "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533"
        "cc9518d38aa8dbf1925ab92386edd4009923");
  CHECK(blake2b_hex("") ==
        "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934e"
        "b04b903a685b1448b755d56f701afe9be2ce");
}

TEST_CASE("BLAKE2b fed in pieces of every size up to past a block equals one update") {
  std::string message = patterned_bytes(400);
  std::string whole = blake2b_hex(message);
  for (size_t piece = 1; piece <= 257; ++piece) {
    CAPTURE(piece);
    CHECK(blake2b_hex(message, piece) == whole);
  }
}

TEST_CASE("BLAKE2b of a message ending exactly at a block boundary is compressed once, as the last block") {
  // hashlib.blake2b(bytes((7 * i + 3) % 256 for i in range(256))).hexdigest()[:32]
  CHECK(blake2b_hex(patterned_bytes(256)).substr(0, 32) == "91019c558584980249ca43eceed27e19");
}
