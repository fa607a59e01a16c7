#pragma once
// Streaming inflation of a raw deflate stream (RFC 1951, a zip entry's
// data) with zlib: the only file that includes <zlib.h>. For entries too
// large to inflate whole (whole_inflation.h), and for every deflated entry
// in a build without libdeflate.

#include "inflation_step.h"
#include "result.h"

#include <cstdint>
#include <memory>
#include <string_view>

namespace whlinst {

class RawInflater {
public:
  RawInflater();
  ~RawInflater();
  RawInflater(RawInflater&&) noexcept;
  RawInflater& operator=(RawInflater&&) noexcept;

  // Inflates from `input`, which is advanced past what was consumed, into
  // up to `capacity` bytes at `output`. Produces nothing, without error,
  // when `input` is used up before the end. Error: "corrupt compressed
  // data (zlib's message)". `ended` once the stream's final block is done.
  Result<InflationStep> inflate(std::string_view& input, char* output, size_t capacity);

private:
  struct Stream;
  std::unique_ptr<Stream> stream_; // zlib's state points back at it: never moved
};

// CRC-32 (ISO 3309, as zip uses it) of `bytes` continued from `crc`.
uint32_t crc32_of(uint32_t crc, std::string_view bytes);

} // namespace whlinst
