#pragma once
// RECORD hashes (binary distribution format, "The RECORD file"): the hash
// algorithms whlinst accepts and a streaming hasher producing the urlsafe
// base64 digest without padding. OpenSSL (SHA-2 only) is included only by
// hash.cpp; SHA-3 and BLAKE2b are whlinst's own (sha3.h, blake2b.h).

#include "result.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace whlinst {

enum class HashAlgorithm : uint8_t { sha256, sha384, sha512, sha3_256, sha3_384, sha3_512, blake2b };

// Maps a RECORD algorithm name to an accepted algorithm. md5, sha1 and sha224
// are refused as weak, anything else not listed above as unknown.
Result<HashAlgorithm> hash_algorithm_named(std::string_view name);

// Name as written in RECORD ("sha256").
std::string_view hash_algorithm_name(HashAlgorithm algorithm);

class Hasher {
public:
  explicit Hasher(HashAlgorithm algorithm);
  ~Hasher();
  Hasher(Hasher&&) noexcept;
  Hasher& operator=(Hasher&&) noexcept;

  void update(std::string_view data);
  // The digest as urlsafe base64 without '=' padding. Call once.
  std::string finish_base64url();
  // The digest as lowercase hex. Call once (instead of finish_base64url).
  std::string finish_hex();

  // The raw digest bytes. Call once (instead of the above).
  std::string finish_raw();

private:
  struct Context;
  std::unique_ptr<Context> context_;
};

struct FileDigest {
  std::string base64url; // as in RECORD
  std::string hex;
  uint64_t size = 0;
};

// Streams a file through the hash.
Result<FileDigest> digest_file(const std::string& path, HashAlgorithm algorithm);

// Convenience: hash of a whole buffer.
std::string digest_base64url(HashAlgorithm algorithm, std::string_view data);

std::string base64url_without_padding(std::string_view bytes);

// `bytes` as lowercase hex, two digits per byte.
std::string hex_of(std::string_view bytes);

} // namespace whlinst
