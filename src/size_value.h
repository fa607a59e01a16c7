#pragma once
// Values of the size caps (--max-unpacked-size, --max-compression-ratio and
// their configuration keys). Pure functions, no I/O.

#include "result.h"

#include <cstdint>
#include <string_view>

namespace whlinst {

// A size in bytes: a whole decimal number, optionally followed at once by a
// unit, all powers of 1024 and case-insensitive: K or KiB (1024), M or MiB
// (1024^2), G or GiB (1024^3), T or TiB (1024^4). "500M" is 524288000 bytes,
// "4GiB" and "4G" are 4294967296. No fractions, signs, spaces or decimal (kB,
// MB) units. Errors: not of this form, zero, or more than 2^64 - 1 bytes; the
// message names neither the option nor the file (the caller adds them).
Result<uint64_t> parse_size(std::string_view text);

// A whole decimal number from 1 to 2^64 - 1, e.g. a compression ratio.
Result<uint64_t> parse_positive_number(std::string_view text);

} // namespace whlinst
