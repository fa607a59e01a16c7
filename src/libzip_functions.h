#pragma once
// The libzip functions whlinst calls, through a table (shared_library.h):
// libzip.so is loaded only by a run that reads an archive other than a
// plain zip file (plain_zip.h) or an entry neither stored, deflated nor
// compressed with bzip2 (LZMA, zstd...).

#include "shared_library.h"

#include <zip.h>

#define WHLINST_LIBZIP_FUNCTIONS(X)                                                                                    \
  X(zip_compression_method_supported)                                                                                  \
  X(zip_discard)                                                                                                       \
  X(zip_error_code_zip)                                                                                                \
  X(zip_error_fini)                                                                                                    \
  X(zip_error_init)                                                                                                    \
  X(zip_error_init_with_code)                                                                                          \
  X(zip_error_strerror)                                                                                                \
  X(zip_fclose)                                                                                                        \
  X(zip_fdopen)                                                                                                        \
  X(zip_file_get_error)                                                                                                \
  X(zip_file_get_external_attributes)                                                                                  \
  X(zip_fopen_index)                                                                                                   \
  X(zip_fread)                                                                                                         \
  X(zip_get_name)                                                                                                      \
  X(zip_get_num_entries)                                                                                               \
  X(zip_open)                                                                                                          \
  X(zip_open_from_source)                                                                                              \
  X(zip_source_buffer_create)                                                                                          \
  X(zip_source_free)                                                                                                   \
  X(zip_stat_index)                                                                                                    \
  X(zip_stat_init)                                                                                                     \
  X(zip_strerror)

namespace whlinst {

struct ZipFunctions {
  WHLINST_LIBZIP_FUNCTIONS(WHLINST_FUNCTION_MEMBER)
  // Every function, from the shared library (libzip_functions_loaded.cpp)
  // or linked (libzip_functions_linked.cpp).
  static Result<ZipFunctions> find();
};

// libzip's functions, loaded by the first call. Error: "cannot load
// libzip.so.N (...)".
inline Result<const ZipFunctions*> load_zip_functions() { return LibraryFunctions<ZipFunctions>::load(); }

// The functions, for code that holds a libzip handle (so load_zip_functions
// succeeded).
inline const ZipFunctions& zip_functions() { return LibraryFunctions<ZipFunctions>::loaded(); }

} // namespace whlinst
