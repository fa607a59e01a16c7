#pragma once
// Inflation of a whole deflated entry in one call with libdeflate (the only
// file that includes <libdeflate.h>), about twice as fast as zlib's
// streaming inflate, which libzip uses. Only for entries small enough to
// hold in memory (Archive decides); the CRC-32 is checked here too.

#include "result.h"

#include <cstdint>
#include <memory>
#include <string_view>

namespace whlinst {

// Whether this build has libdeflate (meson: found by dependency()).
bool whole_inflation_available();

struct InflatedBytes {
  std::unique_ptr<char[]> data;
  size_t size = 0;
};

// Inflates raw deflate `compressed` that must give exactly `declared_size`
// bytes with CRC-32 `crc`. Errors say what is wrong (without the entry's
// name): corrupt data, more or fewer bytes than declared, CRC mismatch.
Result<InflatedBytes> inflate_whole(std::string_view compressed, uint64_t declared_size, uint32_t crc);

} // namespace whlinst
