#pragma once
// Streaming decompression of a bzip2 stream (a zip entry of method 12,
// APPNOTE.TXT 4.4.5 and 5.7) with libbz2, loaded when first needed
// (bzip2_functions.h): the only file that calls libbz2. Such an entry is
// one complete bzip2 stream ("BZh", blocks, the end-of-stream marker).

#include "inflation_step.h"
#include "result.h"

#include <memory>
#include <string_view>

namespace whlinst {

// Loads libbz2 on the first call, for the rest of the process: ok when
// bzip2 entries can be read. Error, the same every call: "cannot load
// libbz2.so.N (...)" or "libbz2.so.N has no NAME".
Status load_bzip2_inflation();

class Bzip2Inflater {
public:
  // A decompressor at the start of a stream. Errors: "cannot load
  // libbz2.so.N (...)" (or "libbz2.so.N has no NAME"), "out of memory while
  // inflating", "cannot start bzip2 decompression (libbz2 error N)".
  static Result<Bzip2Inflater> start();
  ~Bzip2Inflater();
  Bzip2Inflater(Bzip2Inflater&&) noexcept;
  Bzip2Inflater& operator=(Bzip2Inflater&&) noexcept;

  // Decompresses from `input`, which is advanced past what was consumed,
  // into up to `capacity` bytes at `output`; `ended` once the end-of-stream
  // marker and the stream's CRC are read and checked. Produces nothing,
  // without error, when `input` is used up before the end. Must not be
  // called once ended. Errors: "corrupt compressed data (not a bzip2
  // stream)", "corrupt compressed data (bzip2 blocks fail their CRC or do
  // not parse)", "out of memory while inflating".
  Result<InflationStep> inflate(std::string_view& input, char* output, size_t capacity);

private:
  struct Stream;
  explicit Bzip2Inflater(std::unique_ptr<Stream> stream);
  std::unique_ptr<Stream> stream_; // libbz2's state points back at it: never moved
};

} // namespace whlinst
