// SHA-256/384/512 use OpenSSL's direct functions, which OpenSSL 3 marks
// deprecated but keeps: see Hasher::Context. Set before any OpenSSL header.
#define OPENSSL_API_COMPAT 0x10101000L

#include "hash.h"

#include "blake2b.h"
#include "file_system.h"
#include "sha3.h"

#include <iterator>
#include <openssl/sha.h>
#include <variant>

namespace whlinst {

std::string hex_of(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char byte : bytes) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 15]);
  }
  return hex;
}

namespace {
struct NamedAlgorithm {
  std::string_view name;
  HashAlgorithm algorithm;
};

constexpr NamedAlgorithm kAccepted[] = {
    {"sha256", HashAlgorithm::sha256},     {"sha384", HashAlgorithm::sha384},     {"sha512", HashAlgorithm::sha512},
    {"sha3_256", HashAlgorithm::sha3_256}, {"sha3_384", HashAlgorithm::sha3_384}, {"sha3_512", HashAlgorithm::sha3_512},
    {"blake2b", HashAlgorithm::blake2b},
};

static_assert(std::size(kAccepted) == static_cast<size_t>(HashAlgorithm::blake2b) + 1, "every algorithm named");
} // namespace

Result<HashAlgorithm> hash_algorithm_named(std::string_view name) {
  for (const NamedAlgorithm& entry : kAccepted)
    if (entry.name == name)
      return entry.algorithm;
  if (name == "md5" || name == "sha1" || name == "sha224")
    return make_error("weak hash algorithm '", std::string(name), "' (sha256 or stronger required)");
  return make_error("unknown hash algorithm '", std::string(name), "'");
}

std::string_view hash_algorithm_name(HashAlgorithm algorithm) {
  for (const NamedAlgorithm& entry : kAccepted)
    if (entry.algorithm == algorithm)
      return entry.name;
  return "sha256";
}

// SHA-256, SHA-384 and SHA-512 (nearly every RECORD) come from OpenSSL's
// direct functions, linked from its static archive where there is one: the
// first use of its EVP interface fills OpenSSL's name tables with every
// cipher and digest it knows, about 2 ms of a process that installs a small
// wheel in a few. SHA-3 and BLAKE2b, which OpenSSL offers only through EVP,
// are computed by whlinst (sha3.h, blake2b.h).
struct Hasher::Context {
  std::variant<SHA256_CTX, SHA512_CTX, Sha3, Blake2b> state;
  HashAlgorithm algorithm;

  explicit Context(HashAlgorithm algorithm) : algorithm(algorithm) {
    switch (algorithm) {
    case HashAlgorithm::sha256: SHA256_Init(&state.emplace<SHA256_CTX>()); break;
    case HashAlgorithm::sha384: SHA384_Init(&state.emplace<SHA512_CTX>()); break;
    case HashAlgorithm::sha512: SHA512_Init(&state.emplace<SHA512_CTX>()); break;
    case HashAlgorithm::sha3_256: state.emplace<Sha3>(32); break;
    case HashAlgorithm::sha3_384: state.emplace<Sha3>(48); break;
    case HashAlgorithm::sha3_512: state.emplace<Sha3>(64); break;
    case HashAlgorithm::blake2b: state.emplace<Blake2b>(); break;
    }
  }
};

Hasher::Hasher(HashAlgorithm algorithm) : context_(std::make_unique<Context>(algorithm)) {}
Hasher::~Hasher() = default;
Hasher::Hasher(Hasher&&) noexcept = default;
Hasher& Hasher::operator=(Hasher&&) noexcept = default;

void Hasher::update(std::string_view data) {
  if (auto* sha256 = std::get_if<SHA256_CTX>(&context_->state))
    SHA256_Update(sha256, data.data(), data.size());
  else if (auto* sha512 = std::get_if<SHA512_CTX>(&context_->state))
    SHA512_Update(sha512, data.data(), data.size()); // SHA384_Update is the same function
  else if (auto* sha3 = std::get_if<Sha3>(&context_->state))
    sha3->update(data);
  else
    std::get<Blake2b>(context_->state).update(data);
}

std::string Hasher::finish_raw() {
  unsigned char digest[SHA512_DIGEST_LENGTH]; // the longest of them
  size_t length = 0;
  if (auto* sha256 = std::get_if<SHA256_CTX>(&context_->state)) {
    SHA256_Final(digest, sha256);
    length = SHA256_DIGEST_LENGTH;
  } else if (auto* sha512 = std::get_if<SHA512_CTX>(&context_->state)) {
    bool is_384 = context_->algorithm == HashAlgorithm::sha384;
    is_384 ? SHA384_Final(digest, sha512) : SHA512_Final(digest, sha512);
    length = is_384 ? SHA384_DIGEST_LENGTH : SHA512_DIGEST_LENGTH;
  } else if (auto* sha3 = std::get_if<Sha3>(&context_->state)) {
    sha3->finish(digest);
    length = sha3->digest_bytes();
  } else {
    std::get<Blake2b>(context_->state).finish(digest);
    length = Blake2b::kDigestBytes;
  }
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string Hasher::finish_base64url() { return base64url_without_padding(finish_raw()); }

std::string Hasher::finish_hex() { return hex_of(finish_raw()); }

Result<FileDigest> digest_file(const std::string& path, HashAlgorithm algorithm) {
  TRY_ASSIGN(fd, open_for_reading(path));
  Hasher hasher(algorithm);
  FileDigest digest;
  TRY(read_in_chunks(fd.get(), "cannot read", path, 1 << 18, [&](std::string_view piece) {
    hasher.update(piece);
    digest.size += piece.size();
    return Status{};
  }));
  std::string raw = hasher.finish_raw();
  digest.base64url = base64url_without_padding(raw);
  digest.hex = hex_of(raw);
  return digest;
}

std::string digest_base64url(HashAlgorithm algorithm, std::string_view data) {
  Hasher hasher(algorithm);
  hasher.update(data);
  return hasher.finish_base64url();
}

std::string base64url_without_padding(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string encoded;
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<unsigned char>(bytes[k]); };
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned value = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    for (int shift = 18; shift >= 0; shift -= 6)
      encoded.push_back(kAlphabet[(value >> shift) & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned value = byte(i) << 16;
    if (rest == 2)
      value |= byte(i + 1) << 8;
    encoded.push_back(kAlphabet[(value >> 18) & 63]);
    encoded.push_back(kAlphabet[(value >> 12) & 63]);
    if (rest == 2)
      encoded.push_back(kAlphabet[(value >> 6) & 63]);
  }
  return encoded;
}

} // namespace whlinst
