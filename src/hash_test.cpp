#include "hash.h"

#include <doctest/doctest.h>

using namespace whlinst;

TEST_CASE("sha256 digests match Python's urlsafe_b64encode without padding") {
  CHECK(digest_base64url(HashAlgorithm::sha256, "") == "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
  CHECK(digest_base64url(HashAlgorithm::sha256, "hello world\n") ==
        "qUiQTy8PR5uPgZdpSzAYSw0u0cHNKh7A-4XSmaGSpEc");
}

TEST_CASE("streaming updates equal one update") {
  Hasher hasher(HashAlgorithm::sha256);
  hasher.update("hello ");
  hasher.update("world\n");
  CHECK(hasher.finish_base64url() == "qUiQTy8PR5uPgZdpSzAYSw0u0cHNKh7A-4XSmaGSpEc");
}

TEST_CASE("base64url without padding") {
  CHECK(base64url_without_padding("a") == "YQ");
  CHECK(base64url_without_padding("ab") == "YWI");
  CHECK(base64url_without_padding("abc") == "YWJj");
}

TEST_CASE("weak and unknown algorithms are refused") {
  CHECK(hash_algorithm_named("sha512").ok());
  CHECK(hash_algorithm_named("md5").error().message ==
        "weak hash algorithm 'md5' (sha256 or stronger required)");
  CHECK(hash_algorithm_named("sha1").error().message.find("weak") == 0);
  CHECK(hash_algorithm_named("crc32").error().message == "unknown hash algorithm 'crc32'");
}
