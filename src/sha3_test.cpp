#include "hash.h"
#include "sha3.h"
#include "test_support.h"

#include <doctest/doctest.h>

using namespace whlinst;
using namespace whlinst::testing;

namespace {
// The digest of `message` fed in pieces of `piece` bytes (all at once when 0).
std::string sha3_hex(size_t digest_bytes, std::string_view message, size_t piece = 0) {
  Sha3 sha3(digest_bytes);
  if (piece == 0)
    sha3.update(message);
  for (size_t at = 0; piece != 0 && at < message.size(); at += piece)
    sha3.update(message.substr(at, piece));
  unsigned char digest[64];
  sha3.finish(digest);
  return hex_of(std::string_view(reinterpret_cast<const char*>(digest), digest_bytes));
}
} // namespace

TEST_CASE("SHA-3 of the empty message and of abc, as hashlib gives them") {
  CHECK(sha3_hex(32, "") == "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
  CHECK(sha3_hex(48, "") ==
        "0c63a75b845e4f7d01107d852e4c2485c51a50aaaa94fc61995e71bbee983a2ac3713831264adb47fb6bd1e058d5f004");
  CHECK(sha3_hex(64, "abc") ==
        "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3"
        "934057340b4cf408d5a56592f8274eec53f0");
}

TEST_CASE("SHA-3 fed in pieces of every size up to past a block equals one update") {
  std::string message = patterned_bytes(400);
  for (size_t digest_bytes : {32, 48, 64}) {
    std::string whole = sha3_hex(digest_bytes, message);
    for (size_t piece = 1; piece <= 145; ++piece) {
      CAPTURE(digest_bytes);
      CAPTURE(piece);
      CHECK(sha3_hex(digest_bytes, message, piece) == whole);
    }
  }
}

TEST_CASE("Keccak-f[1600] of the zero state gives the reference's first lanes") {
  // The Keccak team's KeccakF-1600-IntermediateValues.txt: the permutation of
  // the all-zero state begins with lanes F1258F7940E1DDE7, 84D5CCF933C0478A.
  std::array<uint64_t, 25> lanes{};
  keccak_f1600(lanes);
  CHECK(lanes[0] == 0xF1258F7940E1DDE7);
  CHECK(lanes[1] == 0x84D5CCF933C0478A);
}
