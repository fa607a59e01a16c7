#pragma once
// The Unicode Character Database data that canonical normalization needs
// (UAX #15), generated into unicode_tables.inc by make_unicode_tables.py from
// Python's unicodedata; that file names the Unicode version. Used by
// unicode_normalization.cpp and its test only.

#include <cstdint>

namespace whlinst::unicode {

// Code points first..last all have canonical combining class `ccc` (never 0).
struct CombiningClassRun {
  char32_t first;
  char32_t last;
  uint8_t ccc;
};

// One level of canonical decomposition: code_point -> first [second]
// (second is 0 for a singleton).
struct Decomposition {
  char32_t code_point;
  char32_t first;
  char32_t second;
};

// kUnicodeVersion, kCombiningClasses (sorted runs), kDecompositions (sorted
// by code point, Hangul syllables excluded), kCompositions (indices into
// kDecompositions of the primary composites, sorted by {first, second}).
#include "unicode_tables.inc"

} // namespace whlinst::unicode
