#pragma once
// What one call of a streaming decompressor did (raw_inflater.h for
// deflate, bzip2_inflater.h for bzip2): entry_reader.cpp drives either the
// same way.

#include <cstddef>

namespace whlinst {

struct InflationStep {
  size_t produced = 0; // bytes written to the output
  bool ended = false;  // the compressed stream is complete
};

} // namespace whlinst
