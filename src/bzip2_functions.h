#pragma once
// The libbz2 functions bzip2_inflater.cpp calls, through a table
// (shared_library.h): linked from libbz2's static archive when there is
// one (meson.build), else libbz2.so is loaded only by a run that meets an
// entry compressed with bzip2 (zip method 12). Such entries are read through
// libbz2 alone rather than libzip, whose loading brings libcrypto.so (and
// with Debian's libzip 1.7.3 libz.so) and cost a small bzip2 wheel about
// 4 ms over unzip (bench/RESULTS-fixed-cost.md).

#include "shared_library.h"

#include <bzlib.h>

#define WHLINST_LIBBZ2_FUNCTIONS(X)                                                                                    \
  X(BZ2_bzDecompress)                                                                                                  \
  X(BZ2_bzDecompressEnd)                                                                                               \
  X(BZ2_bzDecompressInit)

namespace whlinst {

struct Bzip2Functions {
  WHLINST_LIBBZ2_FUNCTIONS(WHLINST_FUNCTION_MEMBER)
  // Every function, from the shared library (bzip2_functions_loaded.cpp)
  // or linked (bzip2_functions_linked.cpp).
  static Result<Bzip2Functions> find();
};

// libbz2's functions, loaded by the first call. Error: "cannot load
// libbz2.so.N (...)" or "libbz2.so.N has no NAME".
inline Result<const Bzip2Functions*> load_bzip2_functions() { return LibraryFunctions<Bzip2Functions>::load(); }

// The functions, once load_bzip2_functions() succeeded.
inline const Bzip2Functions& bzip2_functions() { return LibraryFunctions<Bzip2Functions>::loaded(); }

} // namespace whlinst
