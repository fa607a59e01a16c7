#pragma once
// Unicode canonical normalization forms NFC and NFD (Unicode Standard Annex
// #15, "Unicode Normalization Forms"; The Unicode Standard, section 3.11),
// as Python's unicodedata.normalize computes them, for comparing names that
// look the same. The data is that of unicode_version(). Pure functions, no
// I/O.

#include <string>
#include <string_view>

namespace whlinst {

// NFC: canonical decomposition, canonical ordering, then canonical
// composition (UAX #15 section 3; Hangul syllables algorithmically, section
// 3.12 of the standard). `utf8` is expected to be valid UTF-8; anything else
// (see is_valid_utf8) is returned unchanged. ASCII is returned as it is,
// without table lookups.
std::string nfc(std::string_view utf8);

// NFD: canonical decomposition and canonical ordering only; same input rules.
std::string nfd(std::string_view utf8);

// Whether every byte is below 0x80 (then every normalization form is the
// identity).
bool is_ascii(std::string_view text);

// The Unicode version of the tables, e.g. "15.1.0".
std::string_view unicode_version();

} // namespace whlinst
