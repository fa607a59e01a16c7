#pragma once
// Unsigned integers stored least significant byte first: the fields of zip
// records (APPNOTE.TXT 4.4.1), SHA-3's lanes (FIPS 202, 3.1.2) and
// BLAKE2b's words (RFC 7693, 2.4). Inline: the digests load and store one
// per 8 bytes hashed.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace whlinst {

// The `width` bytes (at most 8) at `bytes`.
inline uint64_t load_little_endian(const unsigned char* bytes, size_t width = 8) {
  uint64_t value = 0;
  for (size_t i = width; i-- > 0;)
    value = value << 8 | bytes[i];
  return value;
}

// The `width` bytes of `bytes` from `at` on; the caller checked they exist.
inline uint64_t load_little_endian(std::string_view bytes, size_t at, size_t width) {
  return load_little_endian(reinterpret_cast<const unsigned char*>(bytes.data()) + at, width);
}

// `value` as 8 bytes at `bytes`.
inline void store_little_endian(uint64_t value, unsigned char* bytes) {
  for (size_t i = 0; i < 8; ++i)
    bytes[i] = static_cast<unsigned char>(value >> (8 * i));
}

} // namespace whlinst
