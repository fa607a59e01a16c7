#pragma once
// libzip handles owned by std::unique_ptr (zip_discard, zip_fclose,
// zip_source_free on destruction), and opening an archive from a path, a
// descriptor or bytes in memory, through libzip_functions.h. Included only
// by the archive_* and entry_reader files: with them, the only ones that
// include <zip.h>.

#include "libzip_functions.h"

#include <memory>
#include <string>
#include <string_view>

namespace whlinst {

struct ZipDiscard {
  void operator()(zip_t* zip) const { zip_functions().zip_discard(zip); }
};
struct ZipFileClose {
  void operator()(zip_file_t* file) const { zip_functions().zip_fclose(file); }
};
struct ZipSourceFree {
  void operator()(zip_source_t* source) const { zip_functions().zip_source_free(source); }
};

using ZipArchive = std::unique_ptr<zip_t, ZipDiscard>;
using ZipFile = std::unique_ptr<zip_file_t, ZipFileClose>;
using ZipSource = std::unique_ptr<zip_source_t, ZipSourceFree>;

// Where an archive's bytes are: `bytes` when not null, else the file `fd`
// when valid, else the file at `path`.
struct ZipInput {
  const std::string& path;
  const std::string_view* bytes = nullptr;
  int fd = -1; // an open descriptor of path, given to libzip on success
};

// Opens `input` with libzip's `flags` (ZIP_RDONLY, ZIP_CHECKCONS), once
// load_zip_functions() succeeded. On failure returns null and sets `code`
// to libzip's error code (ZIP_ER_*). On success from a descriptor, libzip
// owns it.
ZipArchive open_zip(const ZipInput& input, int flags, int& code);

} // namespace whlinst
