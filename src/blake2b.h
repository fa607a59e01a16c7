#pragma once
// BLAKE2b-512 (RFC 7693), unkeyed, computed by whlinst itself: RECORD may
// name it ("blake2b", Python's hashlib.blake2b()), and fetching it from
// OpenSSL meant loading libcrypto.so and its EVP machinery, about 6 ms of a
// small wheel's install (bench/RESULTS-fixed-cost.md). Streaming: update()
// any number of times, then finish() once.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace whlinst {

class Blake2b {
public:
  static constexpr size_t kDigestBytes = 64;
  static constexpr size_t kBlockBytes = 128;

  Blake2b();
  void update(std::string_view data);
  // Writes kDigestBytes bytes to `digest`.
  void finish(unsigned char* digest);

private:
  void compress(const unsigned char* block, bool last);

  std::array<uint64_t, 8> state_;
  std::array<unsigned char, kBlockBytes> block_{};
  size_t buffered_ = 0;  // bytes of block_ held
  uint64_t counted_ = 0; // bytes compressed or buffered so far (the counter t, low word)
  uint64_t counted_high_ = 0;
};

} // namespace whlinst
