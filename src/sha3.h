#pragma once
// SHA3-256, SHA3-384 and SHA3-512 (FIPS 202), computed by whlinst itself:
// RECORD may name them, and fetching them from OpenSSL meant loading
// libcrypto.so and its EVP machinery, about 6 ms of a small wheel's
// install (bench/RESULTS-fixed-cost.md). Streaming: update() any number of
// times, then finish() once.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace whlinst {

class Sha3 {
public:
  // `digest_bytes` is 32, 48 or 64 (SHA3-256, -384, -512).
  explicit Sha3(size_t digest_bytes);

  void update(std::string_view data);
  // Writes digest_bytes() bytes to `digest`.
  void finish(unsigned char* digest);
  size_t digest_bytes() const { return digest_bytes_; }

private:
  // XORs `bits` into the lane being filled, `bytes` of it (1 or 8), and
  // permutes once a block (rate_ bytes) is full.
  void absorb(uint64_t bits, size_t bytes);

  std::array<uint64_t, 25> lanes_{}; // the 1600-bit state, lane (x, y) at x + 5y
  size_t digest_bytes_;
  size_t rate_;         // bytes absorbed per permutation: 200 - 2 * digest_bytes
  size_t absorbed_ = 0; // bytes of the current block absorbed so far
};

// Keccak-f[1600] on the state (FIPS 202, section 3.3), exposed for tests.
void keccak_f1600(std::array<uint64_t, 25>& lanes);

} // namespace whlinst
