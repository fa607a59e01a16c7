#include "hash.h"
#include "test_support.h"

#include <doctest/doctest.h>

using namespace whlinst;
using namespace whlinst::testing;

TEST_CASE("sha256 digests match Python's urlsafe_b64encode without padding") {
  CHECK(digest_base64url(HashAlgorithm::sha256, "") == "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
  CHECK(digest_base64url(HashAlgorithm::sha256, "hello world\n") == "qUiQTy8PR5uPgZdpSzAYSw0u0cHNKh7A-4XSmaGSpEc");
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
  CHECK(hash_algorithm_named("md5").error().message == "weak hash algorithm 'md5' (sha256 or stronger required)");
  CHECK(hash_algorithm_named("sha1").error().message.find("weak") == 0);
  CHECK(hash_algorithm_named("crc32").error().message == "unknown hash algorithm 'crc32'");
}

TEST_CASE("every accepted algorithm gives hashlib's digest, in one update or in pieces") {
  // hashlib.new(name, b"abc" * 1000).hexdigest()
  const std::pair<HashAlgorithm, std::string_view> expected[] = {
      {HashAlgorithm::sha256, "328de8f1895f8bb09f6e6b4c2012ef2b2a6f067cd002794b750aa040a6f6d8bd"},
      {HashAlgorithm::sha384, "a1fa5bbc3c988c6f18ca7e9056dc82d43b0778ae87982fb20a81a0f098860888f46b838f592a06cbc55f3e"
                              "48e6bc0a1f"},
      {HashAlgorithm::sha512, "14e615e6e7d4cf8cc75df5f408c558ddc98ad6eace44cabff9b4dcc9c8a4c22c0d772680f0267eb2595847"
                              "c4dae7ecae06fc374d37f9f65db8502b0b7c048db1"},
      {HashAlgorithm::sha3_256, "7a025f2f234fc3ffadc473b1a3af1a4512d10f22328fd8472437acdf212ff582"},
      {HashAlgorithm::sha3_384, "f81efc8cafbc43d3cd759c2ea49dfffe6687d87bae2805e91478aea4992d256ee76d12619c705996b4c9"
                                "cabeae63d90e"},
      {HashAlgorithm::sha3_512, "c390a65a58827626a0036925359f2bd3de7a4365d4bd03168558f96028631fcc9e24530fe0841e918b85"
                                "dd5df17a91b5787604d20d9f5f5b3949f068d0ccb3ff"},
      {HashAlgorithm::blake2b, "c8927a5469131bcab3b310f9b4443b3fbe16b920768d599981a5276b197c9ee14080682b8c42bf7eb1dca"
                               "ed0a4802f1e7b26b5392736ff7acec2c8bb37dd37af"},
  };
  std::string data;
  for (int i = 0; i < 1000; ++i)
    data += "abc";
  for (const auto& [algorithm, hex] : expected) {
    std::string name(hash_algorithm_name(algorithm)); // a structured binding cannot be captured (clang 14)
    CAPTURE(name);
    Hasher whole(algorithm);
    whole.update(data);
    CHECK(whole.finish_hex() == hex);
    Hasher pieces(algorithm);
    for (size_t at = 0; at < data.size(); at += 7)
      pieces.update(std::string_view(data).substr(at, 7));
    CHECK(pieces.finish_hex() == hex);
  }
}

TEST_CASE("SHA-3 and BLAKE2b of every length from 0 to 400 bytes, across every block boundary, equal hashlib's") {
  // hashlib.sha256("".join(hashlib.new(name, m[:n]).hexdigest() for n in
  // range(401)).encode()).hexdigest(), m = bytes((7 * i + 3) % 256 for i in range(400))
  const std::pair<HashAlgorithm, std::string_view> expected[] = {
      {HashAlgorithm::sha3_256, "dddc540866a13c8e133cd1ba33823ffb828ce85576ab3dade4383576ba82098c"},
      {HashAlgorithm::sha3_384, "4546f1ad1f45d970624c84878becf4e25e3e68e52184f7241f0e1454ba92938c"},
      {HashAlgorithm::sha3_512, "0bba663365ffec6989043dfed031b6d427a10003c299066d0884388d43362a92"},
      {HashAlgorithm::blake2b, "490cdbea321be49dbacb7372d04cef52d53ae1ee1093856be63ef5c2d1653365"},
  };
  std::string message = patterned_bytes(400);
  for (const auto& [algorithm, joined_digest] : expected) {
    std::string name(hash_algorithm_name(algorithm)); // a structured binding cannot be captured (clang 14)
    CAPTURE(name);
    std::string joined;
    for (size_t length = 0; length <= message.size(); ++length) {
      Hasher hasher(algorithm);
      hasher.update(std::string_view(message).substr(0, length));
      joined += hasher.finish_hex();
    }
    Hasher outer(HashAlgorithm::sha256);
    outer.update(joined);
    CHECK(outer.finish_hex() == joined_digest);
  }
}
