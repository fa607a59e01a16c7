#include "unicode_normalization.h"

#include "unicode_tables.h"

#include <algorithm>
#include <cstdint>
#include <doctest/doctest.h>
#include <iterator>
#include <string>
#include <tuple>
#include <vector>

using namespace whlinst;

namespace {
#include "unicode_test_vectors.inc"

std::string utf8_of(char32_t cp) {
  if (cp < 0x80)
    return std::string(1, static_cast<char>(cp));
  size_t length = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  static constexpr unsigned char kLead[] = {0, 0, 0xc0, 0xe0, 0xf0};
  std::string text(1, static_cast<char>(kLead[length] | cp >> (6 * (length - 1))));
  for (size_t i = length - 1; i > 0; --i)
    text += static_cast<char>(0x80 | (cp >> (6 * (i - 1)) & 0x3f));
  return text;
}

// make_unicode_tables.py's Fnv and SplitMix.
struct Fnv {
  uint64_t value = 0xCBF29CE484222325u;
  void add(std::string_view data) {
    for (unsigned char byte : data)
      value = (value ^ byte) * 0x100000001B3u;
  }
  void add_forms(std::string_view text) {
    add(nfc(text));
    add(std::string_view("\0", 1));
    add(nfd(text));
    add(std::string_view("\0", 1));
  }
};

struct SplitMix {
  uint64_t state;
  uint64_t next() {
    uint64_t z = state += 0x9E3779B97F4A7C15u;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
  }
};

std::vector<char32_t> sorted_unique(std::vector<char32_t> pool) {
  std::sort(pool.begin(), pool.end());
  pool.erase(std::unique(pool.begin(), pool.end()), pool.end());
  return pool;
}

// make_unicode_tables.py's string_pools(), from the same data.
std::vector<std::vector<char32_t>> string_pools() {
  std::vector<char32_t> composing = {0x41, 0x61};
  for (uint16_t index : unicode::kCompositions) {
    composing.push_back(unicode::kDecompositions[index].first);
    composing.push_back(unicode::kDecompositions[index].second);
  }
  for (auto [first, last, step] : {std::tuple<char32_t, char32_t, char32_t>{0x1100, 0x1112, 1},
                                   {0x1161, 0x1175, 1}, {0x11A8, 0x11C2, 1}, {0xAC00, 0xD7A3, 28 * 7}})
    for (char32_t cp = first; cp <= last; cp += step)
      composing.push_back(cp);
  std::vector<char32_t> classes, decomposable;
  for (const auto& run : unicode::kCombiningClasses)
    for (char32_t cp = run.first; cp <= run.last; ++cp)
      classes.push_back(cp);
  for (const auto& decomposition : unicode::kDecompositions)
    decomposable.push_back(decomposition.code_point);
  return {sorted_unique(composing), sorted_unique(classes), sorted_unique(decomposable)};
}
} // namespace

TEST_CASE("nfc and nfd on chosen cases") {
  CHECK(unicode_version() == kVectorsUnicodeVersion);
  CHECK(nfc("") == "");
  CHECK(nfc("plain/ascii.py") == "plain/ascii.py");
  CHECK(nfc("cafe\u0301.py") == "caf\u00e9.py");
  CHECK(nfd("caf\u00e9.py") == "cafe\u0301.py");
  CHECK(nfc("\u212a") == "K");                          // singleton decomposition
  CHECK(nfc("\u212b") == "\u00c5");                     // singleton to a composite
  CHECK(nfc("\u0958") == "\u0915\u093c");               // composition exclusion
  CHECK(nfc("\u0344") == "\u0308\u0301");               // non-starter decomposition
  CHECK(nfc("\u0f73") == "\u0f71\u0f72");
  CHECK(nfc("\u0b47\u0b3e") == "\u0b4b");               // two starters compose
  CHECK(nfc("\u1100\u1161\u11a8") == "\uac01");         // Hangul L V T
  CHECK(nfc("\uac00\u11a8") == "\uac01");               // Hangul LV T
  CHECK(nfd("\uac01") == "\u1100\u1161\u11a8");
  CHECK(nfc("a\u0302\u0323") == "\u1ead");              // reordered, then composed
  CHECK(nfd("a\u0302\u0323") == "a\u0323\u0302");
  CHECK(nfc("e\u0301\u0301") == "\u00e9\u0301");        // the second mark is blocked
  CHECK(nfc("a\u0308\u0331") == "\u00e4\u0331");        // a lower class does not block
  CHECK(nfc("\u1e9b\u0323") == "\u1e9b\u0323");
  CHECK(nfd("\u1f80\u0301") == "\u03b1\u0313\u0301\u0345");
  CHECK(nfc("\u0301a") == "\u0301a");                   // no starter before the mark
  CHECK(nfc("\xff caf\xc3") == "\xff caf\xc3");         // not UTF-8: unchanged
}

TEST_CASE("nfc and nfd of every code point match Python's unicodedata") {
  REQUIRE(std::size(kBlockHashes) * kVectorBlock == 0x110000);
  for (size_t block = 0; block < std::size(kBlockHashes); ++block) {
    Fnv fnv;
    char32_t first = static_cast<char32_t>(block * kVectorBlock);
    for (char32_t cp = first; cp < first + kVectorBlock; ++cp)
      if (cp < 0xD800 || cp > 0xDFFF)
        fnv.add_forms(utf8_of(cp));
    CAPTURE(first);
    CHECK(fnv.value == kBlockHashes[block]);
  }
}

TEST_CASE("nfc and nfd of pseudo-random strings match Python's unicodedata") {
  std::vector<std::vector<char32_t>> pools = string_pools();
  SplitMix random{kRandomSeed};
  REQUIRE(std::size(kRandomHashes) * kRandomChunk == kRandomStrings);
  for (size_t chunk = 0; chunk < std::size(kRandomHashes); ++chunk) {
    Fnv fnv;
    for (size_t i = 0; i < kRandomChunk; ++i) {
      std::string text;
      for (uint64_t length = 1 + random.next() % 8; length > 0; --length) {
        const std::vector<char32_t>& pool = pools[random.next() % 3];
        text += utf8_of(pool[random.next() % pool.size()]);
      }
      fnv.add_forms(text);
    }
    CAPTURE(chunk);
    CHECK(fnv.value == kRandomHashes[chunk]);
  }
}
